import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { sql } from 'kysely';
import type { AppDeps } from '../../src/server/deps.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';

export const xml = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => ['request', 'service', 'error', 'attribute', 'value', 'endpoint', 'format', 'request_update'].includes(name) });

export interface Raw {
  status: number;
  type: string;
  text: string;
  json: () => any;
  xml: () => any;
}

function raw(r: { statusCode: number; headers: Record<string, unknown>; body: string }): Raw {
  return { status: r.statusCode, type: String(r.headers['content-type'] ?? ''), text: r.body, json: () => JSON.parse(r.body), xml: () => xml.parse(r.body) };
}

export async function get(app: FastifyInstance, url: string): Promise<Raw> {
  return raw(await app.inject({ method: 'GET', url }));
}

/** POST as an Open311 client: form-urlencoded by default (the spec's encoding), or JSON. */
export async function post(app: FastifyInstance, url: string, fields: Record<string, string | string[]>, as: 'form' | 'json' = 'form', headers: Record<string, string> = {}): Promise<Raw> {
  if (as === 'json') return raw(await app.inject({ method: 'POST', url, payload: fields, headers }));
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return raw(await app.inject({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }));
}

export async function newKey(app: FastifyInstance, name = '城市随手拍'): Promise<string> {
  const admin = await loginAs(app, 'admin');
  const r = await admin.post('/api/open311/keys', { name });
  if (r.status !== 201) throw new Error(`key: ${JSON.stringify(r.body)}`);
  return r.body.secret;
}

/** Attributes for one service, written straight into the table (the console API is tested in attributes.int.test.ts). */
export async function addAttributes(deps: AppDeps, categoryCode: string) {
  const { db } = deps.database;
  const cat = await db.selectFrom('categories').select('id').where('code', '=', categoryCode).executeTakeFirstOrThrow();
  await db.insertInto('open311_service_attributes').values([
    { category_id: cat.id, code: 'duration', datatype: 'singlevaluelist', required: true, description: '问题持续时间', sort_order: 1,
      value_list: JSON.stringify([{ key: 'week', name: '一周以内' }, { key: 'month', name: '一个月以内' }, { key: 'longer', name: '一个月以上' }]) },
    { category_id: cat.id, code: 'amount', datatype: 'number', required: false, description: '涉及金额（元）', sort_order: 2, value_list: '[]' },
    { category_id: cat.id, code: 'channels', datatype: 'multivaluelist', required: false, description: '已反映过的渠道', sort_order: 3,
      value_list: JSON.stringify([{ key: '12345', name: '12345 热线' }, { key: 'window', name: '政务窗口' }]) },
  ]).execute();
}

/** Moves a case along the lifecycle as the staff would: dispatch, sign, reply, approve the reply. */
export async function toAwaitingRating(app: FastifyInstance, caseId: number, reply = '已协调办结，施工许可证已于本周核发。') {
  const intake = await loginAs(app, 'intake');
  const ids = await orgIds(intake);
  const steps: [Client, string, object][] = [
    [intake, 'dispatch', { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] }],
    [await loginAs(app, 'zjj-handler'), 'sign', {}],
    [await loginAs(app, 'zjj-handler'), 'reply', { text: reply }],
    [await loginAs(app, 'supervisor'), 'approve-reply', {}],
  ];
  for (const [client, command, body] of steps) {
    const r = await client.post(`/api/cases/${caseId}/${command}`, body);
    if (r.status !== 200) throw new Error(`${command}: ${JSON.stringify(r.body)}`);
  }
}

/** The supervisor's approval on the board, written as the publication area stores it (public text already masked). */
export async function publish(deps: AppDeps, caseId: number, text: { title: string; description: string; reply?: string | null }) {
  await sql`UPDATE case_publications SET status = 'approved', public_title = ${text.title}, public_description = ${text.description},
    public_reply = ${text.reply ?? null}, published_at = now(), reviewed_at = now() WHERE case_id = ${caseId}`.execute(deps.database.db);
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_publications WHERE case_id = ${caseId} AND status = 'approved'`.execute(deps.database.db);
  if (Number(r.rows[0].n) !== 1) throw new Error(`case ${caseId} has no publication candidate`);
}

export async function caseIdOf(deps: AppDeps, code: string): Promise<number> {
  return (await deps.database.db.selectFrom('cases').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export const validRequest = (key: string, extra: Record<string, string | string[]> = {}) => ({
  api_key: key,
  service_code: 'approval.construction_permit',
  lat: '26.893912',
  long: '112.571998',
  address_string: '衡阳市蒸湘区解放西路 88 号',
  description: '施工许可审批超过时限。联系人王小明，邮箱 wxm@example.com，电话 13912345678。',
  first_name: '小明',
  last_name: '王',
  phone: '13912345678',
  email: 'wxm@example.com',
  device_id: 'dev-001',
  account_id: 'acct-9',
  media_url: 'https://img.example.com/p/1.jpg',
  ...extra,
});
