import type { ErrorCode } from '../errors.js';
import { assignmentOf, decidableReturns, leadAssignment, liveChildren, liveCoAssignments, requireText } from './guards.js';
import { transitions } from './transitions.js';
import type {
  Actor, AssignmentOp, AttachmentRef, AssignmentSnapshot, CasePatch, CaseSnapshot, Command, CommandType, Decision, DecideContext, NewAssignment, NewEvent,
} from './types.js';
import { attachmentVisibilities, commandTypes, maxEventAttachments } from './types.js';

/** Why `type` may not be issued now by `actor`, or null when it may (payload not yet considered). */
export function refusal(s: CaseSnapshot, type: CommandType, actor: Actor, now: Date): ErrorCode | null {
  const t = transitions[type];
  if (!t.roles.includes(actor.role)) return 'ROLE_NOT_ALLOWED';
  if (!t.from.includes(s.status)) return 'CASE_TRANSITION_NOT_ALLOWED';
  for (const guard of t.guards) {
    const code = guard(s, actor, now);
    if (code) return code;
  }
  return null;
}

/** The commands the actor may issue on the case now; the web shows buttons only for these. */
export function allowedActions(s: CaseSnapshot, actor: Actor, now: Date): (typeof commandTypes)[number][] {
  return commandTypes.filter((type) => refusal(s, type, actor, now) === null);
}

const refuse = (code: ErrorCode): Decision => ({ ok: false, code });
const ok = (patch: CasePatch, events: NewEvent[], assignments: AssignmentOp[] = []): Decision => ({ ok: true, patch, events, assignments });

function newAssignments(s: CaseSnapshot, leadId: number, coIds: number[], round: number, ctx: DecideContext): NewAssignment[] {
  const { now, policy } = ctx;
  const base = { round, dispatchedAt: now, signDeadline: policy.signBy(now, s.urgency, s.categoryId, s.kind) };
  return [
    { ...base, departmentId: leadId, role: 'lead', opinionDeadline: null, replyDeadline: policy.replyBy(now, s.kind, s.urgency, s.categoryId) },
    ...coIds.map((id): NewAssignment => ({ ...base, departmentId: id, role: 'co', opinionDeadline: policy.opinionBy(now, s.urgency, s.categoryId, s.kind), replyDeadline: null })),
  ];
}

function validateDepartments(leadId: number, coIds: number[]): ErrorCode | null {
  if (!Number.isInteger(leadId) || leadId <= 0) return 'LEAD_REQUIRED';
  if (coIds.includes(leadId)) return 'LEAD_IN_CO';
  if (new Set(coIds).size !== coIds.length) return 'DUPLICATE_DEPARTMENT';
  return null;
}

const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

/** A town's return approved by its district: a new town inside the same deadline, or the district handles it itself. */
function approveSubReturn(s: CaseSnapshot, a: AssignmentSnapshot, newLead: number | undefined, ops: AssignmentOp[], ctx: DecideContext): Decision {
  const payload = { assignmentId: a.id, role: a.role, parentAssignmentId: a.parentId };
  if (a.role === 'co' || !newLead) {
    if (a.role === 'lead') {
      for (const c of liveChildren(s, a.parentId!)) if (c.id !== a.id) ops.push({ op: 'update', id: c.id, patch: { status: 'cancelled', closedAt: ctx.now } });
    }
    return ok({}, [{ type: 'case.return_approved', payload }], ops);
  }
  if (newLead === a.departmentId) return refuse('SAME_DEPARTMENT');
  if (s.assignments.some((x) => x.round === s.round && x.departmentId === newLead && x.status !== 'returned' && x.status !== 'cancelled')) return refuse('ALREADY_ON_CASE');
  const replyDeadline = a.replyDeadline ?? ctx.policy.replyBy(ctx.now, s.kind, s.urgency, s.categoryId);
  const assignment: NewAssignment = {
    round: s.round, dispatchedAt: ctx.now, departmentId: newLead, role: 'lead', parentId: a.parentId, opinionDeadline: null, replyDeadline,
    signDeadline: minDate(ctx.policy.signBy(ctx.now, s.urgency, s.categoryId), replyDeadline),
  };
  ops.push({ op: 'create', assignment });
  return ok({}, [{ type: 'case.return_approved', payload: { ...payload, newLeadDepartmentId: newLead, replyDeadline: replyDeadline.toISOString() } }], ops);
}

/**
 * The one place a case changes state: given the case, a command and who issues it, either a refusal with a
 * reason code, or the row patch, assignment changes and events to write in one transaction. Pure.
 */
export function decide(s: CaseSnapshot, cmd: Command, actor: Actor, ctx: DecideContext): Decision {
  const refs = 'attachments' in cmd ? cmd.attachments ?? [] : [];
  const bad = attachmentsRefusal(cmd.type, refs);
  if (bad) return refuse(bad);
  const d = decideCommand(s, cmd, actor, ctx);
  if (!d.ok || refs.length === 0) return d;
  // The files travel in the payload of the event that carries the command's substance; the row is linked to it when
  // the event is written (migration 0035's trigger), so the hash chain records which files were sent.
  const carrier = attachmentCarriers[cmd.type];
  const attachments = refs.map((r) => ({ id: r.id, visibility: r.visibility }));
  return { ...d, events: d.events.map((e) => (e.type === carrier ? { ...e, payload: { ...e.payload, attachments } } as NewEvent : e)) };
}

/** The event of each command that may carry files. */
const attachmentCarriers: Partial<Record<CommandType, NewEvent['type']>> = {
  reply: 'case.replied', opinion: 'case.opinion_given', 'sub-reply': 'case.sub_replied',
  'request-return': 'case.return_requested', 'request-extension': 'case.extension_requested',
};

/** At most ten distinct files; only a reply's may be shown beyond staff (to the submitter, or on the public board). */
export function attachmentsRefusal(type: CommandType, refs: readonly AttachmentRef[]): ErrorCode | null {
  if (refs.length === 0) return null;
  if (!attachmentCarriers[type] || refs.length > maxEventAttachments) return 'ATTACHMENTS_INVALID';
  if (new Set(refs.map((r) => r.id)).size !== refs.length) return 'ATTACHMENTS_INVALID';
  if (refs.some((r) => !Number.isInteger(r.id) || r.id <= 0 || !attachmentVisibilities.includes(r.visibility))) return 'ATTACHMENTS_INVALID';
  if (type !== 'reply' && refs.some((r) => r.visibility !== 'internal')) return 'ATTACHMENTS_INVALID';
  return null;
}

function decideCommand(s: CaseSnapshot, cmd: Command, actor: Actor, ctx: DecideContext): Decision {
  const refused = refusal(s, cmd.type, actor, ctx.now);
  if (refused) return refuse(refused);
  const { now } = ctx;
  const mine = assignmentOf(s, actor.departmentId);

  switch (cmd.type) {
    case 'accept':
      return ok({ acceptedAt: now }, [{ type: 'case.accepted', payload: {} }]);

    case 'reject': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      return ok({ status: 'rejected', rejectedAt: now, rejectReason: cmd.reason.trim() }, [{ type: 'case.rejected', payload: { reason: cmd.reason.trim() } }]);
    }

    case 'merge':
      if (cmd.duplicateOf === s.id) return refuse('MERGE_SELF');
      return ok({ status: 'merged', mergedAt: now, duplicateOf: cmd.duplicateOf }, [{ type: 'case.merged', payload: { duplicateOf: cmd.duplicateOf } }]);

    case 'dispatch': {
      const bad = validateDepartments(cmd.leadDepartmentId, cmd.coDepartmentIds);
      if (bad) return refuse(bad);
      const round = s.round + 1;
      const created = newAssignments(s, cmd.leadDepartmentId, cmd.coDepartmentIds, round, ctx);
      const events: NewEvent[] = s.acceptedAt ? [] : [{ type: 'case.accepted', payload: {} }];
      events.push({
        type: 'case.dispatched',
        payload: {
          round, leadDepartmentId: cmd.leadDepartmentId, coDepartmentIds: cmd.coDepartmentIds, replyDeadline: created[0].replyDeadline?.toISOString(),
          routing: cmd.routing ?? { source: actor.role === 'system' ? 'rule' : 'manual' },
        },
      });
      return ok(
        { status: 'dispatched', acceptedAt: s.acceptedAt ?? now, dispatchedAt: now, leadDepartmentId: cmd.leadDepartmentId, round, replyDeadline: created[0].replyDeadline },
        events,
        created.map((assignment) => ({ op: 'create', assignment })),
      );
    }

    case 'sign': {
      const a = mine!;
      const patch: CasePatch = a.role === 'lead' && a.parentId == null ? { status: 'handling', signedAt: now } : {};
      return ok(patch, [{ type: 'case.signed', payload: { assignmentId: a.id, role: a.role, ...(a.parentId ? { parentAssignmentId: a.parentId } : {}) } }], [{ op: 'update', id: a.id, patch: { status: 'signed', signedAt: now } }]);
    }

    case 'request-return': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED') ?? requireText(cmd.basis, 'BASIS_REQUIRED');
      if (bad) return refuse(bad);
      const a = mine!;
      const parentDepartmentId = a.parentId != null ? s.assignments.find((x) => x.id === a.parentId)?.departmentId ?? null : null;
      return ok({}, [{
        type: 'case.return_requested',
        payload: { assignmentId: a.id, role: a.role, reason: cmd.reason.trim(), basis: cmd.basis.trim(), ...(parentDepartmentId != null ? { parentDepartmentId } : {}) },
      }], [
        { op: 'update', id: a.id, patch: { returnRequestedAt: now, returnReason: cmd.reason.trim(), returnBasis: cmd.basis.trim() } },
      ]);
    }

    case 'approve-return': {
      const a = decidableReturns(s, actor).find((x) => x.id === cmd.assignmentId);
      if (!a) return refuse('NO_PENDING_RETURN');
      // A returned assignment takes what it dispatched on with it.
      const ops: AssignmentOp[] = [
        { op: 'update', id: a.id, patch: { status: 'returned', closedAt: now } },
        ...liveChildren(s, a.id).map((c): AssignmentOp => ({ op: 'update', id: c.id, patch: { status: 'cancelled', closedAt: now } })),
      ];
      if (a.parentId != null) return approveSubReturn(s, a, cmd.newLeadDepartmentId, ops, ctx);
      if (a.role === 'co') {
        return ok({}, [{ type: 'case.return_approved', payload: { assignmentId: a.id, role: 'co' } }], ops);
      }
      const newLead = cmd.newLeadDepartmentId;
      if (!newLead) return refuse('NEW_LEAD_REQUIRED');
      if (newLead === a.departmentId) return refuse('SAME_DEPARTMENT');
      if (liveCoAssignments(s).some((c) => c.departmentId === newLead)) return refuse('LEAD_IN_CO');
      const [lead] = newAssignments(s, newLead, [], s.round, ctx);
      ops.push({ op: 'create', assignment: lead });
      return ok(
        { status: 'dispatched', leadDepartmentId: newLead, dispatchedAt: now, replyDeadline: lead.replyDeadline, pendingExtensionUntil: null, pendingExtensionReason: null },
        [{ type: 'case.return_approved', payload: { assignmentId: a.id, role: 'lead', newLeadDepartmentId: newLead, replyDeadline: lead.replyDeadline?.toISOString() } }],
        ops,
      );
    }

    case 'deny-return': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      const a = decidableReturns(s, actor).find((x) => x.id === cmd.assignmentId);
      if (!a) return refuse('NO_PENDING_RETURN');
      return ok({}, [{ type: 'case.return_denied', payload: { assignmentId: a.id, reason: cmd.reason.trim() } }], [
        { op: 'update', id: a.id, patch: { returnRequestedAt: null } },
      ]);
    }

    case 'request-extension': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      if (!(cmd.until instanceof Date) || Number.isNaN(cmd.until.getTime())) return refuse('VALIDATION_FAILED');
      if (s.replyDeadline && cmd.until.getTime() <= s.replyDeadline.getTime()) return refuse('EXTENSION_NOT_LATER');
      return ok({ pendingExtensionUntil: cmd.until, pendingExtensionReason: cmd.reason.trim() }, [
        { type: 'case.extension_requested', payload: { until: cmd.until.toISOString(), reason: cmd.reason.trim(), previousDeadline: s.replyDeadline?.toISOString() ?? null } },
      ]);
    }

    case 'approve-extension': {
      const until = s.pendingExtensionUntil!;
      const lead = leadAssignment(s);
      return ok(
        { replyDeadline: until, pendingExtensionUntil: null, pendingExtensionReason: null },
        [{ type: 'case.extension_approved', payload: { until: until.toISOString(), previousDeadline: s.replyDeadline?.toISOString() ?? null } }],
        lead ? [{ op: 'update', id: lead.id, patch: { replyDeadline: until } }] : [],
      );
    }

    case 'deny-extension': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      return ok({ pendingExtensionUntil: null, pendingExtensionReason: null }, [{ type: 'case.extension_denied', payload: { reason: cmd.reason.trim() } }]);
    }

    case 'suspend': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      return ok({ suspendedAt: now, suspendReason: cmd.reason.trim() }, [{ type: 'case.suspended', payload: { reason: cmd.reason.trim() } }]);
    }

    case 'resume': {
      const from = s.suspendedAt!;
      const shift = (d: Date | null) => (d ? ctx.policy.afterPause(d, from, now) : null);
      const replyDeadline = shift(s.replyDeadline);
      const ops: AssignmentOp[] = s.assignments
        .filter((a) => a.round === s.round && (a.status === 'pending' || a.status === 'signed'))
        .map((a) => ({
          op: 'update' as const,
          id: a.id,
          patch: { ...(a.replyDeadline ? { replyDeadline: shift(a.replyDeadline)! } : {}), ...(a.opinionDeadline ? { opinionDeadline: shift(a.opinionDeadline)! } : {}) },
        }))
        .filter((op) => Object.keys(op.patch).length > 0);
      return ok({ suspendedAt: null, suspendReason: null, replyDeadline }, [
        { type: 'case.resumed', payload: { suspendedAt: from.toISOString(), replyDeadline: replyDeadline?.toISOString() ?? null } },
      ], ops);
    }

    case 'opinion': {
      const bad = requireText(cmd.text, 'TEXT_REQUIRED');
      if (bad) return refuse(bad);
      const a = mine!;
      return ok({}, [{ type: 'case.opinion_given', payload: { assignmentId: a.id, text: cmd.text.trim() } }], [
        { op: 'update', id: a.id, patch: { status: 'done', opinion: cmd.text.trim(), opinionAt: now, closedAt: now } },
      ]);
    }

    case 'reply': {
      const bad = requireText(cmd.text, 'TEXT_REQUIRED');
      if (bad) return refuse(bad);
      return ok({ status: 'replied', repliedAt: now, replyText: cmd.text.trim(), replyBy: actor.userId }, [
        { type: 'case.replied', payload: { text: cmd.text.trim(), onTime: !s.replyDeadline || now.getTime() <= s.replyDeadline.getTime() } },
      ]);
    }

    case 'approve-reply': {
      const ratingDeadline = ctx.policy.ratingBy(now, s.urgency, s.categoryId, s.kind);
      const lead = leadAssignment(s);
      return ok({ status: 'awaiting_rating', replyApprovedAt: now, ratingDeadline }, [
        { type: 'case.reply_approved', payload: { ratingDeadline: ratingDeadline.toISOString() } },
      ], lead ? [{ op: 'update', id: lead.id, patch: { status: 'done', closedAt: now } }] : []);
    }

    case 'send-back': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      return ok({ status: 'handling', repliedAt: null }, [{ type: 'case.sent_back', payload: { reason: cmd.reason.trim() } }]);
    }

    case 'rate': {
      const comment = cmd.comment?.trim() ?? '';
      if (cmd.rating === 'unsatisfied') {
        const bad = requireText(comment, 'RATING_COMMENT_REQUIRED');
        if (bad) return refuse(bad);
      } else if (comment.length > 5000) return refuse('TEXT_TOO_LONG');
      const event: NewEvent = { type: 'case.rated', payload: { rating: cmd.rating, comment, wantsRedo: cmd.rating === 'unsatisfied' && !!cmd.wantsRedo } };
      if (cmd.rating === 'unsatisfied') {
        return ok({ rating: cmd.rating, ratingComment: comment, ratedAt: now, redoRequested: !!cmd.wantsRedo }, [event]);
      }
      return ok({ rating: cmd.rating, ratingComment: comment, ratedAt: now, status: 'closed', closedAt: now }, [
        event,
        { type: 'case.closed', payload: { by: 'rating' } },
      ]);
    }

    case 'redo': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      const lead = s.leadDepartmentId!;
      const cos = [...new Set(s.assignments.filter((a) => a.round === s.round && a.role === 'co' && a.status !== 'returned' && a.status !== 'cancelled').map((a) => a.departmentId))];
      const round = s.round + 1;
      const created = newAssignments(s, lead, cos, round, ctx);
      return ok(
        {
          status: 'dispatched', round, redoCount: s.redoCount + 1, dispatchedAt: now, replyDeadline: created[0].replyDeadline,
          rating: null, ratingComment: null, ratedAt: null, redoRequested: false, replyText: null, replyBy: null,
          repliedAt: null, replyApprovedAt: null, ratingDeadline: null,
        },
        [{
          type: 'case.redone',
          payload: { reason: cmd.reason.trim(), round, previousRating: s.rating, leadDepartmentId: lead, coDepartmentIds: cos, replyDeadline: created[0].replyDeadline?.toISOString() },
        }],
        created.map((assignment) => ({ op: 'create', assignment })),
      );
    }

    case 'close': {
      const by = s.rating === 'unsatisfied' ? 'supervisor' : 'rating_window';
      return ok({ status: 'closed', closedAt: now }, [{ type: 'case.closed', payload: { by, reason: cmd.reason?.trim() ?? '' } }]);
    }

    case 'answer-directly': {
      const a = cmd.answer;
      const bad = requireText(a.answer, 'TEXT_REQUIRED');
      if (bad) return refuse(bad);
      const payload = { entryId: a.entryId, version: a.version, question: a.question, answer: a.answer.trim(), basisNumber: a.basisNumber };
      return ok(
        { status: 'closed', acceptedAt: s.acceptedAt ?? now, repliedAt: now, replyApprovedAt: now, replyText: payload.answer, replyBy: actor.userId, closedAt: now },
        [{ type: 'case.answered_directly', payload }],
      );
    }

    case 'instruct': {
      const bad = requireText(cmd.text, 'TEXT_REQUIRED');
      if (bad) return refuse(bad);
      return ok({ supervisionLevel: 'instruction' }, [{ type: 'case.instructed', payload: { text: cmd.text.trim() } }]);
    }

    case 'sub-dispatch': {
      const bad = validateDepartments(cmd.leadDepartmentId, cmd.coDepartmentIds);
      if (bad) return refuse(bad);
      const parent = mine!;
      const onCase = new Set(s.assignments.filter((a) => a.round === s.round && a.status !== 'returned' && a.status !== 'cancelled').map((a) => a.departmentId));
      if ([cmd.leadDepartmentId, ...cmd.coDepartmentIds].some((id) => onCase.has(id))) return refuse('ALREADY_ON_CASE');
      // The part's own deadline lies inside the parent's: the district's reply (or opinion) deadline.
      const parentDeadline = (parent.role === 'lead' ? parent.replyDeadline ?? s.replyDeadline : parent.opinionDeadline) ?? null;
      const proposed = cmd.replyBy ?? ctx.policy.replyBy(now, s.kind, s.urgency, s.categoryId);
      if (cmd.replyBy && (cmd.replyBy.getTime() <= now.getTime() || (parentDeadline && cmd.replyBy.getTime() > parentDeadline.getTime()))) {
        return refuse('SUB_DEADLINE_INVALID');
      }
      const replyBy = parentDeadline && proposed.getTime() > parentDeadline.getTime() ? parentDeadline : proposed;
      const signBy = minDate(ctx.policy.signBy(now, s.urgency, s.categoryId, s.kind), replyBy);
      const base = { round: s.round, dispatchedAt: now, signDeadline: signBy, parentId: parent.id };
      const created: NewAssignment[] = [
        { ...base, departmentId: cmd.leadDepartmentId, role: 'lead', opinionDeadline: null, replyDeadline: replyBy },
        ...cmd.coDepartmentIds.map((id): NewAssignment => ({
          ...base, departmentId: id, role: 'co', opinionDeadline: minDate(ctx.policy.opinionBy(now, s.urgency, s.categoryId, s.kind), replyBy), replyDeadline: null,
        })),
      ];
      return ok({}, [{
        type: 'case.sub_dispatched',
        payload: { parentAssignmentId: parent.id, parentDepartmentId: parent.departmentId, leadDepartmentId: cmd.leadDepartmentId, coDepartmentIds: cmd.coDepartmentIds, replyDeadline: replyBy.toISOString() },
      }], created.map((assignment) => ({ op: 'create', assignment })));
    }

    case 'sub-reply': {
      const bad = requireText(cmd.text, 'TEXT_REQUIRED');
      if (bad) return refuse(bad);
      const a = mine!;
      const onTime = !a.replyDeadline || now.getTime() <= a.replyDeadline.getTime();
      // The town's report to its district is kept in the assignment's opinion columns.
      const parentDepartmentId = s.assignments.find((x) => x.id === a.parentId)?.departmentId ?? null;
      return ok({}, [{ type: 'case.sub_replied', payload: { assignmentId: a.id, parentAssignmentId: a.parentId, parentDepartmentId, text: cmd.text.trim(), onTime } }], [
        { op: 'update', id: a.id, patch: { status: 'done', opinion: cmd.text.trim(), opinionAt: now, closedAt: now } },
        ...liveChildren(s, a.parentId!).filter((c) => c.role === 'co' && c.status !== 'done')
          .map((c): AssignmentOp => ({ op: 'update', id: c.id, patch: { status: 'done', closedAt: now } })),
      ]);
    }

    case 'call-in': {
      const bad = requireText(cmd.reason, 'REASON_REQUIRED');
      if (bad) return refuse(bad);
      if (!Number.isInteger(cmd.departmentId) || cmd.departmentId <= 0) return refuse('VALIDATION_FAILED');
      if (s.assignments.some((a) => a.round === s.round && a.departmentId === cmd.departmentId && a.status !== 'returned' && a.status !== 'cancelled')) {
        return refuse('ALREADY_ON_CASE');
      }
      const lead = mine!;
      const due = lead.replyDeadline ?? s.replyDeadline;
      const opinionBy = ctx.policy.opinionBy(now, s.urgency, s.categoryId, s.kind);
      const assignment: NewAssignment = {
        round: s.round, dispatchedAt: now, departmentId: cmd.departmentId, role: 'co', replyDeadline: null,
        signDeadline: ctx.policy.signBy(now, s.urgency, s.categoryId, s.kind), opinionDeadline: due ? minDate(opinionBy, due) : opinionBy,
      };
      return ok({}, [{
        type: 'case.called_in',
        payload: { departmentId: cmd.departmentId, byDepartmentId: lead.departmentId, reason: cmd.reason.trim(), signDeadline: assignment.signDeadline.toISOString(), opinionDeadline: assignment.opinionDeadline?.toISOString() ?? null },
      }], [{ op: 'create', assignment }]);
    }

    default: {
      const never: never = cmd;
      return never;
    }
  }
}
