import { sql, type Kysely, type RawBuilder } from 'kysely';
import { eventHash } from '../../../domain/audit/chain.js';
import { importedEventType } from '../../../domain/case/imported.js';
import type { Actor } from '../../../domain/case/types.js';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../cases/repository.js';
import { newCaseCode } from '../cases/create-case.js';
import { assignmentColumns, batchCaseCodes, caseColumns, eventColumns, importedHistory, planNewCase, type ResolvedRecord } from './plan-case.js';

// All SQL that writes imported cases: one transaction per batch, serialised per source by an advisory lock, so the
// (source, key) check and the inserts cannot race with another import of the same source. Rows go in as one
// json_to_recordset statement per table (portable across PGlite and PostgreSQL, one round trip per table).

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

/** INSERT … SELECT FROM json_to_recordset: one parameter, typed columns. */
function recordset(columns: readonly (readonly [string, string])[], rows: readonly Record<string, unknown>[]): RawBuilder<unknown> {
  const defs = sql.raw(columns.map(([c, t]) => `${c} ${t}`).join(', '));
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) AS x(${defs})`;
}

function names(columns: readonly (readonly [string, string])[]) {
  return sql.raw(columns.map(([c]) => c).join(', '));
}

export async function lockSource(tx: Tx, source: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`yw_import:${source}`}))`.execute(tx);
}

export async function findExisting(tx: Tx, source: string, keys: string[]): Promise<Map<string, ExistingRecord>> {
  const out = new Map<string, ExistingRecord>();
  for (let i = 0; i < keys.length; i += 5000) {
    const part = keys.slice(i, i + 5000);
    if (!part.length) continue;
    const rows = await tx.selectFrom('import_records').select(['record_key', 'case_id', 'fingerprint'])
      .where('source', '=', source).where('record_key', 'in', part).execute();
    for (const r of rows) out.set(r.record_key, { caseId: Number(r.case_id), fingerprint: r.fingerprint });
  }
  return out;
}

async function reserveIds(tx: Tx, n: number): Promise<number[]> {
  const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id FROM generate_series(1, ${n}::int)`.execute(tx);
  return r.rows.map((x) => Number(x.id));
}

/** Inserts new cases with their first event and lead assignment. Returns the ids written. */
export async function insertCases(tx: Tx, source: string, records: ResolvedRecord[], actor: Actor, now: Date, runId: number): Promise<number[]> {
  if (!records.length) return [];
  const ids = await reserveIds(tx, records.length);
  const codes = batchCaseCodes(records.map((r) => r.record.createdAt));
  const planned = records.map((r, i) => planNewCase(ids[i], codes[i], source, r, actor, now));
  let pending = planned.map((p) => p.caseRow);
  // Tracking codes are random (40 bits per day): redraw the few that clash with an earlier code.
  for (let attempt = 1; pending.length; attempt++) {
    const written = await sql<{ id: number }>`INSERT INTO cases (${names(caseColumns)}) SELECT ${names(caseColumns)} FROM ${recordset(caseColumns, pending)}
      ON CONFLICT (code) DO NOTHING RETURNING id`.execute(tx);
    if (written.rows.length === pending.length) break;
    if (attempt >= 5) throw new Error('could not draw unique case codes');
    const done = new Set(written.rows.map((r) => Number(r.id)));
    pending = pending.filter((c) => !done.has(c.id as number)).map((c) => ({ ...c, code: newCaseCode(new Date(c.created_at as string)) }));
  }
  await sql`INSERT INTO case_events (${names(eventColumns)}) SELECT ${names(eventColumns)} FROM ${recordset(eventColumns, planned.map((p) => p.event))}`.execute(tx);
  const assignments = planned.flatMap((p) => (p.assignment ? [p.assignment] : []));
  if (assignments.length) {
    await sql`INSERT INTO assignments (${names(assignmentColumns)}) SELECT ${names(assignmentColumns)} FROM ${recordset(assignmentColumns, assignments)}`.execute(tx);
  }
  const indexRows = records.map((r, i) => ({ source, record_key: r.record.key, case_id: ids[i], fingerprint: r.record.fingerprint, run_id: runId, row_number: r.rowNumber }));
  await upsertIndex(tx, indexRows);
  return ids;
}

const indexColumns = [['source', 'text'], ['record_key', 'text'], ['case_id', 'bigint'], ['fingerprint', 'text'], ['run_id', 'bigint'], ['row_number', 'integer']] as const;

async function upsertIndex(tx: Tx, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  await sql`INSERT INTO import_records (${names(indexColumns)}) SELECT ${names(indexColumns)} FROM ${recordset(indexColumns, rows)}
    ON CONFLICT (source, record_key) DO UPDATE SET case_id = EXCLUDED.case_id, fingerprint = EXCLUDED.fingerprint,
      run_id = EXCLUDED.run_id, row_number = EXCLUDED.row_number`.execute(tx);
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
const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '—');

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
  const events = await db.selectFrom('case_events').select(['type']).where('case_id', '=', caseId).execute();
  const importOnly = events.every((e) => e.type === importedEventType || e.type === 'case.created' || e.type === 'case.import_updated');
  if (!importOnly || !['closed', 'rejected', 'submitted'].includes(row.status)) {
    return { changes: [], refused: '该诉求导入后已在本系统中办理，未按文件更新' };
  }
  const rec = r.record;
  const target = rec.state === 'finished' ? 'closed' : rec.state === 'rejected' ? 'rejected' : 'submitted';
  if (row.status !== 'submitted' && target === 'submitted') return { changes: [], refused: '文件中为未办结，本系统已按办结导入，未更新' };
  const finished = target === 'closed';
  const lead = finished ? r.department?.id ?? null : null;
  const patch: Record<string, unknown> = {
    title: rec.title, description: rec.description, category_id: r.category.id, status: target,
    submitter_name: rec.submitterName ?? '', submitter_phone: rec.phone ?? '', enterprise_name: rec.enterpriseName,
    district_id: r.district?.id ?? null, address: rec.address, lead_department_id: lead, round: lead ? 1 : 0,
    reply_text: finished ? rec.reply : null, rating: finished ? rec.rating : null, is_public: rec.isPublic,
    accepted_at: finished ? rec.createdAt : null, dispatched_at: lead ? rec.createdAt : null,
    replied_at: finished ? rec.repliedAt : null, reply_approved_at: finished ? rec.repliedAt : null,
    rated_at: finished && rec.rating ? rec.closedAt : null, closed_at: finished ? rec.closedAt : null,
    rejected_at: target === 'rejected' ? rec.closedAt ?? rec.createdAt : null,
  };
  const changes: string[] = [];
  const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date
    ? (a ? new Date(a as Date).getTime() : null) === (b ? new Date(b as Date).getTime() : null)
    : (a ?? null) === (b ?? null));
  if (row.status !== target) changes.push(`状态：${stateLabel(row.status)} → ${stateLabel(target)}`);
  if (!same(row.lead_department_id, lead)) changes.push(`承办单位：${nameOf.dept(row.lead_department_id)} → ${nameOf.dept(lead)}`);
  if (!same(row.reply_text, patch.reply_text)) changes.push('答复意见已更新');
  if (!same(row.rating, patch.rating)) changes.push(`满意度：${ratingLabel(row.rating)} → ${ratingLabel(patch.rating as string | null)}`);
  if (!same(row.closed_at, patch.closed_at)) changes.push(`办结时间：${day(row.closed_at)} → ${day(patch.closed_at as Date | null)}`);
  if (!same(row.replied_at, patch.replied_at)) changes.push(`答复时间：${day(row.replied_at)} → ${day(patch.replied_at as Date | null)}`);
  if (!same(row.title, patch.title)) changes.push('标题已更新');
  if (!same(row.description, patch.description)) changes.push('内容已更新');
  if (!same(row.category_id, patch.category_id)) changes.push(`类别：${nameOf.category(row.category_id)} → ${nameOf.category(r.category.id)}`);
  if (!same(row.district_id, patch.district_id) || !same(row.address, patch.address)) changes.push('区县或地址已更新');
  if (!same(row.submitter_phone, patch.submitter_phone) || !same(row.submitter_name, patch.submitter_name) || !same(row.enterprise_name, patch.enterprise_name)) {
    changes.push('诉求人信息已更新');
  }
  if (!changes.length) {
    // Only values we do not keep on the case changed (e.g. the source's status text): record the new fingerprint.
    changes.push('原系统记录有变化（状态文字等），诉求内容不变');
  }
  const revision = events.length + 1;
  const type = finished || target === 'rejected' ? importedEventType : 'case.import_updated';
  const payload = type === importedEventType
    ? importedHistory(source, r, { revision, changes })
    : { source, externalId: rec.key, revision, changes };
  const apply = async (tx: Tx) => {
    const seq = row.event_count + 1;
    const content = { caseId, seq, type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId, actorRole: actor.role, at: now, payload };
    const hash = eventHash(row.last_event_hash, content);
    await tx.insertInto('case_events').values({
      case_id: caseId, seq, type, actor_user_id: actor.userId, actor_department_id: actor.departmentId, actor_role: actor.role,
      at: now, payload: JSON.stringify(payload), prev_hash: row.last_event_hash, hash,
    }).execute();
    await tx.updateTable('cases').set({ ...(patch as object), updated_at: now, event_count: seq, last_event_hash: hash })
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', caseId).where('event_count', '=', row.event_count).execute();
    // The lead assignment follows the final department.
    await tx.deleteFrom('assignments').where('case_id', '=', caseId).where('status', '=', 'done').execute();
    if (lead) {
      await tx.insertInto('assignments').values({
        case_id: caseId, department_id: lead, role: 'lead', round: 1, status: 'done', dispatched_at: rec.createdAt,
        sign_deadline: rec.createdAt, closed_at: rec.closedAt, sla_check_at: null,
      }).execute();
    }
    await upsertIndex(tx, [{ source, record_key: rec.key, case_id: caseId, fingerprint: rec.fingerprint, run_id: runId, row_number: r.rowNumber }]);
  };
  return { changes, apply };
}

/** Records the new fingerprint of a row whose change does not touch the case (refused updates keep the old one). */
export async function touchIndex(tx: Tx, source: string, key: string, fingerprint: string, runId: number, rowNumber: number) {
  await tx.updateTable('import_records').set({ fingerprint, run_id: runId, row_number: rowNumber })
    .where('source', '=', source).where('record_key', '=', key).execute();
}

export type Db = Kysely<DB>;
