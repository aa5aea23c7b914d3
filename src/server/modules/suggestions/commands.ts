import { sql, type Transaction } from 'kysely';
import type { RegisterSuggestion, ReplyBody } from '../../../contracts/suggestions.js';
import { decideSuggestion, type SuggestionActor, type SuggestionCommand } from '../../../domain/suggestions/decide.js';
import { promiseClasses, type MeetingForm } from '../../../domain/suggestions/model.js';
import type { SuggestionEvent } from '../../../domain/events/suggestions.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Notice } from '../notifications/index.js';
import { suggestionLabel } from './labels.js';
import { lockSuggestion, writeSuggestionChange } from './repository.js';

// Registration and every command on a suggestion, in the caller's transaction: lock, decide, write the side rows
// the decision names, append the events, patch the row. What people must be told is returned, to send after commit.

export interface PromiseInput {
  suggestionId: number;
  letterId: number;
  /** 第十七届人大第五次会议第 123 号 */
  label: string;
  title: string;
  promise: string;
  promiseDue: string;
  departmentId: number;
  replyClass: 'B' | 'C';
  actorUserId: number;
  /** When the letter was sent (the command's time). */
  at: Date;
}
/**
 * Turns a B or C answer's promise into a supervised item (督办事项) in the same transaction and returns its id; null
 * when no item area is wired (the promise stays recorded on the suggestion, `suggestion.promise_tracked` with itemId null).
 */
export type PromiseTracker = (tx: Transaction<DB>, input: PromiseInput) => Promise<number | null>;
export const noPromiseTracker: PromiseTracker = async () => null;

export interface CommandActor extends SuggestionActor {
  role: string;
}

export type CommandBody =
  | { type: 'assign'; mode: 'lead' | 'split'; leadDepartmentIds: number[]; coDepartmentIds: number[] }
  | { type: 'sign' }
  | { type: 'request-extension'; reason: string }
  | { type: 'decide-extension'; approved: boolean; reason: string }
  | { type: 'meet'; metOn: string; form: MeetingForm; people: string; summary: string }
  | ({ type: 'reply' } & ReplyBody)
  | { type: 'countersign'; opinion: string }
  | { type: 'rate'; rating: 'satisfied' | 'basically' | 'unsatisfied'; comment: string };

export async function registerSuggestion(tx: Transaction<DB>, actor: CommandActor, body: RegisterSuggestion, now: Date): Promise<number> {
  if (!actor.isSupervisor) throw new AppError('SUGGESTION_NOT_SUPERVISOR');
  const userIds = body.proposers.map((p) => p.userId).filter((x): x is number => x != null);
  if (userIds.length) {
    const deputies = await tx.selectFrom('users').select('id').where('id', 'in', userIds).where(sql<boolean>`'deputy' = ANY(roles)`).execute();
    if (deputies.length !== new Set(userIds).size || userIds.length !== new Set(userIds).size) throw new AppError('SUGGESTION_PROPOSER_INVALID');
  }
  const taken = await tx.selectFrom('suggestions').select('id')
    .where('kind', '=', body.kind).where('term', '=', body.term).where('session_no', '=', body.sessionNo).where('number', '=', body.number).executeTakeFirst();
  if (taken) throw new AppError('SUGGESTION_NUMBER_TAKEN');
  const row = await tx.insertInto('suggestions').values({
    kind: body.kind, term: body.term, session_no: body.sessionNo, number: body.number, title: body.title, body: body.body, category: body.category,
    status: 'registered', is_public: body.isPublic, registered_by: actor.userId, created_at: now, assign_mode: null, assigned_at: null, reply_deadline: null,
    extension_reason: null, class: null, sent_at: null, rating: null, rating_comment: null, rated_at: null, closed_at: null, promise_item_id: null,
  }).returning(['id', 'event_count', 'last_event_hash']).executeTakeFirstOrThrow();
  await tx.insertInto('suggestion_proposers').values(body.proposers.map((p, i) => ({ suggestion_id: row.id, seq: i + 1, name: p.name, user_id: p.userId ?? null }))).execute();
  await writeSuggestionChange(tx, row, [{
    type: 'suggestion.registered',
    payload: {
      kind: body.kind, term: body.term, sessionNo: body.sessionNo, number: body.number, title: body.title, category: body.category,
      proposers: body.proposers.map((p) => ({ name: p.name, userId: p.userId ?? null })), isPublic: body.isPublic,
    },
  }], chainActor(actor), now);
  return row.id;
}

const chainActor = (a: CommandActor) => ({ userId: a.userId, departmentId: a.departmentId, role: a.role });

async function nextId(tx: Transaction<DB>, table: 'suggestion_letters' | 'suggestion_meetings'): Promise<number> {
  const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::int AS id`.execute(tx);
  return r.rows[0].id;
}

/** Runs one command; returns the notices to send once the transaction has committed. */
export async function runSuggestionCommand(
  tx: Transaction<DB>, id: number, actor: CommandActor, body: CommandBody, now: Date, trackPromise: PromiseTracker,
): Promise<Notice[]> {
  const { row, snapshot } = await lockSuggestion(tx, id);
  const isUnit = snapshot.units.some((u) => u.departmentId === actor.departmentId);
  const isProposer = snapshot.proposerUserIds.includes(actor.userId);
  // Nobody outside the suggestion learns that it exists.
  if (!actor.isSupervisor && !isUnit && !isProposer) throw new AppError('SUGGESTION_NOT_FOUND');
  let cmd: SuggestionCommand;
  switch (body.type) {
    case 'meet': cmd = { ...body, meetingId: await nextId(tx, 'suggestion_meetings') }; break;
    case 'reply': cmd = { type: 'reply', letterId: await nextId(tx, 'suggestion_letters'), docNumber: body.docNumber, class: body.class, promise: body.promise ?? null, promiseDue: body.promiseDue ?? null }; break;
    default: cmd = body;
  }
  const d = decideSuggestion(snapshot, cmd, actor, now);
  if (!d.ok) throw new AppError(d.code);
  const events: SuggestionEvent[] = [...d.events];
  const label = suggestionLabel(row);
  const link = `/suggestions/${id}`;
  const notices: Notice[] = [];
  switch (cmd.type) {
    case 'assign': {
      const units = [
        ...cmd.leadDepartmentIds.map((dep) => ({ department_id: dep, role: cmd.mode === 'split' ? 'split' as const : 'lead' as const })),
        ...cmd.coDepartmentIds.map((dep) => ({ department_id: dep, role: 'co' as const })),
      ];
      const found = await tx.selectFrom('departments').select('id').where('id', 'in', units.map((u) => u.department_id)).where('is_active', '=', true).execute();
      if (found.length !== new Set(units.map((u) => u.department_id)).size) throw new AppError('DEPARTMENT_NOT_FOUND');
      await tx.insertInto('suggestion_units').values(units.map((u) => ({ ...u, suggestion_id: id, signed_at: null }))).execute();
      notices.push({ departmentIds: units.map((u) => u.department_id), type: 'suggestion.assigned', title: `建议提案交办：${label}`, body: row.title, link });
      break;
    }
    case 'sign':
      await tx.updateTable('suggestion_units').set({ signed_at: now }).where('suggestion_id', '=', id).where('department_id', '=', actor.departmentId).execute();
      break;
    case 'request-extension':
      notices.push({ role: 'supervisor', type: 'suggestion.extension_requested', title: `建议提案延期申请：${label}`, body: cmd.reason, link });
      break;
    case 'decide-extension': {
      const answering = snapshot.units.filter((u) => u.role !== 'co').map((u) => u.departmentId);
      notices.push({ departmentIds: answering, type: 'suggestion.extension_decided', title: `延期申请${cmd.approved ? '已同意' : '未同意'}：${label}`, body: cmd.reason, link });
      break;
    }
    case 'meet':
      await tx.insertInto('suggestion_meetings').values({
        id: cmd.meetingId, suggestion_id: id, department_id: actor.departmentId, round: row.round, met_on: cmd.metOn, form: cmd.form,
        people: cmd.people, summary: cmd.summary, recorded_by: actor.userId, recorded_at: now,
      }).execute();
      break;
    case 'reply': {
      const replied = d.events[0];
      if (replied.type !== 'suggestion.replied') throw new Error('reply must write suggestion.replied first');
      await tx.insertInto('suggestion_letters').values({
        id: cmd.letterId, suggestion_id: id, department_id: actor.departmentId, round: row.round, doc_number: cmd.docNumber, class: cmd.class,
        body: (body as ReplyBody).body, promise: replied.payload.promise, promise_due: replied.payload.promiseDue, is_late: replied.payload.isLate,
        replied_by: actor.userId, replied_at: now, sent_at: d.lettersSent.includes(cmd.letterId) ? now : null,
      }).execute();
      const co = snapshot.units.filter((u) => u.role === 'co').map((u) => u.departmentId);
      if (co.length && d.patch.status === 'countersigning') notices.push({ departmentIds: co, type: 'suggestion.countersign_due', title: `答复函待会签：${label}`, body: row.title, link });
      break;
    }
    case 'countersign': {
      const signed = d.events.filter((e) => e.type === 'suggestion.countersigned');
      await tx.insertInto('suggestion_countersigns').values(signed.map((e) => ({
        letter_id: (e.payload as { letterId: number }).letterId, department_id: actor.departmentId, opinion: cmd.opinion, signed_by: actor.userId, signed_at: now,
      }))).execute();
      if (d.lettersSent.length) await tx.updateTable('suggestion_letters').set({ sent_at: now }).where('id', 'in', d.lettersSent).execute();
      break;
    }
    case 'rate': {
      notices.push({ departmentIds: snapshot.units.map((u) => u.departmentId), type: 'suggestion.rated', title: `代表委员已评价：${label}`, body: `${row.title}（${cmd.rating === 'unsatisfied' ? '不满意' : cmd.rating === 'basically' ? '基本满意' : '满意'}）`, link });
      break;
    }
  }
  // Letters sent now: B and C promises become supervised items, linked both ways.
  let promiseItemId = row.promise_item_id;
  if (d.lettersSent.length) {
    const letters = await tx.selectFrom('suggestion_letters').select(['id', 'department_id', 'class', 'promise', 'promise_due']).where('id', 'in', d.lettersSent).orderBy('id').execute();
    for (const l of letters) {
      if (!promiseClasses.includes(l.class) || !l.promise || !l.promise_due) continue;
      const itemId = await trackPromise(tx, {
        suggestionId: id, letterId: l.id, label, title: row.title, promise: l.promise, promiseDue: l.promise_due, departmentId: l.department_id,
        replyClass: l.class as 'B' | 'C', actorUserId: actor.userId, at: now,
      });
      promiseItemId ??= itemId;
      events.push({ type: 'suggestion.promise_tracked', payload: { letterId: l.id, itemId, promise: l.promise, promiseDue: l.promise_due } });
    }
  }
  if (d.patch.status === 'awaiting_rating') {
    const proposers = snapshot.proposerUserIds;
    if (proposers.length) notices.push({ userIds: [...proposers], type: 'suggestion.replied', title: `您的建议已答复，请评价：${label}`, body: row.title, link });
  }
  await writeSuggestionChange(tx, row, events, chainActor(actor), now, d.patch);
  if (promiseItemId !== row.promise_item_id) await tx.updateTable('suggestions').set({ promise_item_id: promiseItemId }).where('id', '=', id).execute();
  return notices;
}
