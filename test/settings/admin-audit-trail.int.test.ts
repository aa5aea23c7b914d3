import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { loginAs } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// 城市设置 and 安全审计: the settings change is recorded; every existing admin command records its change in the same
// transaction (one row per command, no secret); the list filters and its Excel export read back.

let rt: TestRuntime;
beforeAll(async () => {
  // The webhook below points at this machine (never delivered): allow it as the delivery tests do.
  process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE = '127.0.0.1/32';
  rt = await testRuntime();
});
afterAll(async () => {
  delete process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE;
  await rt.close();
});

/** A signed-in request with any method (the kit's client has GET and POST only). */
async function session(app: FastifyInstance, username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword }, remoteAddress: '198.51.100.7' });
  const cookie = `yw_session=${res.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  return (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, payload: payload as object, remoteAddress: '198.51.100.7', headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) } });
}

const lastEntry = async () => rt.deps.database.db.selectFrom('admin_audit').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();

describe('city settings', () => {
  it('the seeded (demo) platform is Hengyang; staff read the settings, the public reads no personal data', async () => {
    const admin = await session(rt.app, 'admin');
    const s = (await admin('GET', '/api/settings')).json();
    expect(s).toMatchObject({ cityName: '衡阳市', divisionCode: '430400', hotlineName: '12345' });
    const pub = (await rt.app.inject({ method: 'GET', url: '/api/public/settings' })).json();
    expect(Object.keys(pub).sort()).toEqual(['cityName', 'hasLogo', 'hotlineName', 'initialised', 'siteTitle']);
  });

  it('PUT needs settings:manage, checks the code and the logo, and is recorded as city.settings', async () => {
    const handler = await session(rt.app, 'zjj-handler');
    const body = { cityName: '衡阳市', divisionCode: '430400', hotlineName: '12345热线', smsSignature: '衡阳营商', siteTitle: '衡阳市一网督办' };
    expect((await handler('PUT', '/api/settings', body)).statusCode).toBe(403);
    const admin = await session(rt.app, 'admin');
    expect((await admin('PUT', '/api/settings', { ...body, divisionCode: '4304' })).json().error.code).toBe('CITY_CODE_INVALID');
    const fakePng = { contentType: 'image/png', base64: Buffer.from('<svg onload=alert(1)>').toString('base64') };
    expect((await admin('PUT', '/api/settings', { ...body, logo: fakePng })).json().error.code).toBe('LOGO_INVALID');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5dd2b5f0000000049454e44ae426082', 'hex');
    const r = await admin('PUT', '/api/settings', { ...body, logo: { contentType: 'image/png', base64: png.toString('base64') } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ hotlineName: '12345热线', smsSignature: '衡阳营商', hasLogo: true });
    const logo = await rt.app.inject({ method: 'GET', url: '/api/public/logo' });
    expect(logo.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(logo.rawPayload, png)).toBe(0);
    const e = await lastEntry();
    expect(e).toMatchObject({ action: 'city.settings', target_type: 'city', address: '198.51.100.7' });
    expect(e.before).toMatchObject({ hotlineName: '12345', smsSignature: '衡阳市优化营商环境' });
    expect(e.after).toMatchObject({ hotlineName: '12345热线', smsSignature: '衡阳营商' });
    // The texts follow at once in this process: the public title.
    expect((await rt.app.inject({ method: 'GET', url: '/api/public/settings' })).json().siteTitle).toBe('衡阳市一网督办');
  });
});

describe('existing admin commands record their changes', () => {
  it('each command writes one audit row of its action, in its transaction, without secrets', async () => {
    const admin = await session(rt.app, 'admin');
    const client = await loginAs(rt.app, 'admin');
    const ids = await orgIds(client);
    const org = (await client.get('/api/org')).body;
    const leaf = org.categories.find((c: any) => c.parentId !== null && !org.categories.some((x: any) => x.parentId === c.id));
    const scheme = (await admin('GET', '/api/assessment/scheme')).json().current.scheme;
    let ruleId = 0;
    let keyId = 0;
    let webhookId = 0;
    const commands: [string, () => Promise<{ statusCode: number; json(): any }>][] = [
      ['calendar.update', () => admin('POST', '/api/calendar/working-hours', { periods: [['08:30', '12:00'], ['14:00', '17:30']] })],
      ['policy.update', () => admin('POST', '/api/policies', { categoryId: null, urgency: 'urgent', sign: { value: 1, unit: 'days' }, opinion: { value: 2, unit: 'days' }, reply: { value: 5, unit: 'days' }, rating: { value: 3, unit: 'days' }, warningShare: 0.7 })],
      ['routing.rule', async () => {
        const r = await admin('POST', '/api/routing/rules', { name: '审计测试规则', keywords: ['施工许可'], leadDepartmentId: ids.dept('zjj') });
        ruleId = r.json().id;
        return r;
      }],
      ['routing.rule', () => admin('POST', `/api/routing/rules/${ruleId}/delete`)],
      ['routing.settings', () => admin('POST', '/api/routing/settings', { autoDispatch: false, threshold: 0.9 })],
      ['webhook.update', async () => {
        const r = await admin('POST', '/api/admin/webhooks', { name: '审计测试推送', url: 'http://127.0.0.1:9/none', eventTypes: ['case.dispatched'], isActive: true });
        webhookId = r.json().id;
        return r;
      }],
      ['webhook.update', () => admin('POST', `/api/admin/webhooks/${webhookId}`, { rotateSecret: true, isActive: false })],
      ['open311.key', async () => {
        const r = await admin('POST', '/api/open311/keys', { name: '审计测试 App' });
        keyId = r.json().key.id;
        return r;
      }],
      ['open311.key', () => admin('POST', `/api/open311/keys/${keyId}/revoke`)],
      ['open311.attributes', () => admin('POST', `/api/open311/services/${leaf.id}/attributes`, { code: 'audit_q', datatype: 'string', description: '审计测试问题' })],
      ['assessment.scheme', () => admin('POST', '/api/assessment/scheme', { scheme, note: '审计测试' })],
      ['system.backup', () => admin('POST', '/api/admin/backup')],
    ];
    for (const [action, run] of commands) {
      const before = (await lastEntry()).seq;
      const r = await run();
      expect(r.statusCode, `${action}: ${r.statusCode}`).toBeLessThan(300);
      const rows = await rt.deps.database.db.selectFrom('admin_audit').selectAll().where('seq', '>', before).execute();
      expect(rows.map((x) => x.action), action).toEqual([action]);
      expect(rows[0]).toMatchObject({ address: '198.51.100.7', actor_name: expect.stringContaining('admin') });
      const text = JSON.stringify([rows[0].before, rows[0].after]);
      expect(text, action).not.toMatch(/whsec_|yw311_[A-Za-z0-9_-]{20,}|\$argon2/);
    }
    const verify = (await admin('GET', '/api/admin/audit/verify')).json();
    expect(verify).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(verify.message).toContain('校验通过');
  });
});

describe('the audit list', () => {
  it('filters by action, target type, actor, text and Beijing date, pages by seq, and exports what it shows', async () => {
    const admin = await session(rt.app, 'admin');
    const handler = await session(rt.app, 'zjj-handler');
    expect((await handler('GET', '/api/admin/audit')).statusCode).toBe(403);
    const all = (await admin('GET', '/api/admin/audit?limit=200')).json();
    expect(all.items.length).toBeGreaterThanOrEqual(13);
    expect(all.items.map((i: any) => i.seq)).toEqual([...all.items.map((i: any) => i.seq)].sort((a, b) => b - a));
    const byAction = (await admin('GET', '/api/admin/audit?action=open311.key')).json();
    expect(byAction.items.map((i: any) => i.actionLabel)).toEqual(['管理接口密钥', '管理接口密钥']);
    const byType = (await admin('GET', '/api/admin/audit?targetType=routing')).json();
    expect(new Set(byType.items.map((i: any) => i.action))).toEqual(new Set(['routing.rule', 'routing.settings']));
    const byText = (await admin('GET', `/api/admin/audit?q=${encodeURIComponent('审计测试规则')}`)).json();
    expect(byText.items).toHaveLength(2);
    const adminId = (await rt.deps.database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    expect((await admin('GET', `/api/admin/audit?actorUserId=${adminId}&limit=200`)).json().items).toHaveLength(all.items.length);
    // The test clock is 2026-11-02 09:00 Beijing time: the rows are on that day, none the day before.
    expect((await admin('GET', '/api/admin/audit?from=2026-11-02&to=2026-11-02&limit=200')).json().items).toHaveLength(all.items.length);
    expect((await admin('GET', '/api/admin/audit?from=2026-11-01&to=2026-11-01')).json().items).toHaveLength(0);
    expect((await admin('GET', '/api/admin/audit?from=2026-11-03&to=2026-11-01')).json().error.code).toBe('ADMIN_AUDIT_QUERY_INVALID');
    // Keyset paging: two pages of 5 are the first 10.
    const p1 = (await admin('GET', '/api/admin/audit?limit=5')).json();
    const p2 = (await admin('GET', `/api/admin/audit?limit=5&before=${p1.nextBefore}`)).json();
    expect([...p1.items, ...p2.items].map((i: any) => i.seq)).toEqual(all.items.slice(0, 10).map((i: any) => i.seq));

    const exp = await admin('GET', '/api/admin/audit/export?targetType=routing');
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('安全审计')!;
    expect(ws.getRow(1).getCell(2).value).toBe('时间');
    expect(ws.rowCount - 1).toBe(byType.items.length);
    const actions = new Set<string>();
    ws.eachRow((row, n) => { if (n > 1) actions.add(String(row.getCell(5).value)); });
    expect(actions).toEqual(new Set(['修改分派规则', '修改自动分派设置']));
    const changeCells: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) changeCells.push(String(row.getCell(8).value)); });
    expect(changeCells.join('\n')).toContain('0.85 → 0.9');
  });
});
