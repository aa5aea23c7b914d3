import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOf, newKey, post, toAwaitingRating } from './kit.js';

// GeoReport v2: phone, e-mail and the name are optional. An anonymous report with a place and a description is
// taken; nobody can be called back, and the follow-up figures count it as unreachable by design, not as a failed call.

let rt: TestRuntime;
let key: string;
const base = '/open311/v2';
const anonymous = (k: string, extra: Record<string, string> = {}) => ({
  api_key: k, service_code: 'approval.construction_permit', lat: '26.893912', long: '112.571998',
  description: '施工许可审批超过时限，一直没有答复。', ...extra,
});

beforeAll(async () => {
  rt = await testRuntime();
  key = await newKey(rt.app);
});
afterAll(() => rt.close());

describe('Open311 anonymous reports and case types', () => {
  it('takes a report with only a place and a description, in both formats; the submitter reads 匿名', async () => {
    for (const format of ['json', 'xml'] as const) {
      const r = await post(rt.app, `${base}/requests.${format}`, anonymous(key));
      expect(r.status).toBe(201);
      const code = format === 'json' ? r.json()[0].service_request_id : r.xml().service_requests.request[0].service_request_id;
      const row = await rt.deps.database.db.selectFrom('cases').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ submitter_name: '匿名', submitter_phone: '', channel: 'open311', case_type: 'complaint' });
    }
  });

  it('takes the case type from request_type (code or Chinese word) and refuses an unknown one', async () => {
    const r = await post(rt.app, `${base}/requests.json`, anonymous(key, { request_type: '咨询', description: '想咨询施工许可需要哪些材料？' }));
    expect(r.status).toBe(201);
    const row = await rt.deps.database.db.selectFrom('cases').select(['case_type']).where('code', '=', r.json()[0].service_request_id).executeTakeFirstOrThrow();
    expect(row.case_type).toBe('consultation');
    const bad = await post(rt.app, `${base}/requests.json`, anonymous(key, { request_type: 'gossip' }));
    expect(bad.status).toBe(400);
    expect(bad.json()[0].description).toContain('request_type');
    const badPhone = await post(rt.app, `${base}/requests.json`, anonymous(key, { phone: 'call me' }));
    expect(badPhone.status).toBe(400);
  });

  it('counts an answered anonymous case as having no phone, apart from calls, and never queues it for a call', async () => {
    const r = await post(rt.app, `${base}/requests.json`, anonymous(key, { description: '园区道路破损，多次反映无人处理。' }));
    const caseId = await caseIdOf(rt.deps, r.json()[0].service_request_id);
    await toAwaitingRating(rt.app, caseId);
    const supervisor = await loginAs(rt.app, 'supervisor');
    const stats = (await supervisor.get('/api/followups/stats?from=2026-01-01T00:00:00Z&to=2027-12-31T00:00:00Z')).body;
    expect(stats).toMatchObject({ calls: 0, notReached: 0, noPhone: 1 });
    const queue = (await supervisor.get('/api/followups/queue?state=all')).body;
    expect(JSON.stringify(queue)).not.toContain(r.json()[0].service_request_id);
    const intake = await loginAs(rt.app, 'intake');
    expect((await orgIds(intake)).dept('zjj')).toBeGreaterThan(0);
  });
});
