import { statusGroups } from '../../../domain/case/status.js';
import type { Actor, CasePatch } from '../../../domain/case/types.js';
import type { SlaPolicy } from '../../../domain/sla/policy.js';
import type { AssignmentRow, CaseRow } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { publishCaseChange } from '../cases/index.js';
import { lockCase, setAssignmentDeadlines, writeCaseChange } from '../cases/index.js';
import type { Tx } from '../../kernel/index.js';

const systemActor: Actor = { userId: null, role: 'system', departmentId: null };

export interface DeadlineChange {
  assignmentId: number;
  field: 'signDeadline' | 'opinionDeadline' | 'replyDeadline';
  from: string | null;
  to: string;
}

interface HistoryEvent {
  type: string;
  at: Date;
  payload: Record<string, unknown>;
}

/**
 * The deadlines an open assignment should have under the current calendar and policies: computed from its dispatch
 * time, moved by every closed suspension since (as `resume` does), except a reply deadline set by an approved
 * extension, which stays. Pure apart from the policy's calendar.
 */
export function recomputedChanges(
  policy: SlaPolicy,
  kind: Parameters<SlaPolicy['replyBy']>[1],
  row: Pick<CaseRow, 'urgency' | 'category_id' | 'replied_at'>,
  a: AssignmentRow,
  history: readonly HistoryEvent[],
): DeadlineChange[] {
  const dispatched = a.dispatched_at;
  const pauses = history
    .filter((e) => e.type === 'case.resumed' && typeof e.payload.suspendedAt === 'string')
    .map((e) => ({ from: new Date(e.payload.suspendedAt as string), to: e.at }))
    .filter((p) => p.from.getTime() >= dispatched.getTime());
  const shift = (d: Date) => pauses.reduce((acc, p) => policy.afterPause(acc, p.from, p.to), d);
  const extended = history.some((e) => e.type === 'case.extension_approved' && e.at.getTime() >= dispatched.getTime());
  const out: DeadlineChange[] = [];
  const note = (field: DeadlineChange['field'], from: Date | null, to: Date) => {
    if (!from || from.getTime() !== to.getTime()) out.push({ assignmentId: a.id, field, from: from?.toISOString() ?? null, to: to.toISOString() });
  };
  if (a.status === 'pending' && !a.signed_at) note('signDeadline', a.sign_deadline, policy.signBy(dispatched, row.urgency, row.category_id, kind));
  if (a.role === 'co' && !a.opinion_at && a.opinion_deadline) {
    note('opinionDeadline', a.opinion_deadline, shift(policy.opinionBy(dispatched, row.urgency, row.category_id, kind)));
  }
  if (a.role === 'lead' && !extended && !row.replied_at && a.reply_deadline) {
    note('replyDeadline', a.reply_deadline, shift(policy.replyBy(dispatched, kind, row.urgency, row.category_id)));
  }
  return out;
}


/**
 * After a calendar or policy change: recomputes the stored deadlines of every open assignment of the current round,
 * writing a `case.deadlines_recomputed` event (system actor) on each case that changed. One transaction per case.
 */
export async function recomputeOpenDeadlines(deps: AppDeps, reason: string): Promise<{ casesChanged: number; assignmentsChanged: number }> {
  const db = deps.database.db;
  const terminal: readonly string[] = statusGroups.terminal;
  const candidates = await db
    .selectFrom('assignments')
    .innerJoin('cases', 'cases.id', 'assignments.case_id')
    .select('cases.id')
    .distinct()
    .where('assignments.status', 'in', ['pending', 'signed'])
    .whereRef('assignments.round', '=', 'cases.round')
    .where('cases.status', 'not in', [...terminal])
    .orderBy('cases.id')
    .execute();
  const dir = await deps.directory.ready();
  let casesChanged = 0;
  let assignmentsChanged = 0;
  for (const { id } of candidates) {
    const changes = await db.transaction().execute(async (tx) => recomputeCase(deps, tx, id, reason, (c) => dir.categoryKind(c)));
    if (changes.length === 0) continue;
    casesChanged += 1;
    assignmentsChanged += new Set(changes.map((c) => c.assignmentId)).size;
    await publishCaseChange(deps, id);
  }
  if (casesChanged) deps.log.info({ reason, casesChanged, assignmentsChanged }, 'deadlines recomputed');
  return { casesChanged, assignmentsChanged };
}

async function recomputeCase(deps: AppDeps, tx: Tx, caseId: number, reason: string, kindOf: (categoryId: number) => ReturnType<AppDeps['directory']['categoryKind']>) {
  const locked = await lockCase(tx, caseId, kindOf);
  if (!locked) return [];
  const { row } = locked;
  const history = (await tx
    .selectFrom('case_events')
    .select(['type', 'at', 'payload'])
    .where('case_id', '=', caseId)
    .where('type', 'in', ['case.resumed', 'case.extension_approved'])
    .orderBy('seq')
    .execute()) as HistoryEvent[];
  const open = locked.assignments.filter((a) => a.round === row.round && (a.status === 'pending' || a.status === 'signed'));
  const changes = open.flatMap((a) => recomputedChanges(deps.calendar.policy, locked.snapshot.kind, row, a, history));
  if (changes.length === 0) return [];
  for (const a of open) {
    const mine = changes.filter((c) => c.assignmentId === a.id);
    if (mine.length === 0) continue;
    await setAssignmentDeadlines(tx, caseId, a.id, Object.fromEntries(mine.map((c) => [c.field, new Date(c.to)])));
  }
  const patch: CasePatch = {};
  const lead = open.find((a) => a.role === 'lead');
  const leadReply = changes.find((c) => c.field === 'replyDeadline' && c.assignmentId === lead?.id);
  if (leadReply && row.reply_deadline?.toISOString() === leadReply.from) patch.replyDeadline = new Date(leadReply.to);
  await writeCaseChange(tx, row, patch, [{ type: 'case.deadlines_recomputed', payload: { reason, changes } }], systemActor, deps.now());
  return changes;
}
