import { sql } from 'kysely';
import {
  followUpRetryHours, maxFollowUpAttempts, type FollowUpCall, type FollowUpQueueItem, type FollowUpQueueState, type FollowUpStats,
} from '../../../contracts/followups.js';
import type { AppDeps } from '../../deps.js';
import type { FollowUpCallRow } from '../../db/schema-followups.js';
import { AppError } from '../../errors.js';
import type { StaffUser } from '../../kernel/index.js';
import { canSeeCase } from '../../../domain/access/permissions.js';

/**
 * 有效回访 (a valid follow-up), the one definition used by the API, the stats and docs/followups.md: the call
 * reached the submitter, recorded a rating through the case's rate command (rating_event_id set), and was made no
 * later than the rating deadline in force at the time of the call. Unanswered attempts are never valid.
 */
export function isValidFollowUp(r: Pick<FollowUpCallRow, 'outcome' | 'rating_event_id' | 'called_at' | 'rating_deadline'>): boolean {
  return r.outcome === 'reached' && r.rating_event_id !== null && (r.rating_deadline === null || r.called_at.getTime() <= r.rating_deadline.getTime());
}

const validSql = sql<boolean>`(f.outcome = 'reached' AND f.rating_event_id IS NOT NULL AND (f.rating_deadline IS NULL OR f.called_at <= f.rating_deadline))`;

async function present(deps: AppDeps, r: FollowUpCallRow): Promise<FollowUpCall> {
  const names = (await deps.directory.ready()).names();
  return {
    id: r.id, caseId: r.case_id, round: r.round, outcome: r.outcome, failureReason: r.failure_reason, rating: r.rating,
    callerWords: r.caller_words, note: r.note, operatorId: r.operator_id, operatorName: names.user(r.operator_id),
    calledAt: r.called_at.toISOString(), ratingEventId: r.rating_event_id, isValid: isValidFollowUp(r),
  };
}

export async function getFollowUp(deps: AppDeps, id: number): Promise<FollowUpCall> {
  const row = await deps.database.db.selectFrom('follow_up_calls').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return present(deps, row);
}

export async function caseFollowUps(deps: AppDeps, user: StaffUser, caseId: number): Promise<FollowUpCall[]> {
  const { db } = deps.database;
  const c = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  if (!c) throw new AppError('CASE_NOT_FOUND');
  if (!canSeeCase(user.roles, user.departmentId, [])) throw new AppError('CASE_NOT_FOUND');
  const rows = await db.selectFrom('follow_up_calls').selectAll().where('case_id', '=', caseId).orderBy('called_at').orderBy('id').execute();
  return Promise.all(rows.map((r) => present(deps, r)));
}

/**
 * The queue: phone cases awaiting a rating in their window, with this round's unanswered attempts. A case is due,
 * waits `followUpRetryHours` after an unanswered call, and is exhausted after `maxFollowUpAttempts` of them (it
 * then closes unrated when the window ends, like an online case nobody rated).
 */
export async function followUpQueue(deps: AppDeps, state: 'open' | 'exhausted' | 'all', limit: number): Promise<FollowUpQueueItem[]> {
  const now = deps.now();
  const dir = await deps.directory.ready();
  const rows = await deps.database.db.selectFrom('cases as c')
    .leftJoin(
      (eb) => eb.selectFrom('follow_up_calls as f').innerJoin('cases as cc', (j) => j.onRef('cc.id', '=', 'f.case_id').onRef('cc.round', '=', 'f.round'))
        .select(['f.case_id', sql<number>`count(*)`.as('attempts'), sql<Date>`max(f.called_at)`.as('last_at'),
          sql<string | null>`(array_agg(f.failure_reason ORDER BY f.called_at DESC, f.id DESC))[1]`.as('last_reason')])
        .where('f.outcome', '=', 'not_reached').where('cc.status', '=', 'awaiting_rating').groupBy('f.case_id').as('a'),
      (j) => j.onRef('a.case_id', '=', 'c.id'),
    )
    .select(['c.id', 'c.code', 'c.title', 'c.channel', 'c.submitter_name', 'c.submitter_phone', 'c.lead_department_id', 'c.reply_text',
      'c.reply_approved_at', 'c.rating_deadline', 'a.attempts', 'a.last_at', 'a.last_reason'])
    .where('c.status', '=', 'awaiting_rating').where('c.rating', 'is', null).where('c.channel', 'in', ['hotline', 'letter', 'staff'])
    // Anonymous submitters left no number: unreachable by design, not a call to make (or to fail).
    .where(sql<boolean>`btrim(c.submitter_phone) <> ''`)
    .where((eb) => eb.or([eb('c.rating_deadline', 'is', null), eb('c.rating_deadline', '>', now)]))
    .$if(state === 'open', (q) => q.where((eb) => eb.or([eb('a.attempts', 'is', null), eb('a.attempts', '<', maxFollowUpAttempts)])))
    .$if(state === 'exhausted', (q) => q.where('a.attempts', '>=', maxFollowUpAttempts))
    .orderBy('c.rating_deadline').orderBy('c.id').limit(limit).execute();
  return rows.map((r) => {
    const attempts = Number(r.attempts ?? 0);
    const retryAfter = r.last_at ? new Date(new Date(r.last_at).getTime() + followUpRetryHours * 3_600_000) : null;
    const s: FollowUpQueueState = attempts >= maxFollowUpAttempts ? 'exhausted' : retryAfter && retryAfter > now ? 'retry_later' : 'due';
    return {
      caseId: r.id, code: r.code, title: r.title, channel: r.channel, submitterName: r.submitter_name, submitterPhone: r.submitter_phone,
      leadDepartmentName: r.lead_department_id ? dir.department(r.lead_department_id)?.name ?? null : null,
      replyText: r.reply_text, replyApprovedAt: r.reply_approved_at?.toISOString() ?? null, ratingDeadline: r.rating_deadline?.toISOString() ?? null,
      attempts, lastAttemptAt: r.last_at ? new Date(r.last_at).toISOString() : null,
      lastFailureReason: (r.last_reason as FollowUpQueueItem['lastFailureReason']) ?? null,
      retryAfter: s === 'retry_later' ? retryAfter!.toISOString() : null, state: s,
    };
  }).sort((a, b) => Number(a.state !== 'due') - Number(b.state !== 'due'));
}

/** Counts for a period by call time; `valid` uses the same rule as isValidFollowUp. */
export async function followUpStats(deps: AppDeps, from: Date, to: Date): Promise<FollowUpStats> {
  const r = await deps.database.db.selectFrom('follow_up_calls as f')
    .select([
      sql<number>`count(*)`.as('calls'),
      sql<number>`count(*) FILTER (WHERE f.outcome = 'reached')`.as('reached'),
      sql<number>`count(*) FILTER (WHERE f.outcome = 'not_reached')`.as('not_reached'),
      sql<number>`count(*) FILTER (WHERE ${validSql})`.as('valid'),
      sql<number>`count(*) FILTER (WHERE ${validSql} AND f.rating = 'satisfied')`.as('satisfied'),
      sql<number>`count(*) FILTER (WHERE ${validSql} AND f.rating = 'basically')`.as('basically'),
      sql<number>`count(*) FILTER (WHERE ${validSql} AND f.rating = 'unsatisfied')`.as('unsatisfied'),
    ])
    .where('f.called_at', '>=', from).where('f.called_at', '<', to).executeTakeFirstOrThrow();
  // Cases whose reply was approved in the period with no phone to call: not reachable by design, counted apart from
  // unanswered calls.
  const np = await deps.database.db.selectFrom('cases').select(sql<number>`count(*)`.as('n'))
    .where('reply_approved_at', '>=', from).where('reply_approved_at', '<', to).where(sql<boolean>`btrim(submitter_phone) = ''`)
    .executeTakeFirstOrThrow();
  return {
    noPhone: Number(np.n),
    from: from.toISOString(), to: to.toISOString(), calls: Number(r.calls), reached: Number(r.reached), notReached: Number(r.not_reached),
    valid: Number(r.valid), byRating: { satisfied: Number(r.satisfied), basically: Number(r.basically), unsatisfied: Number(r.unsatisfied) },
  };
}
