import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCommand } from '../../src/server/modules/calendar/cli.js';
import type { Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { handlingCase, loginAll, type Staff } from '../supervision/kit.js';
import { newKey, post as o311post, validRequest } from '../open311/kit.js';

// Issue 16, headers and input hygiene: NUL and control characters, bytes that are not UTF-8, dates that do not exist.

let rt: TestRuntime;
let as: Record<Staff, Client>;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
let key: string;
const nul = '\u0000';

const count = async (table: 'cases' | 'case_events') =>
  Number((await rt.deps.database.db.selectFrom(table).select(rt.deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  rt = await testRuntime();
  as = await loginAll(rt.app);
  intake = as.intake;
  ids = await orgIds(intake);
  key = await newKey(rt.app);
});
afterAll(() => rt.close());

const raw = (method: 'GET' | 'POST', url: string, payload?: Buffer | string, headers: Record<string, string> = {}) =>
  rt.app.inject({ method, url, payload, headers });

describe('NUL and control characters: 400 with a stable code, nothing written', () => {
  it('NUL in query, path and body parameters answers 400 TEXT_CONTROL_CHARACTER, never 500', async () => {
    const before = [await count('cases'), await count('case_events')];
    const enc = encodeURIComponent(nul);
    const gets = [
      `/api/cases?q=a${enc}b`,
      `/api/cases?cursor=${enc}`,
      `/api/public/board?q=${enc}`,
      `/api/public/board?cursor=x${enc}`,
      `/api/public/board/cases/YW${enc}1`,
      `/api/public/track/${enc}abc`,
      `/api/publication/queue?q=${enc}`,
      `/api/assessment/periods/2026-10${enc}`,
    ];
    for (const url of gets) {
      const r = url.startsWith('/api/public/') ? await raw('GET', url) : await as.supervisor.get(url);
      const status = 'statusCode' in r ? r.statusCode : r.status;
      const body = 'statusCode' in r ? r.json() : r.body;
      expect([url, status, body.error?.code]).toEqual([url, 400, 'TEXT_CONTROL_CHARACTER']);
    }
    const posts: [Client | null, string, object][] = [
      [intake, '/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), title: `标题${nul}` }],
      [intake, '/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), address: `解放路${nul}88 号` }],
      [null, '/api/auth/login', { username: `admin${nul}`, password: 'x' }],
      [null, '/api/public/cases', { categoryId: ids.category('approval.construction_permit'), title: `标题${nul}`, description: '描述内容足够长的诉求说明文字', submitterName: '王', submitterPhone: '13912345678' }],
      [null, '/api/public/similar', { text: `a${nul}` }],
      [null, '/api/public/track/lookup', { code: `YW${nul}`, phoneLast4: '1234' }],
    ];
    for (const [client, url, body] of posts) {
      const r = client ? await client.post(url, body) : await raw('POST', url, JSON.stringify(body), { 'content-type': 'application/json' }).then((x) => ({ status: x.statusCode, body: x.json() }));
      expect([url, r.status, r.body.error?.code]).toEqual([url, 400, 'TEXT_CONTROL_CHARACTER']);
      expect(r.body.error.message).toMatch(/控制字符/);
    }
    expect([await count('cases'), await count('case_events')]).toEqual(before);
  });

  it('other C0 control characters are refused; tab, line feed and carriage return are kept', async () => {
    for (const c of ['\u0001', '\u0007', '\u000B', '\u001B', '\u001F', '\uFFFF', '\uD800']) {
      const r = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), description: `问题描述${c}足够长的说明` });
      expect([c.charCodeAt(0), r.status, r.body.error.code]).toEqual([c.charCodeAt(0), 400, 'TEXT_CONTROL_CHARACTER']);
      expect(r.body.error.details[0].field).toBe('description');
    }
    const ok = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), description: '第一行\t说明\r\n第二行 😀' });
    expect(ok.status).toBe(201);
    expect((await intake.get(`/api/cases/${ok.body.id}`)).body.description).toBe('第一行\t说明\r\n第二行 😀');
  });

  it('Open311 parameters are held to the same rule', async () => {
    const before = await count('cases');
    const form = await o311post(rt.app, '/open311/v2/requests.json', validRequest(key, { description: `施工许可审批超时${nul}` }));
    expect(form.status).toBe(400);
    expect(form.json()[0].description).toMatch(/控制字符/);
    const json = await o311post(rt.app, '/open311/v2/requests.xml', validRequest(key, { address_string: `解放西路\u0002` }), 'json');
    expect(json.status).toBe(400);
    const q = await raw('GET', `/open311/v2/requests.json?service_request_id=${encodeURIComponent(`YW${nul}`)}`);
    expect(q.statusCode).toBe(400);
    expect(await count('cases')).toBe(before);
  });
});

describe('bytes that are not UTF-8 are refused, not stored as replacement characters', () => {
  // 你好 in GBK: C4 E3 BA C3.
  const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);

  it('a JSON body in GBK answers 400 INVALID_UTF8 and writes nothing', async () => {
    const before = await count('cases');
    const text = JSON.stringify({ ...sampleCase(ids.category('approval.construction_permit')), title: 'TITLE' });
    const [head, tail] = text.split('TITLE');
    const body = Buffer.concat([Buffer.from(head), gbk, Buffer.from(tail)]);
    const r = await intake.post('/api/cases', body, { 'content-type': 'application/json; charset=utf-8' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'INVALID_UTF8', message: '请求内容不是有效的 UTF-8 编码，请以 UTF-8 提交' });
    const pub = await raw('POST', '/api/public/cases', Buffer.concat([Buffer.from('{"title":"'), gbk, Buffer.from('"}')]), { 'content-type': 'application/json' });
    expect([pub.statusCode, pub.json().error.code]).toEqual([400, 'INVALID_UTF8']);
    expect(await count('cases')).toBe(before);
  });

  it('percent-encoded GBK in a query string or an Open311 form answers 400', async () => {
    const r = await raw('GET', '/api/public/board?q=%C4%E3%BA%C3');
    expect([r.statusCode, r.json().error.code]).toEqual([400, 'INVALID_UTF8']);
    expect((await raw('GET', '/api/public/board?q=%E4%BD%A0%E5%A5%BD')).statusCode).toBe(200);
    const before = await count('cases');
    const form = new URLSearchParams(validRequest(key) as Record<string, string>).toString().replace(/description=[^&]*/, 'description=%C4%E3%BA%C3%CA%A9%B9%A4');
    const o = await raw('POST', '/open311/v2/requests.json', form, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(o.statusCode).toBe(400);
    const rawBytes = await raw('POST', '/open311/v2/requests.json', Buffer.concat([Buffer.from(`api_key=${key}&description=`), gbk]), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(rawBytes.statusCode).toBe(400);
    expect(await count('cases')).toBe(before);
  });
});

describe('dates that do not exist are refused', () => {
  it('2026-02-30 in an extension request, a supervision deadline, follow-up statistics and Open311', async () => {
    const caseId = await handlingCase(as);
    const ext = await as['zjj-handler'].post(`/api/cases/${caseId}/request-extension`, { until: '2026-02-30', reason: '需现场核查' });
    expect([ext.status, ext.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(ext.body.error.details[0]).toMatchObject({ field: 'until' });
    const extTime = await as['zjj-handler'].post(`/api/cases/${caseId}/request-extension`, { until: '2026-11-31T10:00:00+08:00', reason: '需现场核查' });
    expect(extTime.status).toBe(400);
    const order = await as.supervisor.post(`/api/cases/${caseId}/orders`, { departmentId: ids.dept('zjj'), demands: '请书面答复', deadline: { date: '2026-02-30' } });
    expect(order.status).toBe(400);
    const stats = await as.supervisor.get('/api/followups/stats?from=2026-02-30&to=2026-03-31');
    expect(stats.status).toBe(400);
    const o = await raw('GET', '/open311/v2/requests.json?start_date=2026-02-30T00:00:00Z');
    expect(o.statusCode).toBe(400);
    // Real dates still pass.
    expect((await as.supervisor.get('/api/followups/stats?from=2026-02-28&to=2026-03-31')).status).toBe(200);
    expect((await raw('GET', '/open311/v2/requests.json?start_date=2024-02-29T00:00:00Z')).statusCode).toBe(200);
  });

  it('`yiwang calendar add --from` refuses 2024-02-30 rather than counting from 1 March', () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(addCommand(rt.deps, { from: '2024-02-30T10:00:00+08:00', days: '3' }, io)).toBe(1);
    expect(lines.join('\n')).toContain('--from');
    expect(addCommand(rt.deps, { from: '2024-02-29T10:00:00+08:00', days: '3' }, io)).toBe(0);
  });
});
