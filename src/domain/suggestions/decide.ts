import type { SuggestionErrorCode } from '../errors.js';
import type { SuggestionEvent } from '../events/suggestions.js';
import { beijingDate } from '../calendar/local-time.js';
import { addMonthsEndOfDay } from './deadline.js';
import {
  extendedReplyMonths, isAnswering, promiseClasses, rehandlingMonths, replyMonths,
  type ExtensionState, type MeetingForm, type Rating, type ReplyClass, type SuggestionStatus, type UnitRole,
} from './model.js';

// One pure decideSuggestion(): every status change of a suggestion, with the events it writes. The server locks the
// row, builds this snapshot, calls decide and writes what comes back in the same transaction.

export interface SuggestionSnapshot {
  status: SuggestionStatus;
  round: number;
  assignedAt: Date | null;
  replyDeadline: Date | null;
  extensionState: ExtensionState;
  proposerUserIds: readonly number[];
  units: readonly { departmentId: number; role: UnitRole; signedAt: Date | null }[];
  /** Departments that recorded a 见面沟通 in the current round. */
  metThisRound: readonly number[];
  /** Letters of the current round. */
  letters: readonly { id: number; departmentId: number; sentAt: Date | null; countersignedBy: readonly number[] }[];
}

export interface SuggestionActor {
  userId: number;
  departmentId: number;
  /** May register, assign and decide extensions (督查室). */
  isSupervisor: boolean;
}

export type SuggestionCommand =
  | { type: 'assign'; mode: 'lead' | 'split'; leadDepartmentIds: number[]; coDepartmentIds: number[] }
  | { type: 'sign' }
  | { type: 'request-extension'; reason: string }
  | { type: 'decide-extension'; approved: boolean; reason: string }
  | { type: 'meet'; meetingId: number; metOn: string; form: MeetingForm; people: string; summary: string }
  | { type: 'reply'; letterId: number; docNumber: string; class: ReplyClass; promise: string | null; promiseDue: string | null }
  | { type: 'countersign'; opinion: string }
  | { type: 'rate'; rating: Rating; comment: string };

export type SuggestionCommandType = SuggestionCommand['type'];

export interface SuggestionPatch {
  status?: SuggestionStatus;
  round?: number;
  assign_mode?: 'lead' | 'split';
  assigned_at?: Date;
  reply_deadline?: Date;
  extension_state?: ExtensionState;
  extension_reason?: string;
  is_late?: boolean;
  class?: ReplyClass | null;
  sent_at?: Date;
  rating?: Rating;
  rating_comment?: string;
  rated_at?: Date;
  closed_at?: Date;
}

export type Decision =
  | { ok: true; patch: SuggestionPatch; events: SuggestionEvent[]; lettersSent: number[] }
  | { ok: false; code: SuggestionErrorCode };

const refuse = (code: SuggestionErrorCode): Decision => ({ ok: false, code });
const unitOf = (s: SuggestionSnapshot, a: SuggestionActor) => s.units.find((u) => u.departmentId === a.departmentId);
const answering = (s: SuggestionSnapshot) => s.units.filter((u) => isAnswering(u.role));
const coUnits = (s: SuggestionSnapshot) => s.units.filter((u) => u.role === 'co');

/** The guard for each command without its payload: what allowedSuggestionActions shows as buttons. */
export function guard(s: SuggestionSnapshot, type: SuggestionCommandType, a: SuggestionActor, now: Date): SuggestionErrorCode | null {
  const unit = unitOf(s, a);
  switch (type) {
    case 'assign':
      if (!a.isSupervisor) return 'SUGGESTION_NOT_SUPERVISOR';
      return s.status === 'registered' ? null : 'SUGGESTION_STATE';
    case 'sign':
      if (!unit) return 'SUGGESTION_NOT_UNIT';
      if (unit.signedAt) return 'SUGGESTION_ALREADY_SIGNED';
      return s.status === 'assigned' ? null : 'SUGGESTION_STATE';
    case 'request-extension':
      if (!unit || !isAnswering(unit.role)) return 'SUGGESTION_NOT_ANSWERING_UNIT';
      if (s.round !== 1 || !['assigned', 'handling'].includes(s.status)) return 'SUGGESTION_STATE';
      if (s.extensionState !== 'none') return 'SUGGESTION_EXTENSION_USED';
      return null;
    case 'decide-extension':
      if (!a.isSupervisor) return 'SUGGESTION_NOT_SUPERVISOR';
      return s.extensionState === 'requested' ? null : 'SUGGESTION_NO_EXTENSION_REQUEST';
    case 'meet':
      if (!unit || !isAnswering(unit.role)) return 'SUGGESTION_NOT_ANSWERING_UNIT';
      if (!unit.signedAt) return 'SUGGESTION_NOT_SIGNED';
      return s.status === 'handling' || s.status === 'assigned' ? null : 'SUGGESTION_STATE';
    case 'reply':
      if (!unit || !isAnswering(unit.role)) return 'SUGGESTION_NOT_ANSWERING_UNIT';
      if (s.status !== 'handling') return unit.signedAt ? 'SUGGESTION_STATE' : 'SUGGESTION_NOT_SIGNED';
      if (s.letters.some((l) => l.departmentId === a.departmentId)) return 'SUGGESTION_ALREADY_REPLIED';
      if (!s.metThisRound.includes(a.departmentId)) return 'SUGGESTION_MEETING_REQUIRED';
      return null;
    case 'countersign': {
      if (!unit || unit.role !== 'co') return 'SUGGESTION_NOT_CO_UNIT';
      if (s.status !== 'countersigning') return 'SUGGESTION_STATE';
      const pending = s.letters.some((l) => !l.sentAt && !l.countersignedBy.includes(a.departmentId));
      return pending ? null : 'SUGGESTION_ALREADY_COUNTERSIGNED';
    }
    case 'rate':
      if (!s.proposerUserIds.includes(a.userId)) return 'SUGGESTION_NOT_PROPOSER';
      return s.status === 'awaiting_rating' ? null : 'SUGGESTION_STATE';
    default:
      return exhaustiveCommand(type, now);
  }
}

function exhaustiveCommand(type: never, _now: Date): never {
  throw new Error(`unknown command ${String(type)}`);
}

/** The commands this actor could issue now (buttons), in a fixed order. */
export function allowedSuggestionActions(s: SuggestionSnapshot, a: SuggestionActor, now: Date): SuggestionCommandType[] {
  const all: SuggestionCommandType[] = ['assign', 'sign', 'request-extension', 'decide-extension', 'meet', 'reply', 'countersign', 'rate'];
  return all.filter((t) => guard(s, t, a, now) === null);
}

export function decideSuggestion(s: SuggestionSnapshot, c: SuggestionCommand, a: SuggestionActor, now: Date): Decision {
  const refused = guard(s, c.type, a, now);
  if (refused) return refuse(refused);
  switch (c.type) {
    case 'assign': {
      const leads = [...new Set(c.leadDepartmentIds)];
      const cos = [...new Set(c.coDepartmentIds)];
      if (leads.length === 0) return refuse('SUGGESTION_LEAD_REQUIRED');
      if (c.mode === 'lead' && leads.length !== 1) return refuse('SUGGESTION_ONE_LEAD');
      if (c.mode === 'split' && (leads.length < 2 || cos.length > 0)) return refuse('SUGGESTION_SPLIT_INVALID');
      if (cos.some((d) => leads.includes(d))) return refuse('SUGGESTION_LEAD_IN_CO');
      const replyDeadline = addMonthsEndOfDay(now, replyMonths);
      return {
        ok: true, lettersSent: [],
        patch: { status: 'assigned', assign_mode: c.mode, assigned_at: now, reply_deadline: replyDeadline },
        events: [{ type: 'suggestion.assigned', payload: { mode: c.mode, leadDepartmentIds: leads, coDepartmentIds: cos, replyDeadline: replyDeadline.toISOString() } }],
      };
    }
    case 'sign': {
      const unit = unitOf(s, a)!;
      const allSigned = s.units.every((u) => u.departmentId === a.departmentId || u.signedAt);
      return {
        ok: true, lettersSent: [], patch: allSigned ? { status: 'handling' } : {},
        events: [{ type: 'suggestion.signed', payload: { departmentId: a.departmentId, role: unit.role } }],
      };
    }
    case 'request-extension':
      if (!c.reason.trim()) return refuse('SUGGESTION_REASON_REQUIRED');
      return {
        ok: true, lettersSent: [], patch: { extension_state: 'requested', extension_reason: c.reason },
        events: [{ type: 'suggestion.extension_requested', payload: { departmentId: a.departmentId, reason: c.reason } }],
      };
    case 'decide-extension': {
      const deadline = c.approved ? addMonthsEndOfDay(s.assignedAt!, extendedReplyMonths) : s.replyDeadline!;
      return {
        ok: true, lettersSent: [],
        patch: { extension_state: c.approved ? 'approved' : 'denied', ...(c.approved ? { reply_deadline: deadline } : {}) },
        events: [{ type: 'suggestion.extension_decided', payload: { approved: c.approved, reason: c.reason, replyDeadline: deadline.toISOString() } }],
      };
    }
    case 'meet':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(c.metOn)) return refuse('SUGGESTION_DATE_INVALID');
      if (!c.people.trim() || !c.summary.trim()) return refuse('SUGGESTION_MEETING_INCOMPLETE');
      return {
        ok: true, lettersSent: [], patch: {},
        events: [{ type: 'suggestion.meeting_recorded', payload: { meetingId: c.meetingId, departmentId: a.departmentId, round: s.round, metOn: c.metOn, form: c.form, people: c.people, summary: c.summary } }],
      };
    case 'reply':
      return reply(s, c, a, now);
    case 'countersign': {
      const events: SuggestionEvent[] = [];
      const sent: number[] = [];
      const cos = coUnits(s).map((u) => u.departmentId);
      for (const l of s.letters) {
        if (l.sentAt || l.countersignedBy.includes(a.departmentId)) continue;
        events.push({ type: 'suggestion.countersigned', payload: { letterId: l.id, departmentId: a.departmentId, opinion: c.opinion } });
        if (cos.every((d) => d === a.departmentId || l.countersignedBy.includes(d))) {
          events.push({ type: 'suggestion.letter_sent', payload: { letterId: l.id, departmentId: l.departmentId, round: s.round } });
          sent.push(l.id);
        }
      }
      const allSent = s.letters.every((l) => l.sentAt || sent.includes(l.id));
      return { ok: true, lettersSent: sent, events, patch: allSent ? { status: 'awaiting_rating', sent_at: now } : {} };
    }
    case 'rate': {
      if (c.rating === 'unsatisfied' && !c.comment.trim()) return refuse('SUGGESTION_RATING_COMMENT_REQUIRED');
      const rehandle = c.rating === 'unsatisfied' && s.round === 1;
      const events: SuggestionEvent[] = [{ type: 'suggestion.rated', payload: { rating: c.rating, comment: c.comment, round: s.round, final: !rehandle } }];
      if (rehandle) {
        const deadline = addMonthsEndOfDay(now, rehandlingMonths);
        events.push({ type: 'suggestion.rehandling_started', payload: { round: 2, replyDeadline: deadline.toISOString() } });
        return { ok: true, lettersSent: [], events, patch: { status: 'handling', round: 2, reply_deadline: deadline, rating: c.rating, rating_comment: c.comment, rated_at: now } };
      }
      return { ok: true, lettersSent: [], events, patch: { status: 'closed', rating: c.rating, rating_comment: c.comment, rated_at: now, closed_at: now } };
    }
    default:
      return exhaustiveCommand(c, now);
  }
}

function reply(s: SuggestionSnapshot, c: Extract<SuggestionCommand, { type: 'reply' }>, a: SuggestionActor, now: Date): Decision {
  if (!c.docNumber.trim()) return refuse('SUGGESTION_DOC_NUMBER_REQUIRED');
  const isPromise = promiseClasses.includes(c.class);
  if (isPromise && (!c.promise?.trim() || !c.promiseDue)) return refuse('SUGGESTION_PROMISE_REQUIRED');
  if (c.promiseDue && !/^\d{4}-\d{2}-\d{2}$/.test(c.promiseDue)) return refuse('SUGGESTION_DATE_INVALID');
  // A promise is for the future: its date after today (Beijing).
  if (isPromise && c.promiseDue! <= beijingDate(now)) return refuse('SUGGESTION_PROMISE_DUE_PAST');
  // A reply past the limit is accepted and marked late.
  const isLate = !!s.replyDeadline && now.getTime() > s.replyDeadline.getTime();
  const promise = isPromise ? c.promise!.trim() : null;
  const promiseDue = isPromise ? c.promiseDue : null;
  const events: SuggestionEvent[] = [{
    type: 'suggestion.replied',
    payload: { letterId: c.letterId, departmentId: a.departmentId, round: s.round, docNumber: c.docNumber, class: c.class, isLate, promise, promiseDue },
  }];
  const hasCo = coUnits(s).length > 0;
  const sent: number[] = [];
  if (!hasCo) {
    events.push({ type: 'suggestion.letter_sent', payload: { letterId: c.letterId, departmentId: a.departmentId, round: s.round } });
    sent.push(c.letterId);
  }
  const answeringIds = answering(s).map((u) => u.departmentId);
  const allReplied = answeringIds.every((d) => d === a.departmentId || s.letters.some((l) => l.departmentId === d));
  const allSent = allReplied && s.letters.every((l) => l.sentAt) && !hasCo;
  const patch: SuggestionPatch = { is_late: isLate || undefined };
  if (patch.is_late === undefined) delete patch.is_late;
  // The suggestion's class is the lead's (a split suggestion is classed per letter only).
  if (answeringIds.length === 1) patch.class = c.class;
  if (allSent) Object.assign(patch, { status: 'awaiting_rating', sent_at: now });
  else if (allReplied) patch.status = hasCo ? 'countersigning' : 'handling';
  return { ok: true, events, lettersSent: sent, patch };
}
