import { assignmentFields, caseFields, type Replay } from '../case/replay.js';

// Compares the rows of one case with the state its events determine (src/domain/case/replay.ts). Pure.

export interface RowMismatch {
  /** null for the case row; the assignment's id for an assignment row. */
  assignmentId: number | null;
  /** A column name, or `assignments` / `events` for a difference not in one column. */
  field: string;
  recorded: string;
  derived: string;
}

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return '空';
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

function same(recorded: unknown, derived: unknown): boolean {
  if (recorded == null || derived == null) return recorded == null && derived == null;
  if (derived instanceof Date) return new Date(recorded as Date).getTime() === derived.getTime();
  if (typeof derived === 'number') return Number(recorded) === derived;
  return recorded === derived;
}

/** Every difference between a case's rows and its replayed state; an empty list when they agree. */
export function rowMismatches(
  replay: Replay, caseRow: Record<string, unknown>, assignmentRows: readonly Record<string, unknown>[],
): RowMismatch[] {
  const out: RowMismatch[] = [];
  for (const p of replay.problems) out.push({ assignmentId: null, field: 'events', recorded: '—', derived: p });
  for (const field of caseFields) {
    if (replay.unknown.has(field)) continue;
    const derived = replay.row[field];
    if (!same(caseRow[field], derived)) out.push({ assignmentId: null, field, recorded: shown(caseRow[field]), derived: shown(derived) });
  }
  const rows = new Map(assignmentRows.map((a) => [Number(a.id), a]));
  if (assignmentRows.length !== replay.assignments.length) {
    out.push({ assignmentId: null, field: 'assignments', recorded: `${assignmentRows.length} 条交办`, derived: `${replay.assignments.length} 条交办` });
  }
  for (const a of replay.assignments) {
    const r = rows.get(a.id);
    if (!r) continue;
    const unknown = replay.unknownOf.get(a.id);
    for (const field of assignmentFields) {
      if (unknown?.has(field)) continue;
      if (!same(r[field], a[field])) out.push({ assignmentId: a.id, field, recorded: shown(r[field]), derived: shown(a[field]) });
    }
  }
  return out;
}

/** One mismatch in words (zh-CN), e.g. `案件 YW20261102-ABCD2345 字段 rating：记录为 satisfied，事件推导为 unsatisfied`. */
export function describeMismatch(code: string, m: RowMismatch): string {
  const where = m.assignmentId === null ? `案件 ${code}` : `案件 ${code} 交办 #${m.assignmentId}`;
  if (m.field === 'events') return `${where} 事件与历史不符：${m.derived}`;
  return `${where} 字段 ${m.field}：记录为 ${m.recorded}，事件推导为 ${m.derived}`;
}
