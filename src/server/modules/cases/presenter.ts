import type { Assignment, CaseDetail, CaseEvent, CaseSummary } from '../../../contracts/cases.js';
import type { CaseStatus } from '../../../domain/case/status.js';
import { storedEvent } from '../../../domain/events/catalogue.js';
import type { AssignmentRow, CaseRow, EventRow } from '../../db/schema.js';
import type { Names } from '../org/index.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentSummary(row: Pick<CaseRow, 'id' | 'code' | 'title' | 'status' | 'channel' | 'urgency' | 'category_id' | 'district_id' | 'lead_department_id' | 'supervision_level' | 'reply_deadline' | 'suspended_at' | 'rating' | 'created_at' | 'updated_at'> & { warning_level?: CaseRow['warning_level']; case_type: CaseRow['case_type']; overdue_clock?: 'sign' | 'opinion' | 'reply' | null }, names: Names): CaseSummary {
  return {
    id: row.id, code: row.code, title: row.title, status: row.status as CaseStatus, channel: row.channel, urgency: row.urgency,
    caseType: row.case_type,
    categoryId: row.category_id, categoryName: names.category(row.category_id),
    districtId: row.district_id, districtName: names.department(row.district_id),
    leadDepartmentId: row.lead_department_id, leadDepartmentName: names.department(row.lead_department_id),
    supervisionLevel: row.supervision_level, warningLevel: row.warning_level ?? 'none', replyDeadline: iso(row.reply_deadline), suspended: row.suspended_at != null,
    ...(row.overdue_clock !== undefined ? { overdueClock: row.overdue_clock } : {}),
    rating: row.rating, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

export function presentAssignment(a: AssignmentRow, names: Names): Assignment {
  return {
    id: a.id, departmentId: a.department_id, departmentName: names.department(a.department_id) ?? '', role: a.role, round: a.round,
    status: a.status, dispatchedAt: a.dispatched_at.toISOString(), signDeadline: a.sign_deadline.toISOString(), signedAt: iso(a.signed_at),
    opinionDeadline: iso(a.opinion_deadline), opinion: a.opinion, opinionAt: iso(a.opinion_at), replyDeadline: iso(a.reply_deadline),
    returnReason: a.return_reason, returnBasis: a.return_basis, returnRequestedAt: iso(a.return_requested_at),
    parentAssignmentId: a.parent_assignment_id ?? null,
  };
}

export function presentEvent(e: EventRow, names: Names): CaseEvent {
  return {
    seq: e.seq, at: e.at.toISOString(), actorUserId: e.actor_user_id, actorName: names.user(e.actor_user_id),
    actorDepartmentId: e.actor_department_id, actorDepartmentName: names.department(e.actor_department_id), actorRole: e.actor_role,
    ...storedEvent({ type: e.type, payload: e.payload }),
  };
}

export function presentDetail(row: CaseRow, assignments: AssignmentRow[], events: EventRow[], names: Names): Omit<CaseDetail, 'allowedActions'> {
  return {
    ...presentSummary(row, names),
    description: row.description, submitterName: row.submitter_name, submitterPhone: row.submitter_phone,
    enterpriseName: row.enterprise_name, enterpriseCreditCode: row.enterprise_credit_code, address: row.address,
    isPublic: row.is_public, isNamePublic: row.is_name_public, duplicateOf: row.duplicate_of, round: row.round, redoCount: row.redo_count,
    replyText: row.reply_text, ratingComment: row.rating_comment, redoRequested: row.redo_requested, rejectReason: row.reject_reason,
    suspendReason: row.suspend_reason, ratingDeadline: iso(row.rating_deadline), pendingExtensionUntil: iso(row.pending_extension_until),
    pendingExtensionReason: row.pending_extension_reason, acceptedAt: iso(row.accepted_at), dispatchedAt: iso(row.dispatched_at),
    repliedAt: iso(row.replied_at), closedAt: iso(row.closed_at), version: row.version,
    assignments: assignments.map((a) => presentAssignment(a, names)),
    events: events.map((e) => presentEvent(e, names)),
  };
}
