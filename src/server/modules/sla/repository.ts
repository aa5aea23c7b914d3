import { sql } from 'kysely';
import type { CaseKind, CaseStatus, Urgency } from '../../../domain/case/status.js';
import type { AssignmentRole, AssignmentStatus } from '../../../domain/case/types.js';
import type { SlaClock, SlaLevel, WarningLevel } from '../../../domain/sla/warnings.js';
import { instantArray, intArray, textArray, type Tx } from '../../kernel/index.js';

// The sla sweep's reads and its own table (sla_crossings); what it writes to assignment_sla, cases and case_events goes
// through the cases area's writer (modules/cases/bulk-writes.ts). Bulk writes pass one array parameter per column expanded with
// unnest: one round trip per statement on both engines, whatever the batch size (no 65,535-parameter limit, no per-row
// statements), and far less parsing on the server than json_to_recordset's objects (ADR 18).

export interface DueRow {
  id: number;
  case_id: number;
  department_id: number;
  role: AssignmentRole;
  status: AssignmentStatus;
  dispatched_at: Date;
  sign_deadline: Date;
  signed_at: Date | null;
  opinion_at: Date | null;
  opinion_deadline: Date | null;
  reply_deadline: Date | null;
  recompute: boolean;
  sla_clock: SlaClock | null;
  sla_level: WarningLevel;
  sla_yellow_at: Date | null;
  sla_deadline: Date | null;
  case_status: CaseStatus;
  suspended: boolean;
  case_reply_deadline: Date | null;
  category_id: number;
  case_type: CaseKind;
  urgency: Urgency;
  event_count: number;
  last_event_hash: string;
  supervision_level: string;
  warning_level: WarningLevel;
  /** Worst level of the case's assignments that are not due now (null when it has no others). */
  others_level: WarningLevel | null;
}

// date_part returns float8 (extract returns numeric since PostgreSQL 14: numeric arithmetic on nine columns of 25,000
// rows was a visible part of this read). Truncated to whole milliseconds first, as the drivers' timestamp parsing does,
// and rounded, so float error cannot move an instant by a millisecond.
const ms = (col: string) => sql.raw(`coalesce(round(date_part('epoch', date_trunc('milliseconds', ${col})) * 1000)::text, '')`);
/** A nullable text column as text ('' for null: every such column is a short code that is never empty). */
const code = (col: string) => sql.raw(`coalesce(${col}, '')`);

/**
 * One of the sweep's parts: the due assignments whose case id is `index` modulo `of`. Parts hold disjoint cases, so
 * they can run in transactions of their own side by side without locking a row twice (ADR 28).
 */
export interface SweepPart {
  index: number;
  of: number;
}

export const wholeSweep: SweepPart = { index: 0, of: 1 };

/**
 * Assignments due for a check (of one part of the sweep), oldest first, with their case and the worst stored level of the case's other
 * assignments that are not due. The case rows are locked (FOR UPDATE) so a command cannot extend a chain between our
 * reading its head and appending to it, nor move a clock we are about to store.
 *
 * Each case is locked through its primary key (a LATERAL sub-select per due row): joined plainly, the planner
 * estimated a hash join and read every case row of the table to lock a few % of them (measured: the whole table
 * scanned per batch at 1M cases). The rows come back as one text value (one field instead of ~30 per row: PGlite's
 * client copies every field into its own buffer, which was the largest part of a sweep's time on PGlite): a line per
 * row, its fields separated by commas (none of them can hold a comma or a newline: numbers, short codes and hex
 * hashes), instants as epoch milliseconds. Until ADR 27 this was json_agg of the rows, which looks up every column's
 * type output per row (~0.5 s of the server's CPU per 25,000 rows, a quarter of the read); text casts keep theirs.
 */
export async function lockDue(tx: Tx, now: Date, limit: number, part: SweepPart = wholeSweep): Promise<DueRow[]> {
  const mine = part.of > 1 ? sql`AND s.case_id % ${part.of} = ${part.index}` : sql``;
  const r = await sql<{ n: number; rows: string | null }>`
    WITH due AS (
      SELECT a.id, a.case_id, a.department_id, a.role, a.status, a.dispatched_at, a.sign_deadline, a.signed_at, a.opinion_at,
             a.opinion_deadline, a.reply_deadline, s.check_at = '-infinity' AS recompute, s.clock AS sla_clock,
             s.level AS sla_level, s.yellow_at AS sla_yellow_at, s.deadline AS sla_deadline
        FROM assignment_sla s
        JOIN assignments a ON a.id = s.assignment_id
       WHERE s.check_at <= ${now} ${mine}
       ORDER BY s.check_at
       LIMIT ${limit})
    SELECT count(*)::int AS n, string_agg(
             due.id::text || ',' || due.case_id::text || ',' || due.department_id::text || ',' || due.role || ',' || due.status || ',' ||
             CASE WHEN due.recompute THEN '1' ELSE '' END || ',' || ${code('due.sla_clock')} || ',' || due.sla_level || ',' ||
             ${ms('due.dispatched_at')} || ',' || ${ms('due.sign_deadline')} || ',' || ${ms('due.signed_at')} || ',' ||
             ${ms('due.opinion_at')} || ',' || ${ms('due.opinion_deadline')} || ',' || ${ms('due.reply_deadline')} || ',' ||
             ${ms('due.sla_yellow_at')} || ',' || ${ms('due.sla_deadline')} || ',' ||
             c.status || ',' || CASE WHEN c.suspended_at IS NOT NULL THEN '1' ELSE '' END || ',' || ${ms('c.reply_deadline')} || ',' ||
             c.category_id::text || ',' || c.case_type || ',' || c.urgency || ',' || c.event_count::text || ',' || c.last_event_hash || ',' ||
             c.supervision_level || ',' || c.warning_level || ',' ||
             coalesce((SELECT CASE WHEN bool_or(os.level = 'red') THEN 'red' WHEN bool_or(os.level = 'yellow') THEN 'yellow' ELSE 'none' END
                         FROM assignments o JOIN assignment_sla os ON os.assignment_id = o.id
                        WHERE o.case_id = due.case_id AND o.id <> due.id AND (os.check_at IS NULL OR os.check_at > ${now})), ''),
             E'\n') AS rows
      FROM due
     CROSS JOIN LATERAL (SELECT * FROM cases WHERE cases.id = due.case_id FOR UPDATE) c`.execute(tx);
  const text = r.rows[0]?.rows;
  if (!text) return [];
  const lines = text.split('\n');
  // A NULL in a column not coalesced above would drop its row from string_agg: all are NOT NULL, held here too.
  if (lines.length !== Number(r.rows[0].n)) throw new Error(`lockDue: ${lines.length} lines for ${r.rows[0].n} due rows`);
  const instant = (f: string) => (f === '' ? null : new Date(Number(f)));
  return lines.map((line) => {
    const f = line.split(',');
    return {
      id: Number(f[0]), case_id: Number(f[1]), department_id: Number(f[2]), role: f[3] as AssignmentRole, status: f[4] as AssignmentStatus,
      recompute: f[5] === '1', sla_clock: (f[6] || null) as SlaClock | null, sla_level: f[7] as WarningLevel,
      dispatched_at: instant(f[8])!, sign_deadline: instant(f[9])!, signed_at: instant(f[10]), opinion_at: instant(f[11]),
      opinion_deadline: instant(f[12]), reply_deadline: instant(f[13]), sla_yellow_at: instant(f[14]), sla_deadline: instant(f[15]),
      case_status: f[16] as CaseStatus, suspended: f[17] === '1', case_reply_deadline: instant(f[18]), category_id: Number(f[19]),
      case_type: f[20] as CaseKind, urgency: f[21] as Urgency, event_count: Number(f[22]), last_event_hash: f[23],
      supervision_level: f[24], warning_level: f[25] as WarningLevel, others_level: (f[26] || null) as WarningLevel | null,
    };
  });
}

export interface CrossingValue {
  assignment_id: number;
  case_id: number;
  department_id: number;
  clock: SlaClock;
  level: SlaLevel;
  deadline: Date;
  crossed_at: Date;
}

/**
 * The candidates already recorded (a clock that moved back and crossed again, or a sweep that raced this one): their
 * keys `assignment/clock/level`. Read after lockDue, so a crossing committed by whoever held a case's lock is seen.
 */
export async function recordedCrossings(tx: Tx, values: CrossingValue[]): Promise<Set<string>> {
  if (!values.length) return new Set();
  const r = await sql<{ keys: string | null }>`
    SELECT string_agg(x.assignment_id::text || '/' || x.clock || '/' || x.level, ',') AS keys
      FROM sla_crossings x
      JOIN unnest(${intArray(values.map((v) => v.assignment_id))}::bigint[], ${textArray(values.map((v) => v.clock))}::text[],
                  ${textArray(values.map((v) => v.level))}::text[]) AS c(assignment_id, clock, level)
        ON x.assignment_id = c.assignment_id AND x.clock = c.clock AND x.level = c.level`.execute(tx);
  const keys = r.rows[0]?.keys;
  return new Set(keys ? keys.split(',') : []);
}

/**
 * Inserts crossings. The caller holds each case's lock and has left out the crossings already recorded
 * (recordedCrossings), so every row is new: one that is not fails the unique key (23505) and its transaction with
 * it, events included. No ON CONFLICT clause: its speculative insertion was a third of this statement's time.
 */
export async function insertCrossings(tx: Tx, values: CrossingValue[]): Promise<void> {
  if (!values.length) return;
  await sql`
    INSERT INTO sla_crossings (assignment_id, case_id, department_id, clock, level, deadline, crossed_at)
    SELECT x.assignment_id, x.case_id, x.department_id, x.clock, x.level, x.deadline, x.crossed_at
      FROM unnest(${intArray(values.map((v) => v.assignment_id))}::bigint[], ${intArray(values.map((v) => v.case_id))}::bigint[],
                  ${intArray(values.map((v) => v.department_id))}::integer[], ${textArray(values.map((v) => v.clock))}::text[],
                  ${textArray(values.map((v) => v.level))}::text[], ${instantArray(values.map((v) => new Date(v.deadline)))}::timestamptz[],
                  ${instantArray(values.map((v) => new Date(v.crossed_at)))}::timestamptz[])
        AS x(assignment_id, case_id, department_id, clock, level, deadline, crossed_at)`.execute(tx);
}

/** Planner settings for the sweep's transaction (both engines): it reads a few % of rows through indexes. */
export async function tuneSweepTransaction(tx: Tx): Promise<void> {
  // The default random_page_cost (spinning disks) makes the planner scan all of cases to join a few % of it; JIT
  // compiling costs more than it saves on these statements.
  await sql`SET LOCAL random_page_cost = 1.1`.execute(tx);
  await sql`SET LOCAL jit = off`.execute(tx);
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
}
