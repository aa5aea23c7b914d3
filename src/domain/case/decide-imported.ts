import type { ImportRecord } from '../import/record.js';
import type { CategoryRef, DeptRef } from '../import/resolve.js';
import { importedEventType, type ImportedHistory } from './imported.js';
import type { CaseKind, CaseStatus, Rating } from './status.js';
import type { NewEvent } from './types.js';
import type { CaseEvent, EventPayload } from '../events/catalogue.js';

// What an imported record does to its case, decided like a command (decide.ts) but for history that happened
// elsewhere: the status and other columns of the row, the lead assignment, and the event. Pure: the import area
// persists exactly this through the cases writer (modules/cases/import-writes.ts).
//
// finished → closed with its history in case.imported; rejected → rejected, also case.imported; open → submitted in
// the intake queue with case.created (channel import). A later import of the same record updates only a case whose
// whole history is the import, and never takes a finished case back to open.

/** A record with its texts resolved to our departments and categories (the import's ResolvedRecord fits). */
export interface ImportedInput {
  record: ImportRecord;
  department: DeptRef | null;
  district: DeptRef | null;
  category: CategoryRef;
}

export type ImportedStatus = Extract<CaseStatus, 'closed' | 'rejected' | 'submitted'>;

/** The case row's columns an imported record sets, on creation and on every update. */
export interface ImportedCasePatch {
  status: ImportedStatus;
  title: string;
  description: string;
  categoryId: number;
  submitterName: string;
  submitterPhone: string;
  enterpriseName: string | null;
  districtId: number | null;
  address: string | null;
  leadDepartmentId: number | null;
  round: number;
  replyText: string | null;
  rating: Rating | null;
  isPublic: boolean;
  rejectReason: string | null;
  acceptedAt: Date | null;
  dispatchedAt: Date | null;
  repliedAt: Date | null;
  replyApprovedAt: Date | null;
  ratedAt: Date | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
}

/** The finished lead assignment (department staff see the cases they were assigned); no clock runs on it. */
export interface ImportedAssignment {
  departmentId: number;
  role: 'lead';
  round: 1;
  status: 'done';
  dispatchedAt: Date;
  signDeadline: Date;
  closedAt: Date | null;
}

/** The case as it stands, for a record imported again. */
export interface ImportedCurrent {
  status: CaseStatus;
  /** Types of every event in its chain, oldest first. */
  eventTypes: readonly string[];
  /** What the patch changes, in words (zh-CN, the caller's presentation); recorded in the event. */
  describe: (patch: ImportedCasePatch) => string[];
}

export type ImportedDecision =
  | {
    ok: true;
    patch: ImportedCasePatch;
    /** The lead assignment the case ends with; on an update it replaces the earlier finished one. */
    assignment: ImportedAssignment | null;
    /** One event: case.imported, case.created (new open record) or case.import_updated (changed open record). */
    events: NewEvent[];
    /** For an update: what changes, in words. */
    changes: string[];
  }
  | { ok: false; refused: string };

const importOnlyTypes: readonly string[] = [importedEventType, 'case.created', 'case.import_updated'];

/** The statuses an imported record leaves a case in, so also the only ones a later import may change. */
const importedStatuses: readonly string[] = ['closed', 'rejected', 'submitted'];

/**
 * Decides what `input` does: a new case when `current` is absent, else an update of that case (or a refusal in
 * words, zh-CN, when the case has been handled here since or would go back to open).
 */
export function decideImported(source: string, input: ImportedInput, current?: ImportedCurrent): ImportedDecision {
  const rec = input.record;
  const status: ImportedStatus = rec.state === 'finished' ? 'closed' : rec.state === 'rejected' ? 'rejected' : 'submitted';
  if (current) {
    const importOnly = current.eventTypes.every((t) => importOnlyTypes.includes(t));
    if (!importOnly || !importedStatuses.includes(current.status)) return { ok: false, refused: '该诉求导入后已在本系统中办理，未按文件更新' };
    if (current.status !== 'submitted' && status === 'submitted') return { ok: false, refused: '文件中为未办结，本系统已按办结导入，未更新' };
  }
  const patch = importedPatch(input, status);
  const assignment: ImportedAssignment | null = patch.leadDepartmentId === null ? null : {
    departmentId: patch.leadDepartmentId, role: 'lead', round: 1, status: 'done', dispatchedAt: rec.createdAt, signDeadline: rec.createdAt,
    closedAt: rec.closedAt,
  };
  const historical = status !== 'submitted';
  if (!current) {
    // The type is the record's own (an import column) or its category's kind; it is set once, at creation.
    const caseType = importedCaseType(input);
    const event: CaseEvent = historical
      ? { type: importedEventType, payload: importedHistory(source, input, { caseType }) }
      : { type: 'case.created', payload: createdPayload(source, input, caseType) };
    return { ok: true, patch, assignment, events: [event], changes: [] };
  }
  const changes = current.describe(patch);
  const revision = current.eventTypes.length + 1;
  const event: CaseEvent = historical
    ? { type: importedEventType, payload: importedHistory(source, input, { revision, changes }) }
    : { type: 'case.import_updated', payload: { source, externalId: rec.key, revision, changes } };
  return { ok: true, patch, assignment, events: [event], changes };
}

function importedPatch(input: ImportedInput, status: ImportedStatus): ImportedCasePatch {
  const rec = input.record;
  const finished = status === 'closed';
  const rejected = status === 'rejected';
  const lead = finished ? input.department?.id ?? null : null;
  return {
    status, title: rec.title, description: rec.description, categoryId: input.category.id,
    submitterName: rec.submitterName ?? '', submitterPhone: rec.phone ?? '', enterpriseName: rec.enterpriseName,
    districtId: input.district?.id ?? null, address: rec.address, leadDepartmentId: lead, round: lead ? 1 : 0,
    replyText: finished ? rec.reply : null, rating: finished ? rec.rating : null, isPublic: rec.isPublic,
    rejectReason: rejected ? rec.reply ?? `原系统状态：${rec.sourceStatus ?? '不予受理'}` : null,
    acceptedAt: finished ? rec.createdAt : null,
    dispatchedAt: lead ? rec.createdAt : null,
    repliedAt: finished ? rec.repliedAt : null,
    replyApprovedAt: finished ? rec.repliedAt : null,
    ratedAt: finished && rec.rating ? rec.closedAt : null,
    closedAt: finished ? rec.closedAt : null,
    rejectedAt: rejected ? rec.closedAt ?? rec.createdAt : null,
  };
}

/**
 * The payload of case.imported: the record's whole past with the source's timestamps. Keys are written in sorted
 * order so that JSON.stringify gives the canonical text the event hash covers (the import hashes first events from
 * that text; see modules/import/plan-case.ts).
 */
export function importedHistory(source: string, input: ImportedInput, extra: Partial<ImportedHistory> = {}): ImportedHistory {
  const rec = input.record;
  const created = rec.createdAt.toISOString();
  return sortedKeys({
    acceptedAt: created,
    closedAt: rec.closedAt?.toISOString() ?? null,
    createdAt: created,
    departmentId: input.department?.id ?? null,
    departmentName: rec.departmentName,
    dispatchedAt: input.department ? created : null,
    externalId: rec.key,
    rating: rec.rating,
    repliedAt: rec.repliedAt?.toISOString() ?? null,
    reply: rec.reply,
    source,
    sourceStatus: rec.sourceStatus,
    ...extra,
  });
}

/** The same object with its keys in sorted order (canonical JSON text for the event hash). */
function sortedKeys<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}

/** 诉求类型 of a new imported case: the file's type column, else the category's kind. */
export function importedCaseType(input: ImportedInput): CaseKind {
  return input.record.caseType ?? input.category.kind ?? 'complaint';
}

/** The payload of case.created for an open record, keys in sorted order (see importedHistory). */
function createdPayload(source: string, input: ImportedInput, caseType: CaseKind): EventPayload<'case.created'> {
  return {
    caseType, categoryId: input.category.id, channel: 'import', departmentName: input.record.departmentName, externalId: input.record.key, source,
    suggestedLeadDepartmentId: input.department?.id ?? input.category.defaultLeadDepartmentId ?? null, urgency: 'normal',
  };
}
