import { sql } from 'kysely';
import type { CaseStatus, Urgency } from '../../../domain/case/status.js';
import type { AssignmentRole, AssignmentStatus } from '../../../domain/case/types.js';
import type { SlaClock, SlaLevel, WarningLevel } from '../../../domain/sla/warnings.js';
import type { Tx } from '../../kernel/index.js';

// The sla sweep's reads and its own table (sla_crossings); what it writes to assignments, cases and case_events goes
// through the cases area's writer (modules/cases/bulk-writes.ts). Bulk writes pass one JSON parameter expanded with json_to_recordset: one round trip per
// statement on both engines, whatever the batch size (no 65,535-parameter limit, no per-row statements).

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
  urgency: Urgency;
  event_count: number;
  last_event_hash: string;
  supervision_level: string;
  warning_level: WarningLevel;
  /** Worst level of the case's assignments that are not due now (null when it has no others). */
  others_level: WarningLevel | null;
}

/**
 * Assignments due for a check, oldest first, with their case and the worst stored level of the case's other
 * assignments that are not due. The case rows are locked (FOR UPDATE) so a command cannot extend a chain between our
 * reading its head and appending to it, nor move a clock we are about to store.
 */
export async function lockDue(tx: Tx, now: Date, limit: number): Promise<DueRow[]> {
  const r = await sql<DueRow>`
    WITH due AS (
      SELECT a.id, a.case_id, a.department_id, a.role, a.status, a.dispatched_at, a.sign_deadline, a.signed_at, a.opinion_at,
             a.opinion_deadline, a.reply_deadline, a.sla_check_at = '-infinity' AS recompute, a.sla_clock, a.sla_level,
             a.sla_yellow_at, a.sla_deadline
        FROM assignments a
       WHERE a.sla_check_at <= ${now}
       ORDER BY a.sla_check_at
       LIMIT ${limit})
    SELECT due.*, c.status AS case_status, c.suspended_at IS NOT NULL AS suspended, c.reply_deadline AS case_reply_deadline,
           c.category_id, c.urgency, c.event_count, c.last_event_hash, c.supervision_level, c.warning_level,
           (SELECT CASE WHEN bool_or(o.sla_level = 'red') THEN 'red' WHEN bool_or(o.sla_level = 'yellow') THEN 'yellow' ELSE 'none' END
              FROM assignments o
             WHERE o.case_id = due.case_id AND o.id <> due.id AND (o.sla_check_at IS NULL OR o.sla_check_at > ${now})) AS others_level
      FROM due JOIN cases c ON c.id = due.case_id
       FOR UPDATE OF c`.execute(tx);
  return r.rows;
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

/** Inserts crossings; returns only the ones that were new (the unique key drops the rest). */
export async function insertCrossings(tx: Tx, values: CrossingValue[]): Promise<CrossingValue[]> {
  if (!values.length) return [];
  const r = await sql<CrossingValue>`
    INSERT INTO sla_crossings (assignment_id, case_id, department_id, clock, level, deadline, crossed_at)
    SELECT x.assignment_id, x.case_id, x.department_id, x.clock, x.level, x.deadline, x.crossed_at
      FROM json_to_recordset(${JSON.stringify(values)}::json)
        AS x(assignment_id bigint, case_id bigint, department_id integer, clock text, level text, deadline timestamptz, crossed_at timestamptz)
    ON CONFLICT (assignment_id, clock, level) DO NOTHING
    RETURNING assignment_id, case_id, department_id, clock, level, deadline, crossed_at`.execute(tx);
  return r.rows;
}

/** Planner settings for the sweep's transaction (both engines): it reads a few % of rows through indexes. */
export async function tuneSweepTransaction(tx: Tx): Promise<void> {
  // The default random_page_cost (spinning disks) makes the planner scan all of cases to join a few % of it; JIT
  // compiling costs more than it saves on these statements.
  await sql`SET LOCAL random_page_cost = 1.1`.execute(tx);
  await sql`SET LOCAL jit = off`.execute(tx);
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
}
