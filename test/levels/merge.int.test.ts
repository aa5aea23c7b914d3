import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processOutbox } from '../../src/server/modules/notifications/fan-out.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// A merge links both cases, keeps one handling track and tells both submitters by text message.
let rt: TestRuntime;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

describe('merging duplicates', () => {
  it('links both cases in their chains and texts both submitters the code that carries on', async () => {
    const cat = ids.category('approval.construction_permit');
    const first = await intake.post('/api/cases', { ...sampleCase(cat), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
    const second = await intake.post('/api/cases', sampleCase(cat, { submitterName: '李娜', submitterPhone: '13900139000' }));
    const [a, b] = [first.body, second.body];

    const r = await intake.post(`/api/cases/${b.id}/merge`, { duplicateOf: a.id });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'merged', duplicateOf: a.id, allowedActions: [] });

    // The case that keeps the track shows what was merged into it (and its cached page is fresh).
    const target = await intake.get(`/api/cases/${a.id}`);
    expect(target.body.status).toBe('dispatched');
    const received = target.body.events.find((e: any) => e.type === 'case.merge_received');
    expect(received.payload).toMatchObject({ caseId: b.id, code: b.code });

    await processOutbox(rt.deps);
    const sms = await rt.deps.database.db.selectFrom('notification_deliveries').select(['target', 'body', 'case_id'])
      .where('channel', '=', 'sms').where('user_id', 'is', null).orderBy('case_id').execute();
    expect(sms).toHaveLength(2);
    expect(sms.find((m) => m.case_id === b.id)).toMatchObject({ target: '13900139000' });
    expect(sms.find((m) => m.case_id === b.id)!.body).toContain(`请以编号 ${a.code} 查询办理进度`);
    expect(sms.find((m) => m.case_id === a.id)).toMatchObject({ target: '13800138000' });
    expect(sms.find((m) => m.case_id === a.id)!.body).toContain(b.code);
  });

  it('refuses merging into a case that no longer exists or was rejected', async () => {
    const cat = ids.category('approval.construction_permit');
    const x = (await intake.post('/api/cases', sampleCase(cat))).body;
    const y = (await intake.post('/api/cases', sampleCase(cat))).body;
    await intake.post(`/api/cases/${y.id}/reject`, { reason: '不属于受理范围' });
    expect((await intake.post(`/api/cases/${x.id}/merge`, { duplicateOf: y.id })).body.error.code).toBe('MERGE_TARGET_INVALID');
    expect((await intake.post(`/api/cases/${x.id}/merge`, { duplicateOf: 99_999_999 })).body.error.code).toBe('MERGE_TARGET_INVALID');
    expect((await intake.get(`/api/cases/${x.id}`)).body.status).toBe('submitted');
  });
});
