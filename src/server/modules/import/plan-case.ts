import { decideImported, importedCaseType } from '../../../domain/case/decide-imported.js';
import type { ImportRecord } from '../../../domain/import/record.js';
import type { CategoryRef, DeptRef, Resolver } from '../../../domain/import/resolve.js';
import { randomBytes } from 'node:crypto';
import { firstEventRow, importedAssignmentRow, type EventStamp } from '../cases/index.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';

// What one imported record becomes is decided by decideImported() (src/domain/case/decide-imported.ts): the case row in
// its final state, its one event and, for a finished case handled by a department we know, the lead assignment. Here
// that decision is laid out as the rows the cases writer inserts, with the first event from the cases writer (firstEventRow).

export interface ResolvedRecord {
  rowNumber: number;
  record: ImportRecord;
  department: DeptRef | null;
  district: DeptRef | null;
  category: CategoryRef;
  warnings: string[];
}

/** Resolves department, district and category texts; what cannot be resolved becomes a warning (zh-CN). */
export function resolveRecord(rowNumber: number, record: ImportRecord, resolver: Resolver, warnings: string[]): ResolvedRecord | { error: string } {
  const w = [...warnings];
  const department = resolver.department(record.departmentName);
  if (record.departmentName && !department) w.push(`承办单位「${record.departmentName}」未匹配到本系统的部门，已按原文保存`);
  const district = resolver.district(record.districtText);
  if (record.districtText && !district) w.push(`区县「${record.districtText}」未匹配到本系统的区县`);
  let category = resolver.category(record.subcategoryText) ?? resolver.category(record.categoryText);
  if (!category) {
    category = resolver.defaultCategory;
    if (!category) return { error: '系统中没有可用的默认类别' };
    if (record.categoryText || record.subcategoryText) {
      w.push(`类别「${record.subcategoryText ?? record.categoryText}」未匹配，已归入「${category.name}」`);
    }
  }
  return { rowNumber, record, department, district, category, warnings: w };
}

export interface PlannedCase {
  /** Column name → value for caseColumns. */
  caseRow: Record<string, unknown>;
  /** The event row as JSON text, an array in eventColumns order. */
  eventJson: string;
  assignment: Record<string, unknown> | null;
}

/**
 * A new case for a record, as decideImported() decides it, in the cases writer's column orders
 * (modules/cases/import-writes.ts). Event instants are the import's time; the source's times are in the row's
 * milestone columns and the payload.
 */
export function planNewCase(id: number, code: string, source: string, r: ResolvedRecord, stamp: EventStamp): PlannedCase & { type: string; payload: unknown } {
  const d = decideImported(source, r);
  if (!d.ok) throw new Error(d.refused);
  const { patch: p, assignment: a } = d;
  const { type, payload } = d.events[0];
  const { hash, eventJson } = firstEventRow(stamp, id, type, JSON.stringify(payload));
  const caseRow = {
    id, code, title: p.title, description: p.description, category_id: p.categoryId, channel: 'import', urgency: 'normal', status: p.status,
    submitter_name: p.submitterName, submitter_phone: p.submitterPhone, enterprise_name: p.enterpriseName, district_id: p.districtId,
    address: p.address, lead_department_id: p.leadDepartmentId, round: p.round, reply_text: p.replyText, rating: p.rating, is_public: p.isPublic,
    reject_reason: p.rejectReason, created_by: stamp.actor.userId, created_at: r.record.createdAt, accepted_at: p.acceptedAt,
    dispatched_at: p.dispatchedAt, replied_at: p.repliedAt, reply_approved_at: p.replyApprovedAt, rated_at: p.ratedAt, closed_at: p.closedAt,
    rejected_at: p.rejectedAt, updated_at: stamp.at, version: 1, event_count: 1, last_event_hash: hash,
    case_type: importedCaseType(r),
  };
  return { caseRow, eventJson, assignment: a ? importedAssignmentRow(id, a) : null, type, payload };
}

export { assignmentColumns, caseColumns, eventColumns, eventStamp, firstEventContent, type EventStamp } from '../cases/index.js';

const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Tracking codes for a batch in the format of newCaseCode (YW + the creation date in Beijing time + eight random
 * characters), drawing the randomness once per batch rather than once per case.
 */
export function batchCaseCodes(dates: readonly Date[]): string[] {
  const bytes = randomBytes(dates.length * 8);
  return dates.map((d, i) => {
    const day = beijingDate(d).replaceAll('-', '');
    let tail = '';
    for (let j = 0; j < 8; j++) tail += codeAlphabet[bytes[i * 8 + j] % codeAlphabet.length];
    return `YW${day}-${tail}`;
  });
}
