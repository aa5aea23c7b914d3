import { creditCodeProblem } from '../domain/enterprise/credit-code.js';
import { caseKinds, type CaseKind } from '../domain/case/status.js';

// Wire shapes of the public portal (/api/public/...) and the similar-cases endpoints, as plain types: this file
// is loaded by the phone site, which must stay small (no zod there); the matching zod schemas that validate
// requests and responses are in src/server/modules/portal/schemas.ts and are checked against these types.
// The field rules are one pure
// function (validateSubmission) run by the phone page before sending and by the server before writing, so both
// show the same Chinese message next to the same field, keyed by a stable code.

export const attachmentLimits = {
  maxFiles: 10,
  maxBytes: 10 * 1024 * 1024,
  /** Checked against the type sniffed from the content, never the file name. */
  mimes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'],
} as const;

export const submissionFields = [
  'categoryId', 'title', 'description', 'districtId', 'address', 'enterpriseName', 'enterpriseCreditCode',
  'submitterName', 'submitterPhone', 'attachments', 'caseType',
] as const;
export type SubmissionField = (typeof submissionFields)[number];

/** Stable per-field codes with their zh-CN text; the API sends them in `details` of PORTAL_FIELDS_INVALID. */
export const fieldErrorMessages = {
  CATEGORY_REQUIRED: '请选择问题类别',
  CATEGORY_UNKNOWN: '问题类别不存在，请重新选择',
  TITLE_TOO_LONG: '标题不能超过 50 个字',
  DESCRIPTION_REQUIRED: '请描述您遇到的问题',
  DESCRIPTION_TOO_SHORT: '问题描述至少 10 个字，请写清楚时间、地点和经过',
  DESCRIPTION_TOO_LONG: '问题描述不能超过 2000 个字',
  DISTRICT_UNKNOWN: '所在区县不存在，请重新选择',
  ADDRESS_TOO_LONG: '地址不能超过 100 个字',
  ENTERPRISE_NAME_TOO_LONG: '企业名称不能超过 100 个字',
  ENTERPRISE_NAME_REQUIRED: '填写了统一社会信用代码时，请同时填写企业名称',
  CREDIT_CODE_LENGTH: '统一社会信用代码应为 18 位，请核对营业执照',
  CREDIT_CODE_CHARS: '统一社会信用代码含有不会出现的字符（代码中没有 I、O、S、V、Z），请核对营业执照',
  CREDIT_CODE_INVALID: '统一社会信用代码最后一位（校验位）与前 17 位不符，请逐位核对营业执照',
  CASE_TYPE_UNKNOWN: '请从列表中选择诉求类型',
  NAME_REQUIRED: '请填写联系人姓名',
  NAME_TOO_LONG: '姓名不能超过 30 个字',
  PHONE_REQUIRED: '请填写联系电话',
  PHONE_INVALID: '请填写正确的手机号码或带区号的固定电话',
  ATTACHMENTS_TOO_MANY: '附件最多 10 个',
  ATTACHMENT_UNKNOWN: '附件已失效，请删除后重新上传',
} as const;
export type FieldErrorCode = keyof typeof fieldErrorMessages;
export interface FieldError {
  field: SubmissionField;
  code: FieldErrorCode;
  message: string;
}

const mobilePattern = /^1[3-9]\d{9}$/;
const landlinePattern = /^0\d{2,3}-?\d{7,8}$/;

/** Spaces and dashes people type into phone numbers are dropped; a landline keeps one dash after its area code. */
export function normalisePhone(raw: string): string {
  const compact = raw.replace(/[\s()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (mobilePattern.test(compact.replaceAll('-', ''))) return compact.replaceAll('-', '');
  return compact;
}

export function isValidPhone(phone: string): boolean {
  return mobilePattern.test(phone) || landlinePattern.test(phone);
}

/** The submission as sent by the phone page (fields may be missing or wrong: validateSubmission says which). */
export interface SubmissionRequest {
  categoryId?: number | null;
  title?: string;
  description?: string;
  districtId?: number | null;
  address?: string;
  enterpriseName?: string;
  enterpriseCreditCode?: string;
  submitterName?: string;
  submitterPhone?: string;
  isPublic?: boolean;
  isNamePublic?: boolean;
  /** Upload tokens from POST /api/public/uploads. */
  attachments?: string[];
  /** 诉求类型 the submitter chose; absent: the category's kind. */
  caseType?: string | null;
}

/** The submission after trimming and normalising (phone digits, upper-case credit code, derived title). */
export interface CleanSubmission {
  categoryId: number;
  title: string;
  description: string;
  districtId: number | null;
  address: string;
  enterpriseName: string;
  enterpriseCreditCode: string;
  submitterName: string;
  submitterPhone: string;
  isPublic: boolean;
  isNamePublic: boolean;
  attachments: string[];
  caseType: CaseKind | null;
}

export interface SubmissionRefs {
  categoryExists?: (id: number) => boolean;
  districtExists?: (id: number) => boolean;
}

const len = (s: string) => [...s].length;

/** A title from the description when the submitter left it empty: its first sentence, at most 30 characters. */
export function deriveTitle(description: string): string {
  const first = description.split(/[。！？!?\n]/).map((s) => s.trim()).find((s) => s.length > 0) ?? description.trim();
  const chars = [...first];
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : first;
}

/** Checks every field and returns all errors at once (empty when the submission is good) plus the cleaned values. */
export function validateSubmission(input: SubmissionRequest, refs: SubmissionRefs = {}): { errors: FieldError[]; clean: CleanSubmission } {
  const errors: FieldError[] = [];
  const fail = (field: SubmissionField, code: FieldErrorCode) => errors.push({ field, code, message: fieldErrorMessages[code] });
  const s = (v: string | null | undefined) => (v ?? '').trim();

  const categoryId = input.categoryId ?? null;
  if (categoryId == null) fail('categoryId', 'CATEGORY_REQUIRED');
  else if (refs.categoryExists && !refs.categoryExists(categoryId)) fail('categoryId', 'CATEGORY_UNKNOWN');

  const description = s(input.description);
  if (!description) fail('description', 'DESCRIPTION_REQUIRED');
  else if (len(description) < 10) fail('description', 'DESCRIPTION_TOO_SHORT');
  else if (len(description) > 2000) fail('description', 'DESCRIPTION_TOO_LONG');

  let title = s(input.title);
  if (len(title) > 50) fail('title', 'TITLE_TOO_LONG');
  if (!title && description) title = deriveTitle(description);

  const districtId = input.districtId ?? null;
  if (districtId != null && refs.districtExists && !refs.districtExists(districtId)) fail('districtId', 'DISTRICT_UNKNOWN');
  const address = s(input.address);
  if (len(address) > 100) fail('address', 'ADDRESS_TOO_LONG');

  const enterpriseName = s(input.enterpriseName);
  const enterpriseCreditCode = s(input.enterpriseCreditCode).replace(/\s/g, '').toUpperCase();
  if (len(enterpriseName) > 100) fail('enterpriseName', 'ENTERPRISE_NAME_TOO_LONG');
  const codeProblem = enterpriseCreditCode ? creditCodeProblem(enterpriseCreditCode) : null;
  if (codeProblem) fail('enterpriseCreditCode', codeProblem === 'length' ? 'CREDIT_CODE_LENGTH' : codeProblem === 'chars' ? 'CREDIT_CODE_CHARS' : 'CREDIT_CODE_INVALID');
  else if (enterpriseCreditCode && !enterpriseName) fail('enterpriseName', 'ENTERPRISE_NAME_REQUIRED');

  const submitterName = s(input.submitterName);
  if (!submitterName) fail('submitterName', 'NAME_REQUIRED');
  else if (len(submitterName) > 30) fail('submitterName', 'NAME_TOO_LONG');

  const submitterPhone = normalisePhone(s(input.submitterPhone));
  if (!submitterPhone) fail('submitterPhone', 'PHONE_REQUIRED');
  else if (!isValidPhone(submitterPhone)) fail('submitterPhone', 'PHONE_INVALID');

  const attachments = [...new Set(input.attachments ?? [])];
  if (attachments.length > attachmentLimits.maxFiles) fail('attachments', 'ATTACHMENTS_TOO_MANY');

  const typeText = s(input.caseType);
  const caseType = typeText && (caseKinds as readonly string[]).includes(typeText) ? (typeText as CaseKind) : null;
  if (typeText && !caseType) fail('caseType', 'CASE_TYPE_UNKNOWN');

  const isPublic = !!input.isPublic;
  return {
    errors,
    clean: {
      categoryId: categoryId ?? 0, title, description, districtId, address, enterpriseName, enterpriseCreditCode, submitterName,
      submitterPhone, isPublic, isNamePublic: isPublic && !!input.isNamePublic, attachments, caseType,
    },
  };
}


export interface SubmissionResponse {
  code: string;
  /** Private link token: /p/track/<trackingToken>. Shown once; only its hash is stored. */
  trackingToken: string;
  trackingUrl: string;
  created: boolean;
}

export interface UploadResponse {
  token: string;
  fileName: string;
  mime: string;
  size: number;
}

export interface PublicCategories {
  categories: { id: number; name: string; parentId: number | null; kind: string; acceptedKinds: string[] }[];
  districts: { id: number; name: string }[];
}

export interface PublicSimilarRequest {
  text: string;
  categoryId?: number;
  districtId?: number;
}

/** A possible duplicate as the public sees it: allow-listed fields only. */
export interface PublicSimilarCase {
  /** Only for problems published on the board (the link target); null otherwise. */
  code: string | null;
  title: string;
  status: string;
  statusLabel: string;
  departmentName: string | null;
  date: string;
}

export interface RouteHintResponse {
  departments: { name: string; confidence: number | null }[];
}

/** Body of staff POST /api/similar-cases (the hotline desk and merge proposals call it). */
export interface StaffSimilarRequest {
  text: string;
  phone?: string;
  creditCode?: string;
  enterpriseName?: string;
  categoryId?: number;
  districtId?: number;
  excludeCaseId?: number;
  limit?: number;
}

export interface StaffSimilarCase {
  id: number;
  code: string;
  title: string;
  status: string;
  createdAt: string;
  leadDepartmentName: string | null;
  score: number;
  reasons: ('phone' | 'enterprise' | 'text')[];
}

export const statusLabels: Record<string, string> = {
  submitted: '待受理',
  rejected: '不予受理',
  merged: '已并案',
  dispatched: '已派单',
  handling: '办理中',
  replied: '答复审核中',
  awaiting_rating: '待评价',
  closed: '已办结',
};

export const ratingLabels: Record<string, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

export interface TrackingEvent {
  at: string;
  label: string;
  department: string | null;
  text: string | null;
}

export interface TrackingView {
  code: string;
  title: string;
  description: string;
  categoryName: string;
  status: string;
  statusLabel: string;
  createdAt: string;
  closedAt: string | null;
  /** Working days from submission to closing (or now), on the working calendar. */
  elapsedWorkingDays: number;
  departments: string[];
  submitterName: string;
  submitterPhone: string;
  attachmentCount: number;
  /** The submitter's own files and, once the reply is approved, the reply's files meant for them (migration 0035). */
  attachments: TrackingAttachment[];
  replyText: string | null;
  repliedAt: string | null;
  rating: string | null;
  ratingLabel: string | null;
  ratingComment: string | null;
  redoRequested: boolean;
  ratingDeadline: string | null;
  canRate: boolean;
  /** An unsatisfied rating may ask for redo: once per case (a redo already happened means no). */
  canRequestRedo: boolean;
  timeline: TrackingEvent[];
}

export interface RateRequest {
  rating: 'satisfied' | 'basically' | 'unsatisfied';
  comment?: string;
  wantsRedo?: boolean;
}

export interface AttachmentInfo {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  uploadedAt: string;
  /** submitter: sent with the submission; staff: carried by a staff member's event. */
  origin: 'submitter' | 'staff';
  /** The event that carried a staff file (its seq and type); null for the submitter's own. */
  eventSeq: number | null;
  eventType: string | null;
  /** internal: staff only; submitter: also the tracking page; public: also the public board. */
  visibility: 'internal' | 'submitter' | 'public';
}

/** A file the submitter sees on the tracking page: their own (own) or the approved reply's (reply). */
export interface TrackingAttachment {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  kind: 'own' | 'reply';
}

/** A staff upload waiting for the command that carries it (POST /api/cases/{id}/uploads). */
export interface StaffUploadResponse {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}
