import { emptyCounts, type DepartmentCounts } from '../../../domain/assessment/scorecard.js';
import { beijingDate, beijingDayStart } from '../../../domain/calendar/local-time.js';
import type { Tx } from '../../kernel/index.js';

// A unit renamed or merged during a period is one line of the scorecard with its history in the name: facts stay keyed
// by the department id they were recorded under, and are added to the successor's here when the merge took effect
// before the period ended (a period that ended before the merge keeps its lines as they were published).

/** Adds the counts of units merged before `to` into their successor's (following chains of merges). */
export async function foldMergedUnits(db: Tx, counts: Map<number, DepartmentCounts>, to: Date): Promise<Map<number, DepartmentCounts>> {
  const merged = await db.selectFrom('departments').select(['id', 'successor_id', 'retired_on']).where('successor_id', 'is not', null).execute();
  if (!merged.length) return counts;
  const next = new Map(merged.filter((m) => m.retired_on != null && beijingDayStart(m.retired_on).getTime() < to.getTime()).map((m) => [m.id, m.successor_id!]));
  const finalOf = (id: number) => {
    const seen = new Set([id]);
    let x = id;
    while (next.has(x) && !seen.has(next.get(x)!)) {
      x = next.get(x)!;
      seen.add(x);
    }
    return x;
  };
  const out = new Map<number, DepartmentCounts>();
  for (const [id, c] of counts) {
    const target = finalOf(id);
    const sum = out.get(target) ?? emptyCounts();
    for (const k of Object.keys(c) as (keyof DepartmentCounts)[]) sum[k] += c[k];
    out.set(target, sum);
  }
  return out;
}

/** Per unit, its renames and merges effective inside [from, to), in words: "（原市城市管理和综合执法局，2026-11-15 更名）". */
export async function periodUnitHistory(db: Tx, from: Date, to: Date): Promise<Map<number, string>> {
  const first = beijingDate(from);
  const last = beijingDate(new Date(to.getTime() - 1));
  const rows = await db.selectFrom('department_changes as c').leftJoin('departments as o', 'o.id', 'c.other_id')
    .select(['c.department_id', 'c.change', 'c.effective_on', 'c.before', 'o.name as other_name'])
    .where('c.change', 'in', ['rename', 'merged_in']).where('c.effective_on', '>=', first).where('c.effective_on', '<=', last)
    .orderBy('c.effective_on').orderBy('c.id').execute();
  const notes = new Map<number, string[]>();
  for (const r of rows) {
    const text = r.change === 'rename'
      ? `原${(r.before as { name?: string } | null)?.name ?? ''}，${r.effective_on} 更名`
      : `含原${r.other_name ?? ''}，${r.effective_on} 并入`;
    notes.set(r.department_id, [...(notes.get(r.department_id) ?? []), text]);
  }
  return new Map([...notes].map(([id, list]) => [id, `（${list.join('；')}）`]));
}
