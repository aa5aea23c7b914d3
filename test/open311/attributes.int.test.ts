import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { get, newKey, post, validRequest, type Raw } from './kit.js';

// The admin's service attribute console: who may use it, what it refuses (with stable codes), and that every change
// shows at once in the public service definition and in the validation of new requests. Each change is recorded.

let rt: TestRuntime;
let admin: Client;
let key: string;
let categoryId: number;
const service = 'fees.arbitrary';
const base = '/open311/v2';

const scale = {
  code: 'scale', datatype: 'singlevaluelist', required: true, description: '涉及企业规模', datatypeDescription: '请选择一项',
  values: [{ key: 'small', name: '小微企业' }, { key: 'medium', name: '中型企业' }, { key: 'large', name: '大型企业' }],
};

beforeAll(async () => {
  rt = await testRuntime();
  admin = await loginAs(rt.app, 'admin');
  key = await newKey(rt.app);
  categoryId = (await rt.deps.database.db.selectFrom('categories').select('id').where('code', '=', service).executeTakeFirstOrThrow()).id;
});
afterAll(() => rt.close());

const attrsUrl = () => `/api/open311/services/${categoryId}/attributes`;
const definition = async () => (await get(rt.app, `${base}/services/${service}.json`)).json();
const request = (extra: Record<string, string | string[]> = {}) => post(rt.app, `${base}/requests.json`, validRequest(key, { service_code: service, ...extra }));

function expectStandardError(r: Raw, status: number, contains: string) {
  expect(r.status).toBe(status);
  const body = r.json();
  expect(body).toEqual([{ code: status, description: expect.any(String) }]);
  expect(body[0].description).toContain(contains);
}

async function rowCount(): Promise<number> {
  const r = await rt.deps.database.db.selectFrom('open311_service_attributes').select((eb) => eb.fn.countAll<number>().as('n')).where('category_id', '=', categoryId).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('attribute console', () => {
  it('lists leaf categories as services and refuses a parent category or an unknown one', async () => {
    const list = await admin.get('/api/open311/services');
    expect(list.status).toBe(200);
    expect(list.body.items.find((s: any) => s.code === service)).toMatchObject({ categoryId, attributeCount: 0, group: expect.any(String) });
    const parent = await rt.deps.database.db.selectFrom('categories').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    expect(list.body.items.some((s: any) => s.categoryId === parent.id)).toBe(false);
    const notLeaf = await admin.get(`/api/open311/services/${parent.id}/attributes`);
    expect(notLeaf.status).toBe(422);
    expect(notLeaf.body.error.code).toBe('OPEN311_SERVICE_NOT_LEAF');
    expect((await admin.post(`/api/open311/services/${parent.id}/attributes`, scale)).body.error.code).toBe('OPEN311_SERVICE_NOT_LEAF');
    const unknown = await admin.get('/api/open311/services/999999/attributes');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('OPEN311_SERVICE_NOT_FOUND');
  });

  it('adds a required list attribute: the public definition shows it and a request without it is refused', async () => {
    expect((await definition()).attributes).toEqual([]);
    // Before: a request without attributes is accepted.
    expect((await request()).status).toBe(201);

    const created = await admin.post(attrsUrl(), scale);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...scale, categoryId, variable: true, order: 1 });
    const row = await rt.deps.database.db.selectFrom('open311_service_attributes').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ code: 'scale', datatype: 'singlevaluelist', required: true, sort_order: 1 });

    expect((await definition()).attributes).toEqual([{
      variable: true, code: 'scale', datatype: 'singlevaluelist', required: true, datatype_description: '请选择一项', order: 1,
      description: '涉及企业规模', values: scale.values,
    }]);
    const xml = (await get(rt.app, `${base}/services/${service}.xml`)).xml();
    expect(xml.service_definition.attributes.attribute[0].values.value.map((v: any) => v.key)).toEqual(['small', 'medium', 'large']);
    const services = (await get(rt.app, `${base}/services.json`)).json();
    expect(services.find((s: any) => s.service_code === service).metadata).toBe(true);

    expectStandardError(await request(), 400, 'attribute[scale]');
    const xmlRefusal = await post(rt.app, `${base}/requests.xml`, validRequest(key, { service_code: service }));
    expect(xmlRefusal.status).toBe(400);
    expect(xmlRefusal.xml().errors.error[0]).toMatchObject({ code: '400', description: expect.stringContaining('attribute[scale]') });
    expectStandardError(await request({ 'attribute[scale]': 'huge' }), 400, 'small/medium/large');
    const ok = await request({ 'attribute[scale]': 'medium' });
    expect(ok.status).toBe(201);
    const stored = await rt.deps.database.db.selectFrom('open311_requests').select('attributes').orderBy('created_at', 'desc').orderBy('case_id', 'desc').executeTakeFirstOrThrow();
    expect(stored.attributes).toEqual({ scale: 'medium' });
    expect((await admin.get('/api/open311/services')).body.items.find((s: any) => s.code === service).attributeCount).toBe(1);
  });

  it.each([
    ['a code the service already has', { ...scale }, 409, 'OPEN311_ATTRIBUTE_CODE_TAKEN'],
    ['a list without values', { ...scale, code: 'kind', values: [] }, 422, 'OPEN311_ATTRIBUTE_VALUES_REQUIRED'],
    ['values on a number', { code: 'amount', datatype: 'number', description: '金额', values: [{ key: 'a', name: '甲' }] }, 422, 'OPEN311_ATTRIBUTE_VALUES_NOT_ALLOWED'],
    ['repeated value keys', { ...scale, code: 'kind', values: [{ key: 'a', name: '甲' }, { key: 'a', name: '乙' }] }, 422, 'OPEN311_ATTRIBUTE_VALUE_KEY_DUPLICATE'],
    ['repeated value names', { ...scale, code: 'kind', values: [{ key: 'a', name: '甲' }, { key: 'b', name: '甲' }] }, 422, 'OPEN311_ATTRIBUTE_VALUE_NAME_DUPLICATE'],
    ['a required explanation', { code: 'note', datatype: 'text', description: '说明', required: true, variable: false }, 422, 'OPEN311_ATTRIBUTE_REQUIRED_NOT_VARIABLE'],
    ['a code with brackets', { ...scale, code: 'scale]x' }, 400, 'VALIDATION_FAILED'],
    ['an unknown datatype', { ...scale, code: 'kind', datatype: 'boolean' }, 400, 'VALIDATION_FAILED'],
    ['no description', { ...scale, code: 'kind', description: '  ' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_what, body, status, code) => {
    const before = await rowCount();
    const r = await admin.post(attrsUrl(), body);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await rowCount()).toBe(before);
  });

  it('names the field in a shape error', async () => {
    const r = await admin.post(attrsUrl(), { ...scale, code: '规模' });
    expect(r.body.error.details).toEqual([{ field: 'code', message: '属性代码须以字母开头，只含字母、数字和下划线' }]);
  });

  it('edits, reorders and deletes; the public definition and request validation follow each change', async () => {
    const amount = (await admin.post(attrsUrl(), { code: 'amount', datatype: 'number', description: '涉及金额（元）' })).body;
    const channels = (await admin.post(attrsUrl(), {
      code: 'channels', datatype: 'multivaluelist', description: '已反映过的渠道', values: [{ key: '12345', name: '12345 热线' }, { key: 'window', name: '政务窗口' }],
    })).body;
    const scaleId = (await admin.get(attrsUrl())).body.items.find((a: any) => a.code === 'scale').id;
    expect((await definition()).attributes.map((a: any) => [a.code, a.order])).toEqual([['scale', 1], ['amount', 2], ['channels', 3]]);

    // Edit: amount becomes required, described anew; its place stays.
    const edited = await admin.post(`/api/open311/attributes/${amount.id}`, { code: 'amount', datatype: 'number', required: true, description: '涉及金额（元，整数）' });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ required: true, order: 2 });
    expect((await definition()).attributes[1]).toMatchObject({ code: 'amount', required: true, description: '涉及金额（元，整数）' });
    expectStandardError(await request({ 'attribute[scale]': 'small' }), 400, 'attribute[amount]');
    expectStandardError(await request({ 'attribute[scale]': 'small', 'attribute[amount]': 'abc' }), 400, 'attribute[amount]');
    expect((await request({ 'attribute[scale]': 'small', 'attribute[amount]': '5000' })).status).toBe(201);

    // Renaming to another attribute's code is refused; unknown ids are not found.
    const clash = await admin.post(`/api/open311/attributes/${amount.id}`, { code: 'channels', datatype: 'number', description: 'x' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('OPEN311_ATTRIBUTE_CODE_TAKEN');
    expect((await admin.post('/api/open311/attributes/999999', { code: 'x', datatype: 'string', description: 'x' })).body.error.code).toBe('OPEN311_ATTRIBUTE_NOT_FOUND');

    // Reorder: channels first.
    const reordered = await admin.post(`${attrsUrl()}/reorder`, { attributeIds: [channels.id, scaleId, amount.id] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((a: any) => [a.code, a.order])).toEqual([['channels', 1], ['scale', 2], ['amount', 3]]);
    expect((await definition()).attributes.map((a: any) => [a.code, a.order])).toEqual([['channels', 1], ['scale', 2], ['amount', 3]]);
    for (const ids of [[channels.id, scaleId], [channels.id, scaleId, scaleId], [channels.id, scaleId, 999999]]) {
      const bad = await admin.post(`${attrsUrl()}/reorder`, { attributeIds: ids });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('OPEN311_ATTRIBUTE_REORDER_INVALID');
    }

    // Delete amount: the definition drops it, the others keep their order, an answer to it is now unknown.
    const del = await admin.post(`/api/open311/attributes/${amount.id}/delete`);
    expect(del.status).toBe(200);
    expect((await definition()).attributes.map((a: any) => [a.code, a.order])).toEqual([['channels', 1], ['scale', 2]]);
    expectStandardError(await request({ 'attribute[scale]': 'small', 'attribute[amount]': '5000' }), 400, 'attribute[amount]');
    expect((await request({ 'attribute[scale]': 'large', 'attribute[channels][]': ['12345', 'window'] })).status).toBe(201);
    expect((await admin.post(`/api/open311/attributes/${amount.id}/delete`)).status).toBe(404);
  });

  it('records who changed what, newest first', async () => {
    const r = await admin.get(`/api/open311/services/${categoryId}/attribute-changes`);
    expect(r.status).toBe(200);
    const items = r.body.items as any[];
    expect(items.map((c) => [c.change, c.code])).toEqual([
      ['deleted', 'amount'], ['reordered', null], ['updated', 'amount'], ['created', 'channels'], ['created', 'amount'], ['created', 'scale'],
    ]);
    expect(items.every((c) => c.changedBy === '系统管理员' && c.changedAt === rt.deps.now().toISOString())).toBe(true);
    expect(items[0]).toMatchObject({ before: { code: 'amount', required: true }, after: null });
    expect(items[1]).toMatchObject({ before: ['scale', 'amount', 'channels'], after: ['channels', 'scale', 'amount'] });
    expect(items[2]).toMatchObject({ before: { required: false, description: '涉及金额（元）' }, after: { required: true, description: '涉及金额（元，整数）' } });
    expect(items[5]).toMatchObject({ before: null, after: { code: 'scale', values: scale.values } });
  });
});

describe('who may use it', () => {
  const routes = () => [
    ['GET', '/api/open311/services'],
    ['GET', attrsUrl()],
    ['POST', attrsUrl()],
    ['POST', `${attrsUrl()}/reorder`],
    ['GET', `/api/open311/services/${categoryId}/attribute-changes`],
    ['POST', '/api/open311/attributes/1'],
    ['POST', '/api/open311/attributes/1/delete'],
  ] as const;

  it.each(['intake', 'supervisor', 'zjj-handler', 'zjj-head', 'leader'])('refuses %s (403) and changes nothing', async (username) => {
    const c = await loginAs(rt.app, username);
    const before = await rowCount();
    for (const [method, url] of routes()) {
      const r = method === 'GET' ? await c.get(url) : await c.post(url, url.endsWith('reorder') ? { attributeIds: [1] } : scale);
      expect(r.status, `${method} ${url}`).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect(await rowCount()).toBe(before);
  });

  it('refuses anonymous callers (401)', async () => {
    for (const [method, url] of routes()) {
      const r = await rt.app.inject({ method, url, payload: method === 'POST' ? scale : undefined });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json().error.code).toBe('UNAUTHENTICATED');
    }
  });
});
