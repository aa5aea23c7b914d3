import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/server/modules/import/run-import.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { scratchDir } from '../import/fixtures.js';
import { newKey, post as open311Post, validRequest } from '../open311/kit.js';
import { goodSubmission, publicGet, publicPost, submit } from '../portal/kit.js';

// Issue 3, done when: a problem brought in by the phone portal, a hotline operator, an imported file and an Open311
// client each appears on the staff side at once and, once approved, on the public board, masked; the submitter
// rates it from the tracking link.
let rt: TestRuntime;
let intake: Client, supervisor: Client, handler: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  [intake, supervisor, handler] = await Promise.all(['intake', 'supervisor', 'zjj-handler'].map((u) => loginAs(rt.app, u)));
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

const personal = ['13907341234', '13800138000', '13912345678', '13700137001', 'wxm@example.com', '李明华', '张伟', '王小明', '赵红梅'];

describe('every channel in, one public board out', () => {
  it('portal, hotline, import and Open311 cases reach the desk at once and the board masked once approved', async () => {
    const cat = ids.category('approval.construction_permit');
    const codes: Record<string, string> = {};

    // 1. The phone portal (no account).
    const portal = await submit(rt.app, goodSubmission(cat, { description: '厂房扩建施工许可证超过法定时限仍未办结。联系人李明华，电话13907341234。' }), 'channel-portal-1');
    expect(portal.status).toBe(201);
    codes.portal = portal.body.code;
    const token = portal.body.trackingToken as string;

    // 2. A hotline operator.
    const hotline = await intake.post('/api/cases', {
      ...sampleCase(cat, { title: '施工许可材料反复退回', description: '来电人张伟反映施工许可材料被反复退回，电话13800138000。', isPublic: true }),
      dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] },
    });
    expect(hotline.status).toBe(201);
    codes.hotline = hotline.body.code;

    // 3. An Open311 client.
    const key = await newKey(rt.app);
    const o311 = await open311Post(rt.app, '/open311/v2/requests.json', validRequest(key));
    expect(o311.status).toBe(201);
    codes.open311 = o311.json()[0].service_request_id;

    // 4. An imported file: a finished 12345 record whose submitter agreed to publication.
    const dir = scratchDir();
    const file = path.join(dir, 'history.csv');
    writeFileSync(file, '\uFEFF工单编号,留言主题,留言详情,留言时间,承办单位,状态,答复意见,满意度,办结时间,联系电话,诉求人,类别,是否公开\n'
      + 'HX-77,施工许可证迟迟不发,赵红梅反映施工许可证迟迟不发，电话13700137001。,2026-10-08 09:30,市住建局,已办结,已核发施工许可证。,满意,2026-10-12 16:00,13700137001,赵红梅,施工许可,是\n');
    const imported = await runImport(rt.deps, { filePath: file, fileName: 'history.csv', source: '12345', mapping: {}, actor: { userId: null, role: 'system', departmentId: null } });
    expect(imported.counts).toMatchObject({ created: 1, failed: 0 });

    // Every one is on the staff side at once.
    const all = (await supervisor.get('/api/cases?view=all&limit=100')).body.items as { id: number; code: string; channel: string }[];
    const idOf: Record<string, number> = {};
    for (const [channel, code] of Object.entries(codes)) {
      const hit = all.find((c) => c.code === code);
      expect(hit, channel).toBeDefined();
      idOf[channel] = hit!.id;
    }
    const importedCase = all.find((c) => c.channel === 'import');
    expect(importedCase).toBeDefined();
    codes.import = importedCase!.code;
    idOf.import = importedCase!.id;

    // The portal and Open311 cases wait at the desk (no rule, no model in this database); the desk dispatches them.
    for (const channel of ['portal', 'open311']) {
      const c = (await intake.get(`/api/cases/${idOf[channel]}`)).body;
      if (c.status === 'submitted') expect((await intake.post(`/api/cases/${idOf[channel]}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] })).status).toBe(200);
    }

    // Nothing is public before a supervisor approves it.
    const before = (await publicGet(rt.app, '/api/public/board')).body;
    expect(before.items).toEqual([]);

    // The supervisor approves each candidate with its automatically masked text.
    for (const channel of ['portal', 'hotline', 'open311', 'import']) {
      const detail = await supervisor.get(`/api/publication/cases/${idOf[channel]}`);
      expect(detail.status, channel).toBe(200);
      const approved = await supervisor.post(`/api/publication/cases/${idOf[channel]}/approve`, {
        publicTitle: detail.body.auto.title.masked, publicDescription: detail.body.auto.description.masked,
      });
      expect(approved.status, `${channel}: ${JSON.stringify(approved.body)}`).toBe(200);
    }

    // All four are on the board, and nothing personal shows anywhere on it.
    const board = await publicGet(rt.app, '/api/public/board');
    const onBoard = (board.body.items as { code: string }[]).map((i) => i.code);
    expect(onBoard.sort()).toEqual(Object.values(codes).sort());
    const pages = [JSON.stringify(board.body)];
    for (const code of onBoard) pages.push(JSON.stringify((await publicGet(rt.app, `/api/public/board/cases/${code}`)).body));
    for (const text of pages) for (const p of personal) expect(text).not.toContain(p);

    // The portal's submitter rates from the private tracking link once the reply is approved.
    await handler.post(`/api/cases/${idOf.portal}/sign`);
    expect((await handler.post(`/api/cases/${idOf.portal}/reply`, { text: '已协调窗口办结施工许可证。' })).status).toBe(200);
    expect((await supervisor.post(`/api/cases/${idOf.portal}/approve-reply`)).status).toBe(200);
    const rated = await publicPost(rt.app, `/api/public/track/${token}/rate`, { rating: 'satisfied', comment: '办得快' });
    expect(rated.status).toBe(200);
    expect((await intake.get(`/api/cases/${idOf.portal}`)).body).toMatchObject({ status: 'closed', rating: 'satisfied' });
  });
});
