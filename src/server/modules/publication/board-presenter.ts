import type { BoardCase } from '../../../contracts/board.js';
import { caseEventTypes, type CaseEventType, type EventPayload } from '../../../domain/events/catalogue.js';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.js';
import type { AssignmentRow, CaseRow, EventRow } from '../../db/schema.js';
import type { PublicationRow } from '../../db/schema-publication.js';
import type { Directory } from '../org/index.js';
import { hasApprovedReply } from './masking.js';

// The allow-list presenter of a public case page: every field is named here; free text comes only from the
// publication row (masked, reviewed); the timeline keeps allow-listed steps with their time and, where the step is a
// department's, the department's name. No staff names, no payload text, no submitter data beyond the masked name.

export type BoardStatus = BoardCase['status'];

export function boardStatusOf(status: string): BoardStatus {
  return status === 'closed' ? 'closed' : status === 'awaiting_rating' ? 'answered' : 'handling';
}

/** Working days from acceptance (or submission) to the end of handling: closure, the approved reply, or today. */
export function elapsedWorkingDays(cal: WorkCalendar, row: Pick<CaseRow, 'created_at' | 'accepted_at' | 'closed_at' | 'reply_approved_at' | 'status'>, now: Date): number {
  const from = row.accepted_at ?? row.created_at;
  const to = row.closed_at ?? (row.status === 'awaiting_rating' && row.reply_approved_at ? row.reply_approved_at : now);
  return Math.max(0, cal.workingDaysBetween(from, to));
}

type Step = BoardCase['timeline'][number];
/** The public step of each event type, or null: every type of the catalogue is decided here (case.imported is read below). */
const stepOf: Record<CaseEventType, Step['step'] | null> = {
  'case.created': 'submitted', 'case.accepted': 'accepted', 'case.dispatched': 'dispatched', 'case.signed': 'signed',
  'case.extension_approved': 'extended', 'case.suspended': 'suspended', 'case.resumed': 'resumed', 'case.reply_approved': 'replied',
  'case.redone': 'redo', 'case.rated': 'rated', 'case.closed': 'closed', 'case.answered_directly': 'closed',
  'case.imported': null, 'case.import_updated': null, 'case.rejected': null, 'case.merged': null, 'case.merge_received': null,
  'case.return_requested': null, 'case.return_approved': null, 'case.return_denied': null, 'case.extension_requested': null,
  'case.extension_denied': null, 'case.opinion_given': null, 'case.replied': null, 'case.sent_back': null, 'case.instructed': null,
  'case.sub_dispatched': null, 'case.sub_replied': null, 'case.called_in': null, 'case.warned': null, 'case.urged': null,
  'case.escalated': null, 'case.order_issued': null, 'case.order_raised': null, 'case.order_answered': null, 'case.order_closed': null,
  'case.deadlines_recomputed': null, 'case.publication_approved': null, 'case.publication_rejected': null,
  'case.publication_withdrawn': null, 'case.assessment_excluded': null, 'case.unit_merged': null,
};
// Steps taken by a department: the department's name is shown (never the person's).
const departmentSteps = new Set(['signed']);

/** The only event types the public timeline reads; the board's query loads no other event. */
export const publicEventTypes: CaseEventType[] = [...caseEventTypes.filter((t) => stepOf[t] !== null), 'case.imported'];
/** The only payload keys the public timeline reads, by event type; the board's query loads no other payload field. */
export const publicPayloadKeys = {
  'case.dispatched': ['leadDepartmentId'],
  'case.imported': ['createdAt', 'dispatchedAt', 'repliedAt', 'closedAt'],
} as const satisfies { [T in CaseEventType]?: readonly (keyof EventPayload<T>)[] };

/** An event as the board's query loads it: only the allow-listed payload keys (publicPayloadKeys), so every key may be absent. */
export type BoardEvent = Pick<EventRow, 'at' | 'actor_department_id'> & { [T in CaseEventType]: { type: T; payload: Partial<EventPayload<T>> } }[CaseEventType];

/** A loaded event row read as a board event (the database's events are checked against the catalogue by tests). */
export const boardEvent = (row: Pick<EventRow, 'type' | 'at' | 'actor_department_id' | 'payload'>): BoardEvent => row as BoardEvent;

/** What a public case page is made from: the case facts it shows, its assignments and its allow-listed events. */
export interface BoardCaseRecord {
  row: Pick<CaseRow, 'code' | 'round' | 'lead_department_id' | 'category_id' | 'district_id' | 'status' | 'created_at' | 'accepted_at'
    | 'closed_at' | 'reply_approved_at' | 'reply_text' | 'rating' | 'is_name_public'>;
  assignments: Pick<AssignmentRow, 'id' | 'department_id' | 'role' | 'round' | 'status'>[];
  events: BoardEvent[];
}

function timelineOf(record: BoardCaseRecord, deptName: (id: number | null) => string | null): Step[] {
  const out: Step[] = [];
  for (const e of record.events) {
    if (e.type === 'case.imported') {
      const p = e.payload;
      const push = (at: string | null | undefined, step: Step['step']) => {
        if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) out.push({ at: new Date(at).toISOString(), step, department: null });
      };
      push(p.createdAt, 'submitted');
      push(p.dispatchedAt, 'dispatched');
      push(p.repliedAt, 'replied');
      push(p.closedAt, 'closed');
      continue;
    }
    const step = stepOf[e.type] ?? null;
    if (!step) continue;
    let department: string | null = null;
    if (departmentSteps.has(step)) department = deptName(e.actor_department_id);
    if (e.type === 'case.dispatched') {
      const lead = e.payload.leadDepartmentId;
      department = typeof lead === 'number' ? deptName(lead) : null;
    }
    out.push({ at: e.at.toISOString(), step, department });
  }
  return out;
}

export function presentBoardCase(
  record: BoardCaseRecord,
  pub: Pick<PublicationRow, 'public_title' | 'public_description' | 'public_reply' | 'reply_source_at' | 'public_name'>,
  dir: Directory,
  cal: WorkCalendar,
  now: Date,
): BoardCase {
  const row = record.row;
  const names = dir.names();
  const deptName = (id: number | null) => (id == null ? null : names.department(id));
  const current = record.assignments.filter((a) => a.round === row.round && a.status !== 'returned' && a.status !== 'cancelled');
  const departments: BoardCase['departments'] = [];
  const seen = new Set<number>();
  for (const a of [...current].sort((x, y) => (x.role === y.role ? x.id - y.id : x.role === 'lead' ? -1 : 1))) {
    if (seen.has(a.department_id)) continue;
    seen.add(a.department_id);
    departments.push({ name: names.department(a.department_id) ?? '', role: a.role });
  }
  if (!departments.length && row.lead_department_id != null) departments.push({ name: names.department(row.lead_department_id) ?? '', role: 'lead' });
  const approvedReply = hasApprovedReply(row);
  const replyCurrent = approvedReply && !!pub.public_reply && pub.reply_source_at?.getTime() === row.reply_approved_at?.getTime();
  const district = row.district_id == null ? null : dir.department(row.district_id);
  const districtName = district ? (district.kind === 'town' && district.parentId != null ? dir.department(district.parentId)?.name ?? district.name : district.name) : null;
  return {
    replyFiles: [], // added by getBoardCase (board-queries.ts) when the reply shown is the current one
    code: row.code,
    title: pub.public_title ?? '',
    description: pub.public_description ?? '',
    categoryName: names.category(row.category_id),
    districtName,
    departments,
    status: boardStatusOf(row.status),
    createdAt: row.created_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    elapsedWorkingDays: elapsedWorkingDays(cal, row, now),
    reply: replyCurrent ? { text: pub.public_reply!, at: row.reply_approved_at?.toISOString() ?? null } : null,
    replyUnderReview: approvedReply && !replyCurrent,
    rating: row.rating,
    submitterName: row.is_name_public ? pub.public_name : null,
    timeline: timelineOf(record, deptName),
  };
}
