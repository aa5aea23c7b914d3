import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// 重大事项报告: the admin defines a type with a deadline in working days, units file, the office acknowledges; on time
// and late are fixed at filing and counted per unit and month; each side sees its own.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime('2026-03-10T09:00:00+08:00');
});
afterAll(() => rt.close());

describe('major-matter reports', () => {
  it('files on time and late, acknowledges, counts per unit and month, scopes each side', async () => {
    const [admin, supervisor, zjj, fgw] = await Promise.all(['admin', 'supervisor', 'zjj-handler', 'fgw-handler'].map((u) => loginAs(rt.app, u)));
    const type = await admin.post('/api/major-report-types', { name: '重大安全事故', deadlineDays: 2, description: '事发后 2 个工作日内报告' });
    expect(type.status).toBe(201);
    expect((await admin.post('/api/major-report-types', { name: '重大安全事故', deadlineDays: 3 })).body.error.code).toBe('MAJOR_REPORT_TYPE_NAME_TAKEN');
    expect((await zjj.post('/api/major-report-types', { name: 'x', deadlineDays: 3 })).status).toBe(403);
    const audit = await rt.deps.database.db.selectFrom('admin_audit').select('action').where('action', '=', 'major_report_type.create').execute();
    expect(audit).toHaveLength(1);

    // Matter on Monday 9 March, 2 working days → due Wednesday 11 March; filed Tuesday 10 March: on time.
    const file = Buffer.from('现场照片说明').toString('base64');
    const onTime = await zjj.post('/api/major-reports', { typeId: type.body.id, title: '某工地塔吊倒塌', body: '无人员伤亡。', matterDate: '2026-03-09', files: [{ name: '说明.txt', contentBase64: file }] });
    expect(onTime.status).toBe(201);
    expect(onTime.body).toMatchObject({ isLate: false, files: [{ name: '说明.txt' }], acknowledgedAt: null });
    // A matter of 2 March filed on 10 March: late, accepted.
    const late = await fgw.post('/api/major-reports', { typeId: type.body.id, title: '项目资金风险', body: '说明。', matterDate: '2026-03-02' });
    expect(late.body.isLate).toBe(true);
    expect((await zjj.post('/api/major-reports', { typeId: type.body.id, title: 't', body: 'b', matterDate: '2026-04-01' })).body.error.code).toBe('MAJOR_REPORT_DATE_INVALID');
    expect((await zjj.post('/api/major-reports', { typeId: 9999, title: 't', body: 'b', matterDate: '2026-03-01' })).body.error.code).toBe('MAJOR_REPORT_TYPE_NOT_FOUND');

    // Scope: a unit sees its own only.
    expect((await zjj.get('/api/major-reports')).body.items.map((r: any) => r.id)).toEqual([onTime.body.id]);
    expect((await zjj.get(`/api/major-reports/${late.body.id}`)).status).toBe(404);
    expect((await supervisor.get('/api/major-reports?state=late')).body.items.map((r: any) => r.id)).toEqual([late.body.id]);
    const dl = await rt.app.inject({ method: 'GET', url: `/api/major-reports/${onTime.body.id}/files/0`, headers: { cookie: zjj.headers.cookie } });
    expect(dl.body).toBe('现场照片说明');

    expect((await zjj.post(`/api/major-reports/${onTime.body.id}/acknowledge`, {})).status).toBe(403);
    const ack = await supervisor.post(`/api/major-reports/${onTime.body.id}/acknowledge`, { note: '已阅，请跟进' });
    expect(ack.body).toMatchObject({ ackNote: '已阅，请跟进' });
    expect((await supervisor.post(`/api/major-reports/${onTime.body.id}/acknowledge`, {})).body.error.code).toBe('MAJOR_REPORT_ALREADY_ACKNOWLEDGED');
    const inbox = await rt.deps.database.db.selectFrom('notifications').select('event_type').where('user_id', '=', zjj.user.id).where('event_type', '=', 'major_report.acknowledged').execute();
    expect(inbox).toHaveLength(1);

    const stats = (await supervisor.get('/api/major-reports/stats?year=2026')).body.rows;
    expect(stats).toEqual(expect.arrayContaining([
      expect.objectContaining({ departmentName: '市住房和城乡建设局', month: '2026-03', filed: 1, onTime: 1, late: 0, acknowledged: 1 }),
      expect.objectContaining({ departmentName: '市发展和改革委员会', month: '2026-03', filed: 1, onTime: 0, late: 1, acknowledged: 0 }),
    ]));
    expect((await zjj.get('/api/major-reports/stats?year=2026')).body.rows).toHaveLength(1);
  });
});
