// One row of an imported file → an ImportRecord, with the reasons (zh-CN) it cannot be imported and the warnings
// that do not stop it. Pure: no I/O, no clock (`now` is passed in).

import { createHash } from 'node:crypto';
import type { CaseKind, Rating } from '../case/status.js';
import { parseCaseType } from '../case/case-type.js';
import { beijingDateTimeCn } from '../calendar/local-time.js';
import { importFieldLabels, type ColumnMap, type ImportField } from './fields.js';
import { cellText, classifyStatus, cleanPhone, parseDateValue, parseRating, type CellValue, type DateOptions, type StatusKind } from './values.js';

/** A historical or open case read from another system's file, before departments and categories are resolved. */
export interface ImportRecord {
  /** The source system's id of the record, when the file has one. */
  externalId: string | null;
  /** What makes the record unique within its source: the external id, or `h:` + a hash of its identifying content. */
  key: string;
  title: string;
  description: string;
  createdAt: Date;
  departmentName: string | null;
  /** Status as written in the source. */
  sourceStatus: string | null;
  /** finished → a closed historical case; open → a submitted case in the intake queue; rejected → rejected. */
  state: 'finished' | 'open' | 'rejected';
  reply: string | null;
  repliedAt: Date | null;
  rating: Rating | null;
  closedAt: Date | null;
  categoryText: string | null;
  subcategoryText: string | null;
  districtText: string | null;
  address: string | null;
  phone: string | null;
  submitterName: string | null;
  enterpriseName: string | null;
  /** The submitter agreed to publication (a 是否公开 column); absent or unclear: not public. */
  isPublic: boolean;
  /** 诉求类型 from a type column; null: the category's kind. */
  caseType?: CaseKind | null;
  /** sha256 of every mapped value: a second import of a changed row updates the case, an unchanged one is skipped. */
  fingerprint: string;
}

export interface RecordOptions extends DateOptions {
  now: Date;
}

export interface RecordResult {
  record?: ImportRecord;
  /** The source's id of a row that could not be read, so its report can name it. */
  externalId?: string | null;
  errors: string[];
  warnings: string[];
}

const limits = { title: 100, description: 5000, reply: 5000, submitterName: 50, address: 200, enterpriseName: 100 } as const;

function clip(field: keyof typeof limits, text: string, warnings: string[]): string {
  const max = limits[field];
  if (text.length <= max) return text;
  warnings.push(`${importFieldLabels[field]}超过 ${max} 字，已截断`);
  return text.slice(0, max);
}

/** Prefix of data-quality warnings, so reports and the console can tell them from other notes. */
export const dataQualityPrefix = '数据质量：';

function dataQuality(what: string, earlier: Date, than: Date): string {
  return `${dataQualityPrefix}${what}（${beijingDateTimeCn(earlier)} 早于 ${beijingDateTimeCn(than)}），已按原文导入`;
}

/** The first sentence of the content, up to 40 characters, as the title of a record that has none. */
export function titleFromDescription(text: string): string {
  const first = text.split(/[。！？!?\n]/)[0].trim() || text.trim();
  return first.length > 40 ? first.slice(0, 40) + '…' : first;
}

/** The hash identifying a record without an external id: what the submitter said and when, not what happened after. */
export function contentKey(parts: { createdAt: Date; title: string; description: string; phone: string | null }): string {
  const h = createHash('sha256')
    .update(`${parts.createdAt.toISOString()}\n${parts.title}\n${parts.description}\n${parts.phone ?? ''}`)
    .digest('base64url');
  return `h:${h.slice(0, 32)}`;
}

/** Builds the record of one data row from its cells and the recognised columns. */
export function toImportRecord(cells: readonly CellValue[], columns: ColumnMap, opts: RecordOptions): RecordResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const raw = (f: ImportField): CellValue => (columns[f] === undefined ? undefined : cells[columns[f]!]);
  const text = (f: ImportField): string => cellText(raw(f)).replace(/\r\n?/g, '\n');
  const optional = (f: ImportField): string | null => text(f) || null;

  const date = (f: 'createdAt' | 'closedAt' | 'repliedAt', required: boolean): Date | null => {
    const v = raw(f);
    if (v == null || cellText(v) === '') {
      if (required) errors.push(`缺少${importFieldLabels[f]}`);
      return null;
    }
    const r = parseDateValue(v, opts);
    if (!r.ok) {
      errors.push(`${importFieldLabels[f]}${r.reason}`);
      return null;
    }
    if (r.value.getTime() > opts.now.getTime() + 86_400_000) {
      errors.push(`${importFieldLabels[f]}（${cellText(v)}）晚于当前时间`);
      return null;
    }
    return r.value;
  };

  let description = text('description');
  let title = text('title');
  if (!title && !description) errors.push('标题和内容都为空');
  if (!description) description = title;
  if (!title) {
    title = titleFromDescription(description);
    if (title) warnings.push('没有标题，已取内容的第一句');
  }
  title = clip('title', title, warnings);
  description = clip('description', description, warnings);

  const createdAt = date('createdAt', true);
  const closedAt = date('closedAt', false);
  const repliedAt = date('repliedAt', false);
  // Real exports hold rows whose reply or close time is before the submission (clock or data-entry slips in the source):
  // the row is kept as the source says, with a data-quality warning, rather than lost.
  if (createdAt && closedAt && closedAt < createdAt) warnings.push(dataQuality('办结时间早于诉求时间', closedAt, createdAt));
  if (createdAt && repliedAt && repliedAt < createdAt) warnings.push(dataQuality('答复时间早于诉求时间', repliedAt, createdAt));

  // 诉求类型: a type word sets the type; any other text (a 311 export's request type names the service) is the category.
  const typeText = text('caseType');
  const caseType = parseCaseType(typeText);
  let categoryText = optional('categoryText');
  if (typeText && !caseType) {
    if (!categoryText) categoryText = typeText;
    else warnings.push(`诉求类型「${typeText.slice(0, 20)}」无法识别，按类别的默认类型`);
  }

  const reply = optional('reply');
  const ratingCell = raw('rating');
  let rating: Rating | null = null;
  const r = parseRating(ratingCell);
  if (r.ok) rating = r.value;
  else warnings.push(`${r.reason}，未导入满意度`);

  const sourceStatus = optional('status');
  const kind: StatusKind = classifyStatus(sourceStatus);
  let state: ImportRecord['state'];
  if (kind === 'finished' || kind === 'open' || kind === 'rejected') state = kind;
  else {
    // No status, or one we do not know: a close time (or, failing that, a rating) says the case is finished.
    state = closedAt || rating ? 'finished' : 'open';
    if (sourceStatus) warnings.push(`状态「${sourceStatus}」无法识别，按${state === 'finished' ? '已办结' : '未办结'}处理`);
  }
  if (state === 'finished' && !closedAt && createdAt) {
    warnings.push(repliedAt ? '没有办结时间，按答复时间计' : '没有办结时间，按诉求时间计');
  }
  if (state === 'open' && (closedAt || rating)) warnings.push('状态为未办结，办结时间和满意度不导入');

  const phoneText = text('phone');
  const phone = cleanPhone(phoneText);
  if (phoneText && !phone) warnings.push(`联系电话「${phoneText.slice(0, 20)}」格式不正确，未导入`);

  const externalText = text('externalId');
  const externalId = externalText ? externalText.slice(0, 200) : null;
  if (columns.externalId !== undefined && !externalId) warnings.push('原系统编号为空，按内容哈希判断是否重复');

  if (errors.length || !createdAt) return { errors, warnings, externalId };

  const subcategory = optional('subcategoryText');
  const record: ImportRecord = {
    externalId,
    key: externalId ?? contentKey({ createdAt, title, description, phone }),
    title,
    description,
    createdAt,
    departmentName: optional('departmentName'),
    sourceStatus,
    state,
    reply: reply ? clip('reply', reply, warnings) : null,
    repliedAt: state === 'finished' ? repliedAt ?? (reply ? closedAt : null) : null,
    rating: state === 'finished' ? rating : null,
    closedAt: state === 'finished' ? closedAt ?? repliedAt ?? createdAt : state === 'rejected' ? closedAt : null,
    categoryText,
    subcategoryText: subcategory,
    districtText: optional('districtText'),
    address: text('address') ? clip('address', text('address'), warnings) : null,
    phone,
    submitterName: text('submitterName') ? clip('submitterName', text('submitterName'), warnings) : null,
    enterpriseName: text('enterpriseName') ? clip('enterpriseName', text('enterpriseName'), warnings) : null,
    isPublic: parseConsent(text('isPublic')),
    caseType,
    fingerprint: '',
  };
  record.fingerprint = fingerprintOf(record);
  return { record, errors, warnings };
}

/** 是 / 同意 / 公开 / yes / true / 1 → consent; anything else (否, 不公开, empty) → none. */
export function parseConsent(v: string): boolean {
  const t = v.trim().toLowerCase();
  return ['是', '同意', '同意公开', '公开', '可公开', 'y', 'yes', 'true', '1'].includes(t);
}

/** sha256 over the record's values (dates as ISO), so an unchanged row is recognised on a second import. */
export function fingerprintOf(r: Omit<ImportRecord, 'fingerprint'> & { fingerprint?: string }): string {
  const values = [
    r.externalId, r.title, r.description, r.createdAt.toISOString(), r.departmentName, r.sourceStatus, r.state, r.reply,
    r.repliedAt?.toISOString() ?? null, r.rating, r.closedAt?.toISOString() ?? null, r.categoryText, r.subcategoryText,
    r.districtText, r.address, r.phone, r.submitterName, r.enterpriseName,
    // Appended only when set, so fingerprints of files without a consent column stay as they were.
    ...(r.isPublic ? ['public'] : []),
    ...(r.caseType ? [`type:${r.caseType}`] : []),
  ];
  return createHash('sha256').update(JSON.stringify(values)).digest('base64url').slice(0, 32);
}

/** Is a row empty (trailing rows of spreadsheets, blank lines)? */
export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((c) => cellText(c) === '');
}
