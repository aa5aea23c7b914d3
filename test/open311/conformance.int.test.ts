import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { addAttributes, caseIdOf, get, newKey, post, publish, toAwaitingRating, validRequest, type Raw } from './kit.js';

// GeoReport v2 conformance, written from the specification (wiki.open311.org/GeoReport_v2) and mySociety's
// servicerequestupdates extension: every endpoint in .json and .xml, the error body, status codes.

let rt: TestRuntime;
let key: string;
const base = '/open311/v2';
const attrs = { 'attribute[duration]': 'month', 'attribute[amount]': '12000', 'attribute[channels][]': ['12345', 'window'] };

beforeAll(async () => {
  rt = await testRuntime();
  await addAttributes(rt.deps, 'approval.construction_permit');
  key = await newKey(rt.app);
});
afterAll(() => rt.close());

function expectError(r: Raw, status: number, format: 'json' | 'xml', contains?: string) {
  expect(r.status).toBe(status);
  if (format === 'json') {
    expect(r.type).toMatch(/^application\/json/);
    const body = r.json();
    expect(Array.isArray(body)).toBe(true);
    expect(body[0]).toEqual({ code: status, description: expect.any(String) });
    if (contains) expect(body[0].description).toContain(contains);
  } else {
    expect(r.type).toMatch(/^text\/xml/);
    expect(r.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const e = r.xml().errors.error[0];
    expect(e.code).toBe(String(status));
    if (contains) expect(e.description).toContain(contains);
  }
}

describe('discovery', () => {
  it('lists the v2 endpoint with both formats', async () => {
    const j = await get(rt.app, `${base}/discovery.json`);
    expect(j.status).toBe(200);
    const d = j.json();
    expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(d.endpoints[0].url).toMatch(/\/open311\/v2$/);
    expect(d).toHaveProperty('changeset');
    expect(d).toHaveProperty('contact');
    expect(d).toHaveProperty('key_service');
    const x = await get(rt.app, `${base}/discovery.xml`);
    expect(x.status).toBe(200);
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(x.xml().discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });
});

describe('OpenAPI', () => {
  it('documents the Open311 routes and the key console', async () => {
    const spec = await rt.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/open311/v2/{resource}', '/open311/v2/requests/{file}', '/api/open311/keys']));
  });
});

describe('services', () => {
  it('maps leaf categories to services with their group, in both formats', async () => {
    const list = (await get(rt.app, `${base}/services.json`)).json();
    const permit = list.find((s: any) => s.service_code === 'approval.construction_permit');
    expect(permit).toMatchObject({ service_name: '施工许可', group: '审批服务', metadata: true, type: 'realtime' });
    expect(list.find((s: any) => s.service_code === 'approval.business_start').metadata).toBe(false);
    // Groups are not services.
    expect(list.some((s: any) => s.service_code === 'approval')).toBe(false);
    for (const s of list) expect(Object.keys(s).sort()).toEqual(['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
    const x = await get(rt.app, `${base}/services.xml`);
    expect(x.status).toBe(200);
    const services = x.xml().services.service;
    expect(services).toHaveLength(list.length);
    expect(services.find((s: any) => s.service_code === 'approval.construction_permit')).toMatchObject({ metadata: 'true', group: '审批服务' });
  });

  it('serves a service definition with attributes and values; unknown codes are 404', async () => {
    const j = await get(rt.app, `${base}/services/approval.construction_permit.json`);
    expect(j.status).toBe(200);
    const def = j.json();
    expect(def.service_code).toBe('approval.construction_permit');
    expect(def.attributes.map((a: any) => a.code)).toEqual(['duration', 'amount', 'channels']);
    expect(def.attributes[0]).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: true, order: 1, description: '问题持续时间' });
    expect(def.attributes[0].values).toContainEqual({ key: 'month', name: '一个月以内' });
    const x = (await get(rt.app, `${base}/services/approval.construction_permit.xml`)).xml().service_definition;
    expect(x.service_code).toBe('approval.construction_permit');
    expect(x.attributes.attribute[0]).toMatchObject({ code: 'duration', required: 'true', datatype: 'singlevaluelist' });
    expect(x.attributes.attribute[0].values.value.map((v: any) => v.key)).toEqual(['week', 'month', 'longer']);
    expectError(await get(rt.app, `${base}/services/nope.json`), 404, 'json');
    expectError(await get(rt.app, `${base}/services/nope.xml`), 404, 'xml');
  });
});

describe('POST requests', () => {
  it('creates a case from a form post and answers with the id, a token and a notice', async () => {
    const r = await post(rt.app, `${base}/requests.json`, { ...validRequest(key), ...attrs });
    expect(r.status).toBe(201);
    const [created] = r.json();
    expect(created).toEqual({ service_request_id: expect.stringMatching(/^YW\d{8}-/), token: expect.stringMatching(/^[0-9a-f]{32}$/), service_notice: expect.any(String), account_id: 'acct-9' });
    const { db } = rt.deps.database;
    const c = await db.selectFrom('cases').selectAll().where('code', '=', created.service_request_id).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ channel: 'open311', status: 'submitted', submitter_name: '王小明', submitter_phone: '13912345678', address: '衡阳市蒸湘区解放西路 88 号', created_by: null });
    expect(c.description).toContain('问题持续时间：一个月以内');
    expect(c.description).toContain('已反映过的渠道：12345 热线、政务窗口');
    const district = await db.selectFrom('departments').select('name').where('id', '=', c.district_id!).executeTakeFirstOrThrow();
    expect(district.name).toBe('蒸湘区');
    const o = await db.selectFrom('open311_requests').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(o).toMatchObject({ token: created.token, email: 'wxm@example.com', device_id: 'dev-001', media_url: 'https://img.example.com/p/1.jpg', lat: 26.893912 });
    expect(o.attributes).toEqual({ duration: 'month', amount: '12000', channels: ['12345', 'window'] });
    const k = await db.selectFrom('open311_api_keys').selectAll().where('id', '=', o.api_key_id).executeTakeFirstOrThrow();
    expect(k.name).toBe('城市随手拍');
    expect(k.request_count).toBeGreaterThanOrEqual(1);
    expect(k.last_used_at).not.toBeNull();
    const ev = await db.selectFrom('case_events').select(['type', 'actor_role']).where('case_id', '=', c.id).execute();
    expect(ev).toEqual([{ type: 'case.created', actor_role: 'submitter' }]);
  });

  it('accepts JSON with nested attributes and answers in XML', async () => {
    const r = await post(rt.app, `${base}/requests.xml`, { ...validRequest(key), attribute: { duration: 'week' } } as any, 'json');
    expect(r.status).toBe(201);
    const req = r.xml().service_requests.request[0];
    expect(req.service_request_id).toMatch(/^YW/);
    expect(req.token).toMatch(/^[0-9a-f]{32}$/);
    expect(req).toHaveProperty('service_notice');
  });

  it('creates one case for a repeated Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'client-retry-0001' };
    const a = (await post(rt.app, `${base}/requests.json`, { ...validRequest(key), ...attrs }, 'form', headers)).json()[0];
    const b = (await post(rt.app, `${base}/requests.json`, { ...validRequest(key), ...attrs }, 'form', headers)).json()[0];
    expect(b.service_request_id).toBe(a.service_request_id);
    expect(b.token).toBe(a.token);
  });

  const bad: [string, (k: string) => Record<string, string | string[]>, number, string][] = [
    ['no api_key', (k) => { const { api_key: _x, ...rest } = validRequest(k, attrs); return rest; }, 403, 'api_key'],
    ['a wrong api_key', (k) => validRequest(`${k}x`, attrs), 403, 'api_key'],
    ['no service_code', (k) => validRequest(k, { ...attrs, service_code: '' }), 400, 'service_code'],
    ['an unknown service_code', (k) => validRequest(k, { ...attrs, service_code: 'approval' }), 400, 'service_code'],
    ['no location', (k) => { const { lat: _a, long: _b, address_string: _c, ...rest } = validRequest(k, attrs); return rest; }, 400, 'lat'],
    ['lat without long', (k) => { const { long: _b, ...rest } = validRequest(k, attrs); return rest; }, 400, 'long'],
    ['a latitude out of range', (k) => validRequest(k, { ...attrs, lat: '95' }), 400, 'lat'],
    ['a malformed phone', (k) => validRequest(k, { ...attrs, phone: 'call me' }), 400, 'phone'],
    ['a malformed email', (k) => validRequest(k, { ...attrs, email: 'not-an-email' }), 400, 'email'],
    ['a non-http media_url', (k) => validRequest(k, { ...attrs, media_url: 'javascript:alert(1)' }), 400, 'media_url'],
    ['a missing required attribute', (k) => validRequest(k), 400, 'attribute[duration]'],
    ['a value outside the list', (k) => validRequest(k, { ...attrs, 'attribute[duration]': 'forever' }), 400, 'attribute[duration]'],
    ['a non-numeric number attribute', (k) => validRequest(k, { ...attrs, 'attribute[amount]': 'lots' }), 400, 'attribute[amount]'],
    ['an unknown attribute', (k) => validRequest(k, { ...attrs, 'attribute[color]': 'red' }), 400, 'attribute[color]'],
  ];
  it.each(bad)('refuses %s with the standard error in both formats, writing nothing', async (_name, make, status, mention) => {
    const before = await rt.deps.database.db.selectFrom('cases').select(rt.deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expectError(await post(rt.app, `${base}/requests.json`, make(key)), status, 'json', mention === 'lat' || mention === 'long' ? undefined : mention);
    expectError(await post(rt.app, `${base}/requests.xml`, make(key)), status, 'xml');
    const after = await rt.deps.database.db.selectFrom('cases').select(rt.deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses malformed JSON and unknown content types in the standard format', async () => {
    const r = await rt.app.inject({ method: 'POST', url: `${base}/requests.json`, payload: '{"api_key":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body)[0].code).toBe(400);
    const t = await rt.app.inject({ method: 'POST', url: `${base}/requests.xml`, payload: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(t.statusCode).toBe(400);
    expect(t.body).toContain('<errors>');
    const b = await rt.app.inject({ method: 'POST', url: `${base}/requests.xml`, payload: Buffer.from('hello'), headers: { 'content-type': 'application/octet-stream' } });
    expect(b.statusCode).toBe(415);
    expect(b.body).toContain('<errors>');
  });

  it('refuses a revoked key at once', async () => {
    const admin = await loginAs(rt.app, 'admin');
    const created = await admin.post('/api/open311/keys', { name: '临时测试客户端' });
    expect((await post(rt.app, `${base}/requests.json`, validRequest(created.body.secret, attrs))).status).toBe(201);
    expect((await admin.post(`/api/open311/keys/${created.body.key.id}/revoke`)).status).toBe(200);
    expectError(await post(rt.app, `${base}/requests.json`, validRequest(created.body.secret, attrs)), 403, 'json', 'api_key');
  });
});

describe('tokens, requests and updates', () => {
  let code: string;
  let token: string;
  beforeAll(async () => {
    const r = (await post(rt.app, `${base}/requests.json`, { ...validRequest(key), ...attrs })).json()[0];
    code = r.service_request_id;
    token = r.token;
  });

  it('resolves a token to its request id in both formats; unknown tokens are 404', async () => {
    expect((await get(rt.app, `${base}/tokens/${token}.json`)).json()).toEqual([{ service_request_id: code, token }]);
    expect((await get(rt.app, `${base}/tokens/${token}.xml`)).xml().service_requests.request[0]).toEqual({ service_request_id: code, token });
    expectError(await get(rt.app, `${base}/tokens/${'0'.repeat(32)}.json`), 404, 'json');
    expectError(await get(rt.app, `${base}/tokens/not-a-token.xml`), 404, 'xml');
  });

  it('hides an unpublished request from the public and from other keys, and shows it masked to its own client', async () => {
    expectError(await get(rt.app, `${base}/requests/${code}.json`), 404, 'json');
    const other = await newKey(rt.app, '另一个客户端');
    expectError(await get(rt.app, `${base}/requests/${code}.json?api_key=${other}`), 404, 'json');
    expectError(await get(rt.app, `${base}/requests/${code}.json?api_key=wrong`), 403, 'json');
    const own = await get(rt.app, `${base}/requests/${code}.json?api_key=${key}`);
    expect(own.status).toBe(200);
    const [r] = own.json();
    expect(r).toMatchObject({ service_request_id: code, status: 'open', service_code: 'approval.construction_permit', service_name: '施工许可', agency_responsible: '', address: '蒸湘区', media_url: '' });
    expect(r.lat).toBe(26.894);
    expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    for (const secret of ['13912345678', 'wxm@example.com', '王小明', '解放西路', '88 号']) expect(own.text).not.toContain(secret);
    expect(r.description).toContain('139****5678');
  });

  it('shows a published request with its reviewed public text, department, deadline and reply', async () => {
    const id = await caseIdOf(rt.deps, code);
    await toAwaitingRating(rt.app, id, '已协调办结。如有疑问请联系王小明 13912345678。');
    await publish(rt.deps, id, { title: '施工许可审批超时', description: '企业反映施工许可审批超过法定时限。', reply: '已协调办结，许可证已核发。' });
    const j = await get(rt.app, `${base}/requests/${code}.json`);
    expect(j.status).toBe(200);
    const [r] = j.json();
    expect(r).toMatchObject({
      service_request_id: code, status: 'open', status_notes: '已协调办结，许可证已核发。', agency_responsible: '市住房和城乡建设局',
      description: '施工许可审批超时\n企业反映施工许可审批超过法定时限。', service_notice: '已答复，待评价',
    });
    expect(r.expected_datetime).toMatch(/\+08:00$/);
    expect(new Date(r.updated_datetime).getTime()).toBeGreaterThanOrEqual(new Date(r.requested_datetime).getTime());
    const x = (await get(rt.app, `${base}/requests/${code}.xml`)).xml().service_requests.request[0];
    expect(x).toMatchObject({ service_request_id: code, status: 'open', agency_responsible: '市住房和城乡建设局', lat: '26.894' });
    // The list, filtered several ways.
    const listed = (q: string) => get(rt.app, `${base}/requests.json?${q}`).then((res) => res.json().map((i: any) => i.service_request_id));
    expect(await listed('')).toContain(code);
    expect(await listed(`service_request_id=${code},YW20000101-NOPE`)).toEqual([code]);
    expect(await listed('service_code=approval.construction_permit')).toContain(code);
    expect(await listed('service_code=approval.business_start')).not.toContain(code);
    expect(await listed('status=open')).toContain(code);
    expect(await listed('status=closed')).not.toContain(code);
    expect(await listed('start_date=2026-10-01T00:00:00Z&end_date=2026-10-31T00:00:00Z')).not.toContain(code);
    expect(await listed('start_date=2026-11-01T00:00:00%2B08:00&end_date=2026-11-03T00:00:00%2B08:00')).toContain(code);
    const xl = (await get(rt.app, `${base}/requests.xml?service_request_id=${code}`)).xml().service_requests.request;
    expect(xl.map((i: any) => i.service_request_id)).toEqual([code]);
  });

  it('lists public milestones as servicerequestupdates, closed after the rating', async () => {
    const supervisorRating = await loginAs(rt.app, 'intake');
    const id = await caseIdOf(rt.deps, code);
    expect((await supervisorRating.post(`/api/cases/${id}/rate`, { rating: 'satisfied', comment: '' })).status).toBe(200);
    const u = (await get(rt.app, `${base}/servicerequestupdates.json?service_request_id=${code}`)).json();
    expect(u.map((x: any) => x.description)).toEqual(expect.arrayContaining(['已收到诉求', '已派单至市住房和城乡建设局办理', '承办单位已签收', '已答复：已协调办结，许可证已核发。', '已办结']));
    expect(u.at(-1)).toMatchObject({ service_request_id: code, status: 'closed', media_url: '' });
    for (const x of u) expect(Object.keys(x).sort()).toEqual(['description', 'media_url', 'service_request_id', 'status', 'update_id', 'updated_datetime']);
    const xu = (await get(rt.app, `${base}/servicerequestupdates.xml?start_date=2026-11-01T00:00:00Z`)).xml().service_request_updates.request_update;
    expect(xu.filter((x: any) => x.service_request_id === code)).toHaveLength(u.length);
    const [closed] = (await get(rt.app, `${base}/requests/${code}.json`)).json();
    expect(closed.status).toBe('closed');
    expect((await get(rt.app, `${base}/requests.json?status=closed`)).json().map((i: any) => i.service_request_id)).toContain(code);
  });

  it('defaults to the last 90 days', async () => {
    rt.clock.advanceDays(91);
    expect((await get(rt.app, `${base}/requests.json`)).json().map((i: any) => i.service_request_id)).not.toContain(code);
    expect((await get(rt.app, `${base}/requests.json?start_date=2026-11-01`)).json().map((i: any) => i.service_request_id)).toContain(code);
    expect((await get(rt.app, `${base}/servicerequestupdates.json`)).json()).toEqual([]);
  });

  it('refuses bad filters with 400 and unknown resources with 404', async () => {
    expectError(await get(rt.app, `${base}/requests.json?start_date=yesterday`), 400, 'json', 'start_date');
    expectError(await get(rt.app, `${base}/requests.xml?status=pending`), 400, 'xml');
    expectError(await get(rt.app, `${base}/requests.json?start_date=2026-11-05&end_date=2026-11-01`), 400, 'json');
    expectError(await get(rt.app, `${base}/requests.json?service_code=nope`), 400, 'json');
    expectError(await get(rt.app, `${base}/requests.json?limit=5000`), 400, 'json');
    expectError(await get(rt.app, `${base}/requests/YW20000101-NOPE.xml`), 404, 'xml');
    expectError(await get(rt.app, `${base}/nothing.json`), 404, 'json');
    expectError(await get(rt.app, `${base}/services/a/b.xml`), 404, 'xml');
    expectError(await post(rt.app, `${base}/services.json`, {}), 404, 'json');
  });
});

describe('masking of public output', () => {
  const personal = ['13912345678', 'wxm@example.com', '王小明', '解放西路', '88 号', 'https://img.example.com'];

  it('never shows the submitter\'s name, phone, e-mail, street address or media, in any GET, either format', async () => {
    const a = (await post(rt.app, `${base}/requests.json`, { ...validRequest(key), ...attrs })).json()[0];
    const b = (await post(rt.app, `${base}/requests.json`, { ...validRequest(key), ...attrs })).json()[0];
    const aId = await caseIdOf(rt.deps, a.service_request_id);
    const bId = await caseIdOf(rt.deps, b.service_request_id);
    await toAwaitingRating(rt.app, aId, '已办结。经办人已与王小明（13912345678，wxm@example.com）电话确认。');
    await toAwaitingRating(rt.app, bId, '已办结。经办人已与王小明（13912345678，wxm@example.com）电话确认。');
    // The reviewer left a phone number in the public text by mistake: the presenter masks it again.
    await publish(rt.deps, aId, { title: '施工许可审批超时', description: '企业反映审批超时，联系电话 13912345678。', reply: '已办结，已与王小明电话确认。' });

    const own = (await get(rt.app, `${base}/requests/${b.service_request_id}.json?api_key=${key}`)).json()[0];
    expect(own.status_notes).toContain('王**');
    expect(own.status_notes).toContain('139****5678');
    expect(own.status_notes).toContain('***@example.com');
    const pub = (await get(rt.app, `${base}/requests/${a.service_request_id}.json`)).json()[0];
    expect(pub.description).toContain('139****5678');
    expect(pub.status_notes).toBe('已办结，已与王**电话确认。');

    const urls = [
      'requests.json', 'requests.xml', `requests.json?api_key=${key}`, `requests.xml?api_key=${key}`,
      `requests/${a.service_request_id}.json`, `requests/${a.service_request_id}.xml`,
      `requests/${b.service_request_id}.json?api_key=${key}`, `requests/${b.service_request_id}.xml?api_key=${key}`,
      'servicerequestupdates.json', 'servicerequestupdates.xml', `servicerequestupdates.json?api_key=${key}`, `servicerequestupdates.xml?api_key=${key}`,
      `tokens/${a.token}.json`, 'services.json', 'services/approval.construction_permit.xml', 'discovery.json',
    ];
    for (const url of urls) {
      const r = await get(rt.app, `${base}/${url}`);
      expect(r.status, url).toBe(200);
      for (const p of personal) expect(r.text, `${url} shows ${p}`).not.toContain(p);
    }
    const listed = (await get(rt.app, `${base}/requests.json`)).json().map((i: any) => i.service_request_id);
    expect(listed).toContain(a.service_request_id);
    expect(listed).not.toContain(b.service_request_id);
  });
});
