import { sql } from 'kysely';
import { maxFollowUpAttempts, type FollowUpCall, type RecordFollowUpRequest } from '../../../contracts/followups.js';
import { decide } from '../../../domain/case/decide.js';
import type { z } from 'zod';
import type { zRecordFollowUpRequest } from '../../../contracts/followups.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser } from '../../kernel/index.js';
import { actorOf } from '../cases/index.js';
import { publishCaseChange } from '../cases/index.js';
import { lockCase, writeCaseChange } from '../cases/index.js';
import { getFollowUp } from './queries.js';

// Recording one follow-up call (回访). A reached call rates the case by running the lifecycle's own `rate` command
// as the operator (decide() allows intake and supervisor), in the same transaction as the call row, which keeps the
// id of the case.rated event it produced: the rating counts exactly like an online one, and each valid follow-up
// points at its rating.

/** Channels whose submitters have no tracking link to rate online: they are rated by phone. */
export const phoneChannels = ['hotline', 'letter', 'staff'] as const;

export async function recordFollowUp(deps: AppDeps, user: StaffUser, caseId: number, body: z.output<typeof zRecordFollowUpRequest> | RecordFollowUpRequest): Promise<FollowUpCall> {
  const now = deps.now();
  const dir = await deps.directory.ready();
  if (body.outcome === 'reached' && !body.rating) throw new AppError('FOLLOWUP_RATING_REQUIRED');
  if (body.outcome === 'not_reached' && !body.failureReason) throw new AppError('FOLLOWUP_FAILURE_REASON_REQUIRED');
  const actor = actorOf(user);
  const id = await deps.database.db.transaction().execute(async (tx) => {
    const locked = await lockCase(tx, caseId, (c) => dir.categoryKind(c));
    if (!locked) throw new AppError('CASE_NOT_FOUND');
    const { row } = locked;
    if (!(phoneChannels as readonly string[]).includes(row.channel)) throw new AppError('FOLLOWUP_ONLINE_CHANNEL');
    // No number (an anonymous report): nobody can be called, so no call, answered or not, is recorded.
    if (!row.submitter_phone.trim()) throw new AppError('FOLLOWUP_NO_PHONE');
    if (row.status !== 'awaiting_rating') throw new AppError('FOLLOWUP_NOT_AWAITING_RATING');
    if (row.rating !== null) throw new AppError('FOLLOWUP_ALREADY_RATED');
    if (row.rating_deadline && row.rating_deadline.getTime() <= now.getTime()) throw new AppError('FOLLOWUP_WINDOW_CLOSED');

    if (body.outcome === 'not_reached') {
      const failed = await tx.selectFrom('follow_up_calls').select(sql<number>`count(*)`.as('n'))
        .where('case_id', '=', caseId).where('round', '=', row.round).where('outcome', '=', 'not_reached').executeTakeFirstOrThrow();
      if (Number(failed.n) >= maxFollowUpAttempts) throw new AppError('FOLLOWUP_ATTEMPTS_EXHAUSTED');
      const r = await tx.insertInto('follow_up_calls').values({
        case_id: caseId, round: row.round, outcome: 'not_reached', failure_reason: body.failureReason!, rating: null,
        caller_words: body.callerWords?.trim() ?? '', note: body.note?.trim() ?? '', operator_id: user.id, called_at: now,
        rating_deadline: row.rating_deadline, rating_event_id: null,
      }).returning('id').executeTakeFirstOrThrow();
      return r.id;
    }

    const words = body.callerWords?.trim() ?? '';
    const d = decide(locked.snapshot, { type: 'rate', rating: body.rating!, comment: words, wantsRedo: body.wantsRedo }, actor, { now, policy: deps.policy });
    if (!d.ok) throw new AppError(d.code);
    await writeCaseChange(tx, row, d.patch, d.events, actor, now);
    // The rate command's first event is case.rated; its seq follows the chain's length before the write.
    const rated = await tx.selectFrom('case_events').select('id')
      .where('case_id', '=', caseId).where('seq', '=', row.event_count + 1).where('type', '=', 'case.rated').executeTakeFirstOrThrow();
    const r = await tx.insertInto('follow_up_calls').values({
      case_id: caseId, round: row.round, outcome: 'reached', failure_reason: null, rating: body.rating!, caller_words: words,
      note: body.note?.trim() ?? '', operator_id: user.id, called_at: now, rating_deadline: row.rating_deadline, rating_event_id: rated.id,
    }).returning('id').executeTakeFirstOrThrow();
    return r.id;
  });
  if (body.outcome === 'reached') await publishCaseChange(deps, caseId);
  return getFollowUp(deps, id);
}
