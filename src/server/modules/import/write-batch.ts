import { sql } from 'kysely';
import { eventHash } from '../../../domain/audit/chain.js';
import { decideImported, type ImportedCasePatch } from '../../../domain/case/decide-imported.js';
import type { CaseStatus } from '../../../domain/case/status.js';
import type { Actor } from '../../../domain/case/types.js';
import type { EngineKind } from '../../db/engine.js';
import type { CaseRow } from '../../db/schema.js';
import type { Tx } from '../../kernel/index.js';
import { newCaseCode } from '../cases/index.js';
import {
  assignmentColumns, caseColumns, insertImportedCases, names, rowsFrom, writeImportedUpdate, type Columns,
} from '../cases/index.js';
import { batchCaseCodes, eventStamp, firstEventContent, planNewCase, type ResolvedRecord } from './plan-case.js';
import { beijingDateTime } from '../../../domain/calendar/local-time.js';

// The import's batches: one transaction per batch, serialised per source by an advisory lock. What a record does to
// its case is decided by decideImported() (src/domain/case/decide-imported.ts) and written by the cases writer
// (modules/cases/import-writes.ts); this file writes only the import's own tables (import_records,
// import_run_errors). The (source, key) lookup and the planning of new cases happen before the transaction
// (prepare-batch.ts); what an existing case becomes is read and decided inside it (planUpdate).

export type Outcome = 'create' | 'update' | 'skip' | 'fail';

export interface RowOutcome {
  rowNumber: number;
  outcome: Outcome;
  key: string | null;
  caseId: number | null;
  errors: string[];
  warnings: string[];
  /** For updates: what changes (zh-CN). For skips: why. */
  changes: string[];
}

export interface ExistingRecord {
  caseId: number;
  fingerprint: string;
}

/** A row object as an array in column order (undefined → null). */
export function inColumnOrder(columns: Columns, row: Record<string, unknown>): unknown[] {
  return columns.map(([c]) => row[c] ?? null);
}

export async function lockSource(tx: Tx, source: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`yw_import:${source}`}))`.execute(tx);
}

export async function findExisting(db: Tx, source: string, keys: string[]): Promise<Map<string, ExistingRecord>> {
  const out = new Map<string, ExistingRecord>();
  for (let i = 0; i < keys.length; i += 5000) {
    const part = keys.slice(i, i + 5000);
    if (!part.length) continue;
    const rows = await sql<{ record_key: string; case_id: number; fingerprint: string }>`SELECT i.record_key, i.case_id, i.fingerprint
      FROM jsonb_array_elements_text(${JSON.stringify(part)}::jsonb) AS k(key) JOIN import_records i ON i.source = ${source} AND i.record_key = k.key`.execute(db);
    for (const r of rows.rows) out.set(r.record_key, { caseId: Number(r.case_id), fingerprint: r.fingerprint });
  }
  return out;
}

/**
 * Case ids for a batch's new cases, taken before its transaction (sequences are not transactional; an id taken by a
 * run that then fails is a gap, as with any rolled-back insert). PGlite is one session, so one statement can take a
 * block by moving the sequence on; a PostgreSQL server has other sessions drawing from it, so every id is drawn.
 */
export async function reserveIds(db: Tx, n: number, engine: EngineKind): Promise<number[]> {
  if (n <= 0) return [];
  if (engine === 'pglite') {
    const r = await sql<{ last: number }>`SELECT setval(pg_get_serial_sequence('cases', 'id'), nextval(pg_get_serial_sequence('cases', 'id')) + ${n - 1}::int) AS last`.execute(db);
    const last = Number(r.rows[0].last);
    return Array.from({ length: n }, (_, i) => last - n + 1 + i);
  }
  const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id FROM generate_series(1, ${n}::int)`.execute(db);
  return r.rows.map((x) => Number(x.id));
}

/** A batch's new cases, planned and serialised before its transaction starts (see run-import.ts). */
export interface PlannedCreates {
  ids: number[];
  /** Rows in column order (kept to redraw a clashing tracking code), and the same as jsonb text. */
  cases: unknown[][];
  events: string[];
  assignments: unknown[][];
  index: unknown[][];
  json: { cases: string; events: string; assignments: string; index: string };
}

const indexColumns = [['source', 'text'], ['record_key', 'text'], ['case_id', 'bigint'], ['fingerprint', 'text'], ['run_id', 'bigint'], ['row_number', 'integer']] as const;

/** Rows planned between two turns of the event loop (see planCreates). */
const planSlice = 250;

/**
 * Plans new cases (ids already reserved): rows, first events with their hashes, lead assignments, index rows. It
 * runs while the previous batch's transaction is open, so it hands the event loop back every few hundred rows:
 * the next statement of that transaction is then sent as soon as the database answers, not after a whole batch of
 * hashing.
 */
export async function planCreates(source: string, records: ResolvedRecord[], ids: number[], actor: Actor, now: Date, runId: number): Promise<PlannedCreates> {
  const codes = batchCaseCodes(records.map((r) => r.record.createdAt));
  const stamp = eventStamp(actor, now);
  const checked = new Set<string>();
  const cases: unknown[][] = [];
  const events: string[] = [];
  const assignments: unknown[][] = [];
  const index: unknown[][] = [];
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && i % planSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    const r = records[i];
    const p = planNewCase(ids[i], codes[i], source, r, stamp);
    if (!checked.has(p.type)) {
      // The hash is built from sorted text without canonicalJson (plan-case.ts): hold it to eventHash once per type.
      checked.add(p.type);
      if (eventHash('', firstEventContent(stamp, ids[i], p.type, p.payload)) !== p.caseRow.last_event_hash) {
        throw new Error(`first event hash of ${p.type} differs from eventHash: are the payload's keys sorted?`);
      }
    }
    cases.push(inColumnOrder(caseColumns, p.caseRow));
    events.push(p.eventJson);
    if (p.assignment) assignments.push(inColumnOrder(assignmentColumns, p.assignment));
    index.push([source, r.record.key, ids[i], r.record.fingerprint, runId, r.rowNumber]);
  }
  return { ids, cases, events, assignments, index, json: serialise(cases, events, assignments, index) };
}

function serialise(cases: unknown[][], events: string[], assignments: unknown[][], index: unknown[][]): PlannedCreates['json'] {
  return { cases: JSON.stringify(cases), events: `[${events.join(',')}]`, assignments: JSON.stringify(assignments), index: JSON.stringify(index) };
}

const codeAt = caseColumns.findIndex(([c]) => c === 'code');
const createdAt = caseColumns.findIndex(([c]) => c === 'created_at');

/**
 * Writes planned new cases with their first event, lead assignment and index row in one statement (data-modifying
 * CTEs: one round trip; the foreign keys are checked at its end). Tracking codes are random (40 bits per day): a case
 * whose code clashes with an earlier one is left out with its other rows, and written again with a new code. The keys
 * are new (looked up after the previous batch's writes while the run holds its source), so import_records gets a
 * plain insert: a key that is somehow there already fails the batch rather than pointing to a second case.
 */
export async function insertCases(tx: Tx, planned: PlannedCreates): Promise<void> {
  let { cases, events, assignments, index } = planned;
  let json = planned.json;
  for (let attempt = 1; cases.length; attempt++) {
    // The index rows go in the cases writer's statement, for the cases it wrote (c).
    const indexRows = sql`INSERT INTO import_records (${names(indexColumns)}) ${rowsFrom(indexColumns, json.index, sql` WHERE (r->>2)::bigint IN (SELECT id FROM c)`)}`;
    const written = await insertImportedCases(tx, json, indexRows);
    if (written.size === cases.length) return;
    if (attempt >= 5) throw new Error('could not draw unique case codes');
    const left = (id: unknown) => !written.has(id as number);
    cases = cases.filter((c) => left(c[0])).map((c) => c.map((v, i) => (i === codeAt ? newCaseCode(new Date(c[createdAt] as string | Date)) : v)));
    events = events.filter((e) => left(Number(e.slice(1, e.indexOf(',')))));
    assignments = assignments.filter((a) => left(a[0]));
    index = index.filter((x) => left(x[2]));
    json = serialise(cases, events, assignments, index);
  }
}

/** Problems of a batch's rows (import_run_errors). */
export async function insertProblems(tx: Tx, problems: { run_id: number; row_number: number; kind: string; message: string; record_key: string | null }[]) {
  if (!problems.length) return;
  await sql`INSERT INTO import_run_errors (run_id, row_number, kind, message, record_key)
    SELECT (r->>0)::bigint, (r->>1)::integer, r->>2, r->>3, r->>4
    FROM jsonb_array_elements(${JSON.stringify(problems.map((p) => [p.run_id, p.row_number, p.kind, p.message, p.record_key]))}::jsonb) AS r`.execute(tx);
}

async function upsertIndex(tx: Tx, row: { source: string; record_key: string; case_id: number; fingerprint: string; run_id: number; row_number: number }) {
  await tx.insertInto('import_records').values(row)
    .onConflict((oc) => oc.columns(['source', 'record_key']).doUpdateSet({ case_id: row.case_id, fingerprint: row.fingerprint, run_id: row.run_id, row_number: row.row_number }))
    .execute();
}

export interface UpdatePlan {
  /** Changes in words; empty = nothing to write (skip). */
  changes: string[];
  /** Why the row is not applied although it changed. */
  refused?: string;
  apply?: (tx: Tx) => Promise<void>;
}

const stateLabel = (s: string) => ({ closed: '已办结', submitted: '未办结（待受理）', rejected: '不予受理' } as Record<string, string>)[s] ?? s;
const ratingLabel = (r: string | null) => (r ? ({ satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as Record<string, string>)[r] ?? r : '—');
const day = (d: Date | null) => (d ? beijingDateTime(d) : '—');

/**
 * What a changed row does to the case it became. Only cases whose whole history is the import are changed (a case
 * handled here since is not overwritten from a file); a finished case does not go back to open.
 */
export async function planUpdate(
  db: Tx, source: string, r: ResolvedRecord, caseId: number, actor: Actor, now: Date, runId: number,
  nameOf: { dept: (id: number | null) => string; category: (id: number) => string },
): Promise<UpdatePlan> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) return { changes: [], refused: '原导入的诉求已不存在' };
  const events = await db.selectFrom('case_events').select(['type']).where('case_id', '=', caseId).orderBy('seq').execute();
  const d = decideImported(source, r, { status: row.status as CaseStatus, eventTypes: events.map((e) => e.type), describe: (patch) => describeChanges(row, patch, nameOf) });
  if (!d.ok) return { changes: [], refused: d.refused };
  const rec = r.record;
  const apply = async (tx: Tx) => {
    await writeImportedUpdate(tx, row, d, actor, now);
    await upsertIndex(tx, { source, record_key: rec.key, case_id: caseId, fingerprint: rec.fingerprint, run_id: runId, row_number: r.rowNumber });
  };
  return { changes: d.changes, apply };
}

/** What an update changes on the case, in words (zh-CN), for the run's report and the event. */
function describeChanges(row: CaseRow, patch: ImportedCasePatch, nameOf: { dept: (id: number | null) => string; category: (id: number) => string }): string[] {
  const changes: string[] = [];
  const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date
    ? (a ? new Date(a as Date).getTime() : null) === (b ? new Date(b as Date).getTime() : null)
    : (a ?? null) === (b ?? null));
  if (row.status !== patch.status) changes.push(`状态：${stateLabel(row.status)} → ${stateLabel(patch.status)}`);
  if (!same(row.lead_department_id, patch.leadDepartmentId)) changes.push(`承办单位：${nameOf.dept(row.lead_department_id)} → ${nameOf.dept(patch.leadDepartmentId)}`);
  if (!same(row.reply_text, patch.replyText)) changes.push('答复意见已更新');
  if (!same(row.rating, patch.rating)) changes.push(`满意度：${ratingLabel(row.rating)} → ${ratingLabel(patch.rating)}`);
  if (!same(row.closed_at, patch.closedAt)) changes.push(`办结时间：${day(row.closed_at)} → ${day(patch.closedAt)}`);
  if (!same(row.replied_at, patch.repliedAt)) changes.push(`答复时间：${day(row.replied_at)} → ${day(patch.repliedAt)}`);
  if (!same(row.title, patch.title)) changes.push('标题已更新');
  if (!same(row.description, patch.description)) changes.push('内容已更新');
  if (!same(row.category_id, patch.categoryId)) changes.push(`类别：${nameOf.category(row.category_id)} → ${nameOf.category(patch.categoryId)}`);
  if (!same(row.district_id, patch.districtId) || !same(row.address, patch.address)) changes.push('区县或地址已更新');
  if (!same(row.submitter_phone, patch.submitterPhone) || !same(row.submitter_name, patch.submitterName) || !same(row.enterprise_name, patch.enterpriseName)) {
    changes.push('诉求人信息已更新');
  }
  if (!changes.length) {
    // Only values we do not keep on the case changed (e.g. the source's status text): record the new fingerprint.
    changes.push('原系统记录有变化（状态文字等），诉求内容不变');
  }
  return changes;
}

/** Records the new fingerprint of a row whose change does not touch the case (refused updates keep the old one). */
export async function touchIndex(tx: Tx, source: string, key: string, fingerprint: string, runId: number, rowNumber: number) {
  await tx.updateTable('import_records').set({ fingerprint, run_id: runId, row_number: rowNumber })
    .where('source', '=', source).where('record_key', '=', key).execute();
}
