import type { Rating } from '../case/status.js';

// Deputies' suggestions and CPPCC proposals (人大代表建议 / 政协提案): the words, states and limits. Pure.

export const suggestionKinds = ['deputy', 'cppcc'] as const;
export type SuggestionKind = (typeof suggestionKinds)[number];

/**
 * registered → assigned (units to sign) → handling (every unit signed) → countersigning (every answering unit has
 * its letter; co-units still to countersign) → awaiting_rating (every letter sent) → closed. 不满意 in round 1 sends
 * it back to handling for one re-handling round; the rating after that is final.
 */
export const suggestionStatuses = ['registered', 'assigned', 'handling', 'countersigning', 'awaiting_rating', 'closed'] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];

/** 主办 / 会办 / 分办. A split suggestion has several answering units and no co-units. */
export const unitRoles = ['lead', 'co', 'split'] as const;
export type UnitRole = (typeof unitRoles)[number];
export const assignModes = ['lead', 'split'] as const;
export type AssignMode = (typeof assignModes)[number];

/** A: 已解决, B: 正在解决, C: 列入计划逐步解决, D: 留作参考. B and C are promises tracked as supervised items. */
export const replyClasses = ['A', 'B', 'C', 'D'] as const;
export type ReplyClass = (typeof replyClasses)[number];
export const promiseClasses: readonly ReplyClass[] = ['B', 'C'];

export const extensionStates = ['none', 'requested', 'approved', 'denied'] as const;
export type ExtensionState = (typeof extensionStates)[number];

export const meetingForms = ['in_person', 'phone', 'video', 'site_visit', 'forum'] as const;
export type MeetingForm = (typeof meetingForms)[number];

export type { Rating };

/** The reply limit: three months from assignment, six once extended. */
export const replyMonths = 3;
export const extendedReplyMonths = 6;
/** The re-handling round after 不满意 answers within one month of the rating (ADR 0015). */
export const rehandlingMonths = 1;

export const isAnswering = (role: UnitRole): boolean => role === 'lead' || role === 'split';
