import { sql } from 'kysely';
import { eventHash } from '../../../domain/audit/chain.js';
import type { SuggestionEvent } from '../../../domain/events/suggestions.js';
import type { SuggestionPatch, SuggestionSnapshot } from '../../../domain/suggestions/decide.js';
import type { Tx } from '../../kernel/index.js';
import type { SuggestionRow } from '../../db/schema-suggestions.js';
import { AppError } from '../../errors.js';

// All SQL that writes a suggestion's row and its hash chain, in the caller's transaction.

export interface ChainActor {
  userId: number | null;
  departmentId: number | null;
  role: string;
}

/** Locks the suggestion row (unless `lock` is false: a read for buttons) and reads what decideSuggestion needs. */
export async function lockSuggestion(tx: Tx, id: number, lock = true): Promise<{ row: SuggestionRow; snapshot: SuggestionSnapshot }> {
  const q = tx.selectFrom('suggestions').selectAll().where('id', '=', id);
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new AppError('SUGGESTION_NOT_FOUND');
  const [proposers, units, meetings, letters] = await Promise.all([
    tx.selectFrom('suggestion_proposers').select('user_id').where('suggestion_id', '=', id).execute(),
    tx.selectFrom('suggestion_units').select(['department_id', 'role', 'signed_at']).where('suggestion_id', '=', id).orderBy('id').execute(),
    tx.selectFrom('suggestion_meetings').select('department_id').where('suggestion_id', '=', id).where('round', '=', row.round).execute(),
    tx.selectFrom('suggestion_letters as l')
      .select(['l.id', 'l.department_id', 'l.sent_at', sql<number[]>`coalesce((SELECT array_agg(c.department_id) FROM suggestion_countersigns c WHERE c.letter_id = l.id), '{}')`.as('signed')])
      .where('l.suggestion_id', '=', id).where('l.round', '=', row.round).orderBy('l.id').execute(),
  ]);
  return {
    row,
    snapshot: {
      status: row.status, round: row.round, assignedAt: row.assigned_at, replyDeadline: row.reply_deadline, extensionState: row.extension_state,
      proposerUserIds: proposers.map((p) => p.user_id).filter((x): x is number => x !== null),
      units: units.map((u) => ({ departmentId: u.department_id, role: u.role, signedAt: u.signed_at })),
      metThisRound: [...new Set(meetings.map((m) => m.department_id))],
      letters: letters.map((l) => ({ id: l.id, departmentId: l.department_id, sentAt: l.sent_at, countersignedBy: (l.signed ?? []).map(Number) })),
    },
  };
}

/** Appends events to the suggestion's chain (eventHash of domain/audit/chain.ts, the suggestion id as chain id) and patches the row. */
export async function writeSuggestionChange(
  tx: Tx, row: Pick<SuggestionRow, 'id' | 'event_count' | 'last_event_hash'>, events: SuggestionEvent[], actor: ChainActor, at: Date, patch: SuggestionPatch = {},
): Promise<void> {
  let prev = row.last_event_hash;
  let seq = row.event_count;
  const values = events.map((e) => {
    seq += 1;
    const content = { caseId: row.id, seq, type: e.type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId, actorRole: actor.role, at, payload: e.payload };
    const hash = eventHash(prev, content);
    const v = {
      suggestion_id: row.id, seq, type: e.type, actor_user_id: actor.userId, actor_department_id: actor.departmentId, actor_role: actor.role,
      at, payload: JSON.stringify(e.payload), prev_hash: prev, hash,
    };
    prev = hash;
    return v;
  });
  if (values.length) await tx.insertInto('suggestion_events').values(values).execute();
  await tx.updateTable('suggestions')
    .set({ ...patch, event_count: seq, last_event_hash: prev, version: sql`version + 1` })
    .where('id', '=', row.id).execute();
}
