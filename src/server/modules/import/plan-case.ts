import type { ChainedContent } from '../../../domain/audit/chain.js';
import type { Actor } from '../../../domain/case/types.js';
import { importedEventType, type ImportedHistory } from '../../../domain/case/imported.js';
import type { ImportRecord } from '../../../domain/import/record.js';
import type { CategoryRef, DeptRef, Resolver } from '../../../domain/import/resolve.js';
import { hash, randomBytes } from 'node:crypto';
import { beijingDate } from '../../../domain/calendar/local-time.js';

// What one imported record becomes: the case row in its final state, its one hash-chained event and, for a finished
// case handled by a department we know, the lead assignment (department staff see the cases they were assigned).

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

/**
 * The payload of case.imported: the record's whole past with the source's timestamps. Keys are written in sorted
 * order so that JSON.stringify gives the canonical text the event hash covers (see firstEventHash).
 */
export function importedHistory(source: string, r: ResolvedRecord, extra: Partial<ImportedHistory> = {}): ImportedHistory {
  const rec = r.record;
  const created = rec.createdAt.toISOString();
  return {
    acceptedAt: created,
    closedAt: rec.closedAt?.toISOString() ?? null,
    createdAt: created,
    departmentId: r.department?.id ?? null,
    departmentName: rec.departmentName,
    dispatchedAt: r.department ? created : null,
    externalId: rec.key,
    rating: rec.rating,
    repliedAt: rec.repliedAt?.toISOString() ?? null,
    reply: rec.reply,
    source,
    sourceStatus: rec.sourceStatus,
    ...extra,
  };
}

export interface PlannedCase {
  /** Column name → value for caseColumns. */
  caseRow: Record<string, unknown>;
  /** The event row as JSON text, an array in eventColumns order. */
  eventJson: string;
  assignment: Record<string, unknown> | null;
}

/** What every first event of a batch shares: the actor and the instant, as canonical JSON text. */
export interface EventStamp {
  actor: Actor;
  at: string;
  /** `{"actorDepartmentId":…,"actorRole":…,"actorUserId":…,"at":…,"caseId":` */
  prefix: string;
  /** The actor_user_id, actor_department_id, actor_role and at values of the event row, as JSON, in column order. */
  columns: string;
}

export function eventStamp(actor: Actor, now: Date): EventStamp {
  const at = now.toISOString();
  const j = JSON.stringify;
  return {
    actor, at,
    prefix: `{"actorDepartmentId":${j(actor.departmentId)},"actorRole":${j(actor.role)},"actorUserId":${j(actor.userId)},"at":${j(at)},"caseId":`,
    columns: `${j(actor.userId)},${j(actor.departmentId)},${j(actor.role)},${j(at)}`,
  };
}

/**
 * eventHash('', content) of a case's first event without sorting keys at run time: the content's keys are in
 * sorted order and its payload's keys too (importedHistory, createdPayload), so this text is canonicalJson's.
 * planCreates checks it against eventHash for each event type of every batch.
 */
export function firstEventHash(stamp: EventStamp, caseId: number, type: string, payloadJson: string): string {
  return hash('sha256', `\n${stamp.prefix}${caseId},"payload":${payloadJson},"seq":1,"type":${JSON.stringify(type)}}`);
}

/** The content of a first event as eventHash takes it (for the check). */
export function firstEventContent(stamp: EventStamp, caseId: number, type: string, payload: unknown): ChainedContent {
  const { actor } = stamp;
  return { caseId, seq: 1, type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId, actorRole: actor.role, at: new Date(stamp.at), payload };
}

/** The payload of case.created for an open record, keys in sorted order (see firstEventHash). */
function createdPayload(source: string, r: ResolvedRecord) {
  return {
    categoryId: r.category.id, channel: 'import', departmentName: r.record.departmentName, externalId: r.record.key, source,
    suggestedLeadDepartmentId: r.department?.id ?? r.category.defaultLeadDepartmentId ?? null, urgency: 'normal',
  };
}

/**
 * A new case for a record: finished → closed with its history; rejected → rejected; open → submitted in the intake
 * queue with case.created (channel import). Event instants are the import's time; the source's times are in the
 * row's milestone columns and the payload.
 */
export function planNewCase(id: number, code: string, source: string, r: ResolvedRecord, stamp: EventStamp): PlannedCase & { type: string; payload: unknown } {
  const rec = r.record;
  const finished = rec.state === 'finished';
  const rejected = rec.state === 'rejected';
  const lead = finished ? r.department?.id ?? null : null;
  const type = finished || rejected ? importedEventType : 'case.created';
  const payload = finished || rejected ? importedHistory(source, r) : createdPayload(source, r);
  const payloadJson = JSON.stringify(payload);
  const hash = firstEventHash(stamp, id, type, payloadJson);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const created = rec.createdAt.toISOString();
  const caseRow = {
    id, code, title: rec.title, description: rec.description, category_id: r.category.id,
    channel: 'import', urgency: 'normal', status: finished ? 'closed' : rejected ? 'rejected' : 'submitted',
    submitter_name: rec.submitterName ?? '', submitter_phone: rec.phone ?? '', enterprise_name: rec.enterpriseName,
    district_id: r.district?.id ?? null, address: rec.address, lead_department_id: lead, round: lead ? 1 : 0,
    reply_text: finished ? rec.reply : null, rating: finished ? rec.rating : null, is_public: rec.isPublic,
    reject_reason: rejected ? rec.reply ?? `原系统状态：${rec.sourceStatus ?? '不予受理'}` : null,
    created_by: stamp.actor.userId, created_at: created,
    accepted_at: finished ? created : null,
    dispatched_at: lead ? created : null,
    replied_at: finished ? iso(rec.repliedAt) : null,
    reply_approved_at: finished ? iso(rec.repliedAt) : null,
    rated_at: finished && rec.rating ? iso(rec.closedAt) : null,
    closed_at: finished ? iso(rec.closedAt) : null,
    rejected_at: rejected ? iso(rec.closedAt ?? rec.createdAt) : null,
    updated_at: stamp.at, version: 1, event_count: 1, last_event_hash: hash,
  };
  // case_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash
  const eventJson = `[${id},1,${JSON.stringify(type)},${stamp.columns},${payloadJson},"","${hash}"]`;
  const assignment = lead
    ? {
      case_id: id, department_id: lead, role: 'lead', round: 1, status: 'done', dispatched_at: created,
      sign_deadline: created, closed_at: iso(rec.closedAt),
      // No clock runs on a finished assignment: keep it out of the SLA sweep's queue from the start.
      sla_check_at: null,
    }
    : null;
  return { caseRow, eventJson, assignment, type, payload };
}

export const caseColumns = [
  ['id', 'bigint'], ['code', 'text'], ['title', 'text'], ['description', 'text'], ['category_id', 'integer'], ['channel', 'text'],
  ['urgency', 'text'], ['status', 'text'], ['submitter_name', 'text'], ['submitter_phone', 'text'], ['enterprise_name', 'text'],
  ['district_id', 'integer'], ['address', 'text'], ['lead_department_id', 'integer'], ['round', 'integer'], ['reply_text', 'text'],
  ['rating', 'text'], ['reject_reason', 'text'], ['created_by', 'integer'], ['created_at', 'timestamptz'],
  ['accepted_at', 'timestamptz'], ['dispatched_at', 'timestamptz'], ['replied_at', 'timestamptz'], ['reply_approved_at', 'timestamptz'],
  ['rated_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['rejected_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ['version', 'integer'], ['event_count', 'integer'], ['last_event_hash', 'text'], ['is_public', 'boolean'],
] as const;

export const eventColumns = [
  ['case_id', 'bigint'], ['seq', 'integer'], ['type', 'text'], ['actor_user_id', 'integer'], ['actor_department_id', 'integer'],
  ['actor_role', 'text'], ['at', 'timestamptz'], ['payload', 'jsonb'], ['prev_hash', 'text'], ['hash', 'text'],
] as const;

export const assignmentColumns = [
  ['case_id', 'bigint'], ['department_id', 'integer'], ['role', 'text'], ['round', 'integer'], ['status', 'text'],
  ['dispatched_at', 'timestamptz'], ['sign_deadline', 'timestamptz'], ['closed_at', 'timestamptz'], ['sla_check_at', 'timestamptz'],
] as const;

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
