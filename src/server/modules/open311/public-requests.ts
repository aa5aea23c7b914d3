import { sql, type RawBuilder } from 'kysely';
import type { Open311Request, Open311RequestUpdate } from '../../../contracts/open311.js';
import { maskPersonalData } from '../../../domain/privacy/mask.js';
import { exhaustive, storedEvent, type CaseEvent, type CaseEventType } from '../../../domain/events/catalogue.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { w3 } from './format.js';

// GET requests, requests/{id}, tokens/{token} and servicerequestupdates. The output is public, so it follows the
// board: a case appears only when its publication was approved (case_publications, owned by the publication area),
// shown with the reviewed public text; a client's own request (the api_key that sent it) is shown too, with its
// free text masked. Names, phones, e-mails, street addresses and media never leave unmasked: the address is the
// district, coordinates are rounded to ~100 m, media_url is not echoed.

export interface RequestFilter {
  codes?: string[];
  categoryIds?: number[];
  start: Date;
  end: Date;
  status?: ('open' | 'closed')[];
  limit: number;
  /** The caller's key: its own requests are included, masked. */
  ownKeyId?: number;
}

interface Row {
  id: number;
  code: string;
  status: string;
  category_id: number;
  lead_department_id: number | null;
  district_id: number | null;
  created_at: Date;
  updated_at: Date;
  reply_deadline: Date | null;
  reply_approved_at: Date | null;
  description: string;
  reply_text: string | null;
  submitter_name: string;
  enterprise_name: string | null;
  lat: number | null;
  long: number | null;
  public_title: string | null;
  public_description: string | null;
  public_reply: string | null;
}

const closedStatuses = ['closed', 'rejected', 'merged'];
const statusNotices: Record<string, string> = {
  submitted: '已收到，待受理', dispatched: '已派单，待承办单位签收', handling: '办理中', replied: '办理中（答复审核中）',
  awaiting_rating: '已答复，待评价', closed: '已办结', rejected: '不予受理', merged: '已并入其他诉求办理',
};

const caseColumns = sql`c.id, c.code, c.status, c.category_id, c.lead_department_id, c.district_id, c.created_at, c.updated_at,
  c.reply_deadline, c.reply_approved_at, c.description, c.reply_text, c.submitter_name, c.enterprise_name`;

function list(values: readonly (string | number)[]): RawBuilder<unknown> {
  return sql.join(values.map((v) => sql`${v}`));
}

/** Column names differ by source: the board's copies on case_publications (indexed for its list) or the case itself. */
interface FilterColumns { created: string; category: string; status: string }
const caseCols: FilterColumns = { created: 'c.created_at', category: 'c.category_id', status: 'c.status' };
const boardCols: FilterColumns = { created: 'p.case_created_at', category: 'p.category_id', status: 'p.case_status' };

function whereFilter(f: RequestFilter, cols: FilterColumns): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.codes?.length) parts.push(sql`c.code IN (${list(f.codes)})`);
  else {
    parts.push(sql`${sql.ref(cols.created)} >= ${f.start} AND ${sql.ref(cols.created)} <= ${f.end}`);
    if (f.categoryIds?.length) parts.push(sql`${sql.ref(cols.category)} IN (${list(f.categoryIds)})`);
    if (f.status?.length === 1) {
      parts.push(f.status[0] === 'closed' ? sql`${sql.ref(cols.status)} IN (${list(closedStatuses)})` : sql`${sql.ref(cols.status)} NOT IN (${list(closedStatuses)})`);
    }
  }
  return sql.join(parts, sql` AND `);
}

/** Until the publication area's migration exists, nothing is published. */
function isMissingTable(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '42P01';
}

async function publishedRows(deps: AppDeps, f: RequestFilter): Promise<Row[]> {
  try {
    const r = await sql<Row>`SELECT ${caseColumns}, o.lat, o.long, p.public_title, p.public_description, p.public_reply
      FROM case_publications p JOIN cases c ON c.id = p.case_id LEFT JOIN open311_requests o ON o.case_id = c.id
      WHERE p.status = 'approved' AND ${whereFilter(f, boardCols)} ORDER BY p.case_created_at DESC, p.case_id DESC LIMIT ${f.limit}`.execute(deps.database.db);
    return r.rows;
  } catch (err) {
    if (isMissingTable(err)) return [];
    throw err;
  }
}

async function ownRows(deps: AppDeps, f: RequestFilter): Promise<Row[]> {
  if (f.ownKeyId == null) return [];
  const r = await sql<Row>`SELECT ${caseColumns}, o.lat, o.long, NULL AS public_title, NULL AS public_description, NULL AS public_reply
    FROM open311_requests o JOIN cases c ON c.id = o.case_id
    WHERE o.api_key_id = ${f.ownKeyId} AND ${whereFilter(f, caseCols)} ORDER BY c.created_at DESC, c.id DESC LIMIT ${f.limit}`.execute(deps.database.db);
  return r.rows;
}

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g;

/** The shared masking, plus e-mail addresses (which an Open311 request carries). */
function mask(text: string, row: Row): string {
  const masked = maskPersonalData(text, { names: [row.submitter_name], enterpriseName: row.enterprise_name, maskEnterprise: false });
  return masked.replace(emailPattern, (m) => `***@${m.split('@')[1]}`);
}

const round3 = (x: number | null) => (x == null ? null : Math.round(x * 1000) / 1000);

async function present(deps: AppDeps, row: Row): Promise<Open311Request> {
  const dir = await deps.directory.ready();
  const category = dir.category(row.category_id);
  const published = row.public_title !== null || row.public_description !== null;
  const replyPublic = row.reply_approved_at !== null;
  const description = published
    ? [row.public_title, row.public_description].filter((x) => x && x.trim()).join('\n')
    : row.description;
  const notes = row.status === 'rejected' ? '不予受理'
    : replyPublic ? (published ? row.public_reply ?? '' : row.reply_text ?? '') : '';
  return {
    service_request_id: row.code,
    status: closedStatuses.includes(row.status) ? 'closed' : 'open',
    status_notes: mask(notes, row),
    service_name: category?.name ?? '',
    service_code: category?.code ?? '',
    description: mask(description, row),
    agency_responsible: row.lead_department_id ? dir.department(row.lead_department_id)?.name ?? '' : '',
    service_notice: statusNotices[row.status] ?? '',
    requested_datetime: w3(row.created_at),
    updated_datetime: w3(row.updated_at),
    expected_datetime: w3(row.reply_deadline),
    address: row.district_id ? dir.department(row.district_id)?.name ?? '' : '',
    address_id: '',
    zipcode: '',
    lat: round3(row.lat),
    long: round3(row.long),
    media_url: '',
  };
}

export async function findRequests(deps: AppDeps, f: RequestFilter): Promise<Open311Request[]> {
  const [published, own] = await Promise.all([publishedRows(deps, f), ownRows(deps, f)]);
  const byId = new Map<number, Row>();
  for (const r of own) byId.set(r.id, r);
  for (const r of published) byId.set(r.id, r); // the reviewed public text wins over the masked original
  const rows = [...byId.values()].sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id - a.id).slice(0, f.limit);
  return Promise.all(rows.map((r) => present(deps, r)));
}

export async function getRequest(deps: AppDeps, code: string, ownKeyId?: number): Promise<Open311Request> {
  const all = new Date(0);
  const items = await findRequests(deps, { codes: [code], start: all, end: all, limit: 1, ownKeyId });
  if (!items.length) throw new AppError('OPEN311_REQUEST_NOT_FOUND');
  return items[0];
}

/** tokens/{token}: whoever holds the token learns the request id (the token is 128 random bits). */
export async function resolveToken(deps: AppDeps, token: string): Promise<{ service_request_id: string; token: string }> {
  if (!/^[0-9a-f]{32}$/.test(token)) throw new AppError('OPEN311_TOKEN_NOT_FOUND');
  const row = await deps.database.db.selectFrom('open311_requests as r').innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['c.code', 'r.token']).where('r.token', '=', token).executeTakeFirst();
  if (!row) throw new AppError('OPEN311_TOKEN_NOT_FOUND');
  return { service_request_id: row.code, token: row.token };
}

// servicerequestupdates: the public milestones of each visible request, one update per event.
const updateTypes = ['case.created', 'case.accepted', 'case.dispatched', 'case.signed', 'case.extension_approved', 'case.suspended',
  'case.resumed', 'case.reply_approved', 'case.rated', 'case.redone', 'case.closed', 'case.rejected', 'case.merged', 'case.answered_directly'] as const satisfies readonly CaseEventType[];

/** The public text of an update, or null for a type that is not a public milestone (the query loads only updateTypes). */
function updateText(e: CaseEvent, reply: string, dept: (id: number) => string): string | null {
  switch (e.type) {
    case 'case.created': return '已收到诉求';
    case 'case.accepted': return '已受理';
    case 'case.dispatched': return `已派单至${dept(e.payload.leadDepartmentId)}办理`;
    case 'case.signed': return '承办单位已签收';
    case 'case.extension_approved': return `经批准延期办理至 ${w3(new Date(e.payload.until)).slice(0, 10)}`;
    case 'case.suspended': return '暂停办理';
    case 'case.resumed': return '恢复办理';
    case 'case.reply_approved': return reply ? `已答复：${reply}` : '已答复';
    case 'case.rated': return '诉求人已评价';
    case 'case.redone': return '诉求人不满意，重新办理';
    case 'case.closed': return '已办结';
    case 'case.answered_directly': return `已直接答复并办结：${e.payload.answer}`;
    case 'case.rejected': return '不予受理';
    case 'case.merged': return '已并入其他诉求办理';
    case 'case.merge_received':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.return_requested':
    case 'case.return_approved':
    case 'case.return_denied':
    case 'case.extension_requested':
    case 'case.extension_denied':
    case 'case.opinion_given':
    case 'case.replied':
    case 'case.sent_back':
    case 'case.instructed':
    case 'case.sub_dispatched':
    case 'case.sub_replied':
    case 'case.called_in':
    case 'case.warned':
    case 'case.urged':
    case 'case.escalated':
    case 'case.order_issued':
    case 'case.order_raised':
    case 'case.order_answered':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
      return null;
    default:
      exhaustive(e);
      return null;
  }
}

interface EventRow {
  id: number;
  case_id: number;
  type: string;
  at: Date;
  payload: Record<string, unknown>;
  code: string;
  submitter_name: string;
  enterprise_name: string | null;
  reply_text: string | null;
  public_reply: string | null;
  published: boolean;
}

export interface UpdateFilter {
  codes?: string[];
  start: Date;
  end: Date;
  limit: number;
  ownKeyId?: number;
}

async function eventRows(deps: AppDeps, f: UpdateFilter, source: 'published' | 'own'): Promise<EventRow[]> {
  const where = [
    sql`e.type IN (${list(updateTypes)})`,
    f.codes?.length ? sql`c.code IN (${list(f.codes)})` : sql`e.at >= ${f.start} AND e.at <= ${f.end}`,
  ];
  const cols = sql`e.id, e.case_id, e.type, e.at, e.payload, c.code, c.submitter_name, c.enterprise_name, c.reply_text`;
  if (source === 'own') {
    if (f.ownKeyId == null) return [];
    return (await sql<EventRow>`SELECT ${cols}, NULL AS public_reply, false AS published FROM open311_requests o
      JOIN cases c ON c.id = o.case_id JOIN case_events e ON e.case_id = c.id
      WHERE o.api_key_id = ${f.ownKeyId} AND ${sql.join(where, sql` AND `)} ORDER BY e.at, e.id LIMIT ${f.limit}`.execute(deps.database.db)).rows;
  }
  try {
    return (await sql<EventRow>`SELECT ${cols}, p.public_reply, true AS published FROM case_publications p
      JOIN cases c ON c.id = p.case_id JOIN case_events e ON e.case_id = c.id
      WHERE p.status = 'approved' AND ${sql.join(where, sql` AND `)} ORDER BY e.at, e.id LIMIT ${f.limit}`.execute(deps.database.db)).rows;
  } catch (err) {
    if (isMissingTable(err)) return [];
    throw err;
  }
}

export async function findUpdates(deps: AppDeps, f: UpdateFilter): Promise<Open311RequestUpdate[]> {
  const dir = await deps.directory.ready();
  const [published, own] = await Promise.all([eventRows(deps, f, 'published'), eventRows(deps, f, 'own')]);
  const byId = new Map<number, EventRow>();
  for (const e of own) byId.set(e.id, e);
  for (const e of published) byId.set(e.id, e);
  const rows = [...byId.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id).slice(0, f.limit);
  const dept = (id: number) => dir.department(id)?.name ?? '';
  return rows.map((e) => {
    const reply = e.published ? e.public_reply ?? '' : e.reply_text ?? '';
    const event = storedEvent(e);
    const known = { submitter_name: e.submitter_name, enterprise_name: e.enterprise_name } as Row;
    return {
      update_id: String(e.id),
      service_request_id: e.code,
      status: event.type === 'case.closed' || event.type === 'case.rejected' || event.type === 'case.merged' ? 'closed' as const : 'open' as const,
      updated_datetime: w3(e.at),
      description: mask(updateText(event, reply, dept) ?? '', known),
      media_url: '',
    };
  });
}
