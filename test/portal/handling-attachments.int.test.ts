import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOfCode, files, goodSubmission, publicGet, publicIds, staffUpload, submit, upload } from './kit.js';

// Attachments on staff events (reply, opinion, extension and return requests, order answers) and batch work in the
// three queues (dispatch, sign, approve reply): one transaction per case, each refusal listed.

type Staff = Client & { headers: Record<string, string> };
let rt: TestRuntime;
let intake: Staff, supervisor: Staff, zjj: Staff, xzsp: Staff, scjg: Staff;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  [intake, supervisor, zjj, xzsp, scjg] = await Promise.all(['intake', 'supervisor', 'zjj-handler', 'xzsp-handler', 'scjg-handler'].map((u) => loginAs(rt.app, u)));
  ids = await orgIds(intake);
});
afterAll(async () => rt?.close());

async function dispatched(co: number[] = [], lead = ids.dept('zjj')): Promise<number> {
  const c = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
  expect(c.status).toBe(201);
  const d = await intake.post(`/api/cases/${c.body.id}/dispatch`, { leadDepartmentId: lead, coDepartmentIds: co });
  expect(d.status).toBe(200);
  return c.body.id;
}

const ok = (r: { status: number; body: any }, status = 200) => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const attachmentRows = (caseId: number) => rt.deps.database.db.selectFrom('case_attachments')
  .select(['id', 'case_id', 'origin', 'event_seq', 'event_type', 'visibility', 'uploaded_by']).where('upload_case_id', '=', caseId).orderBy('id').execute();

describe('attachments on staff events', () => {
  it('a reply carries files: checked by content, linked to its event, the submitter sees only their own and the reply\'s files for them', async () => {
    const ipd = await publicIds(rt.app);
    const own = (await upload(rt.app, '现场.png', files.png, 'image/png')).body.token;
    const s = await submit(rt.app, goodSubmission(ipd.construction, { attachments: [own], description: '附件答复测试：施工许可证超时未办，附现场照片。' }), 'handling-att-1');
    expect(s.status).toBe(201);
    const caseId = await caseIdOfCode(rt.app, intake, s.body.code);
    const status = ok(await intake.get(`/api/cases/${caseId}`)).status;
    if (status === 'submitted') ok(await intake.post(`/api/cases/${caseId}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] }));
    ok(await zjj.post(`/api/cases/${caseId}/sign`));

    // Hostile files are refused from their bytes whatever their name and claimed type; nothing is kept.
    for (const [name, bytes] of [['回复.png', files.exe], ['说明.pdf', files.zip], ['说明.jpg', files.text]] as const) {
      const r = await staffUpload(rt.app, zjj, caseId, name, bytes, 'image/png');
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    }
    expect(await attachmentRows(caseId)).toHaveLength(0);
    // Another unit cannot upload to a case it was never given.
    const foreign = await staffUpload(rt.app, scjg, caseId, '别家.png', files.png);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('CASE_NOT_FOUND');

    const photo = ok(await staffUpload(rt.app, zjj, caseId, '整改后现场.png', files.png), 201);
    const memo = ok(await staffUpload(rt.app, zjj, caseId, '内部核查记录.pdf', files.pdf, 'application/pdf'), 201);
    expect(photo).toMatchObject({ fileName: '整改后现场.png', mime: 'image/png' });
    // An unused upload is not the case's yet: staff lists and the tracking page do not show it.
    expect(ok(await zjj.get(`/api/cases/${caseId}/attachments`)).items.map((a: any) => a.origin)).toEqual(['submitter']);

    // Another user cannot send this user's upload; a file named twice or an unknown one is refused with nothing written.
    const stolen = await supervisor.post(`/api/cases/${caseId}/reply`, { text: 'x', attachments: [{ id: photo.id }] });
    expect(stolen.status).toBe(403);
    // Even a colleague of the same unit, who may reply, cannot send a file someone else uploaded.
    const colleague = await (await loginAs(rt.app, 'zjj-head')).post(`/api/cases/${caseId}/reply`, { text: '已办结', attachments: [{ id: photo.id }] });
    expect(colleague.status).toBe(422);
    expect(colleague.body.error.code).toBe('ATTACHMENT_NOT_USABLE');
    const events = ok(await zjj.get(`/api/cases/${caseId}`)).events.length;
    for (const attachments of [[{ id: 999_999 }], [{ id: photo.id }, { id: photo.id }]]) {
      const r = await zjj.post(`/api/cases/${caseId}/reply`, { text: '已办结', attachments });
      expect(r.status).toBe(422);
      expect(['ATTACHMENT_NOT_USABLE', 'ATTACHMENTS_INVALID']).toContain(r.body.error.code);
    }
    expect(ok(await zjj.get(`/api/cases/${caseId}`)).events).toHaveLength(events);

    const replied = ok(await zjj.post(`/api/cases/${caseId}/reply`, {
      text: '经核查，施工许可证已于本周办结，整改照片见附件。', attachments: [{ id: photo.id }, { id: memo.id, visibility: 'internal' }],
    }));
    const ev = replied.events.at(-1);
    expect(ev.type).toBe('case.replied');
    expect(ev.payload.attachments).toEqual([{ id: photo.id, visibility: 'submitter' }, { id: memo.id, visibility: 'internal' }]);
    const rows = await attachmentRows(caseId);
    expect(rows.map((r) => [Number(r.id), Number(r.case_id), r.event_seq, r.event_type, r.visibility])).toEqual([
      [photo.id, caseId, ev.seq, 'case.replied', 'submitter'],
      [memo.id, caseId, ev.seq, 'case.replied', 'internal'],
    ]);

    // Before the reply is approved the submitter sees only their own photo.
    const token = s.body.trackingToken;
    let t = ok(await publicGet(rt.app, `/api/public/track/${token}`));
    expect(t.attachments.map((a: any) => a.kind)).toEqual(['own']);
    expect((await publicGet(rt.app, `/api/public/track/${token}/attachments/${photo.id}`)).status).toBe(404);

    ok(await supervisor.post(`/api/cases/${caseId}/approve-reply`));
    t = ok(await publicGet(rt.app, `/api/public/track/${token}`));
    expect(t.attachments.map((a: any) => [a.kind, a.fileName])).toEqual([['own', '现场.png'], ['reply', '整改后现场.png']]);
    expect(t.attachmentCount).toBe(1);
    const file = await rt.app.inject({ method: 'GET', url: `/api/public/track/${token}/attachments/${photo.id}?inline=1` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, files.png)).toBe(0);
    const ownId = t.attachments[0].id;
    expect((await rt.app.inject({ method: 'GET', url: `/api/public/track/${token}/attachments/${ownId}` })).statusCode).toBe(200);
    // The internal note stays with staff.
    expect((await rt.app.inject({ method: 'GET', url: `/api/public/track/${token}/attachments/${memo.id}` })).statusCode).toBe(404);
    expect((await rt.app.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments/${memo.id}`, headers: zjj.headers })).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments/${memo.id}`, headers: scjg.headers })).statusCode).toBe(404);
  });

  it('an opinion, an extension request, a return request and an order answer carry internal files only', async () => {
    const caseId = await dispatched([ids.dept('xzsp')]);
    ok(await zjj.post(`/api/cases/${caseId}/sign`));
    ok(await xzsp.post(`/api/cases/${caseId}/sign`));

    const shown = ok(await staffUpload(rt.app, xzsp, caseId, '意见附图.png', files.png), 201);
    const wrong = await xzsp.post(`/api/cases/${caseId}/opinion`, { text: '同意主办意见', attachments: [{ id: shown.id, visibility: 'submitter' }] });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('ATTACHMENTS_INVALID');
    const opinion = ok(await xzsp.post(`/api/cases/${caseId}/opinion`, { text: '同意主办意见', attachments: [{ id: shown.id }] }));
    expect(opinion.events.at(-1)).toMatchObject({ type: 'case.opinion_given', payload: { attachments: [{ id: shown.id, visibility: 'internal' }] } });

    const plan = ok(await staffUpload(rt.app, zjj, caseId, '延期说明.pdf', files.pdf, 'application/pdf'), 201);
    const until = new Date(rt.clock.now().getTime() + 60 * 86_400_000).toISOString();
    const ext = ok(await zjj.post(`/api/cases/${caseId}/request-extension`, { until, reason: '需补充勘验', attachments: [{ id: plan.id }] }));
    expect(ext.events.at(-1)).toMatchObject({ type: 'case.extension_requested', payload: { attachments: [{ id: plan.id, visibility: 'internal' }] } });

    const order = ok(await supervisor.post(`/api/cases/${caseId}/orders`, { departmentId: ids.dept('zjj'), demands: '请书面答复', deadline: { workingDays: 5 } }), 201);
    const proof = ok(await staffUpload(rt.app, zjj, caseId, '督办答复.png', files.png), 201);
    // Used once: a file already carried by the extension request cannot ride on the answer too.
    const again = await zjj.post(`/api/supervision/orders/${order.id}/answer`, { text: '已约谈窗口负责人', attachments: [{ id: proof.id }, { id: plan.id }] });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('ATTACHMENT_NOT_USABLE');
    ok(await zjj.post(`/api/supervision/orders/${order.id}/answer`, { text: '已约谈窗口负责人', attachments: [{ id: proof.id }] }));

    const other = await dispatched([], ids.dept('scjg'));
    ok(await scjg.post(`/api/cases/${other}/sign`));
    const basis = ok(await staffUpload(rt.app, scjg, other, '职责依据.pdf', files.pdf, 'application/pdf'), 201);
    const ret = ok(await scjg.post(`/api/cases/${other}/request-return`, { reason: '不属本单位职责', basis: '三定方案', attachments: [{ id: basis.id }] }));
    expect(ret.events.at(-1)).toMatchObject({ type: 'case.return_requested', payload: { attachments: [{ id: basis.id, visibility: 'internal' }] } });

    const listed = ok(await zjj.get(`/api/cases/${caseId}/attachments`)).items;
    expect(listed.map((a: any) => [a.fileName, a.eventType, a.visibility])).toEqual([
      ['意见附图.png', 'case.opinion_given', 'internal'],
      ['延期说明.pdf', 'case.extension_requested', 'internal'],
      ['督办答复.png', 'case.order_answered', 'internal'],
    ]);
    // The chain still verifies with the new payloads.
    const audit = await supervisor.get(`/api/cases/${caseId}`);
    expect(audit.body.events.find((e: any) => e.type === 'case.order_answered').payload.attachments).toEqual([{ id: proof.id, visibility: 'internal' }]);
  });
});

describe('batch work', () => {
  it('dispatches several waiting cases at once; each case its own transaction, refusals listed', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push(ok(await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit'))), 201).id);
    // One of them is rejected first: it is no longer waiting.
    ok(await intake.post(`/api/cases/${made[2]}/reject`, { reason: '重复来电' }));
    const r = ok(await intake.post('/api/cases/batch/dispatch', { caseIds: [made[0], made[1], made[2], 999_999], leadDepartmentId: ids.dept('zjj') }));
    expect(r.results).toEqual([
      { caseId: made[0], ok: true, code: null, message: null },
      { caseId: made[1], ok: true, code: null, message: null },
      { caseId: made[2], ok: false, code: 'CASE_TRANSITION_NOT_ALLOWED', message: '诉求当前状态不允许此操作' },
      { caseId: 999_999, ok: false, code: 'CASE_NOT_FOUND', message: '诉求不存在或无权查看' },
    ]);
    expect(ok(await intake.get(`/api/cases/${made[0]}`)).status).toBe('dispatched');
    expect(ok(await intake.get(`/api/cases/${made[2]}`)).status).toBe('rejected');
    // Bad input: an empty list, too many cases, a department missing.
    expect((await intake.post('/api/cases/batch/dispatch', { caseIds: [], leadDepartmentId: ids.dept('zjj') })).status).toBe(400);
    expect((await intake.post('/api/cases/batch/dispatch', { caseIds: Array.from({ length: 101 }, (_, i) => i + 1), leadDepartmentId: ids.dept('zjj') })).status).toBe(400);
    const noDept = ok(await intake.post('/api/cases/batch/dispatch', { caseIds: [ok(await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit'))), 201).id], leadDepartmentId: 999_999 }));
    expect(noDept.results[0]).toMatchObject({ ok: false, code: 'DEPARTMENT_NOT_FOUND' });
    // A department cannot dispatch.
    expect((await zjj.post('/api/cases/batch/dispatch', { caseIds: [made[0]], leadDepartmentId: ids.dept('zjj') })).body.results[0]).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });

  it('signs several in a department inbox: another unit\'s case is refused as not found, an already signed one is listed', async () => {
    const mine = [await dispatched(), await dispatched()];
    const theirs = await dispatched([], ids.dept('scjg'));
    ok(await zjj.post(`/api/cases/${mine[1]}/sign`));
    const r = ok(await zjj.post('/api/cases/batch/sign', { caseIds: [mine[0], mine[1], theirs] }));
    expect(r.results.map((x: any) => [x.caseId, x.ok, x.code])).toEqual([[mine[0], true, null], [mine[1], false, 'ALREADY_SIGNED'], [theirs, false, 'CASE_NOT_FOUND']]);
    expect(ok(await scjg.get(`/api/cases/${theirs}`)).status).toBe('dispatched');
    expect(ok(await zjj.get(`/api/cases/${mine[0]}`)).status).toBe('handling');
  });

  it('approves several replies in review; a case not replied is listed with its reason', async () => {
    const cases = [await dispatched(), await dispatched(), await dispatched()];
    for (const id of cases) ok(await zjj.post(`/api/cases/${id}/sign`));
    for (const id of cases.slice(0, 2)) ok(await zjj.post(`/api/cases/${id}/reply`, { text: '已办结，请审核。' }));
    const r = ok(await supervisor.post('/api/cases/batch/approve-reply', { caseIds: cases }));
    expect(r.results.map((x: any) => [x.ok, x.code])).toEqual([[true, null], [true, null], [false, 'CASE_TRANSITION_NOT_ALLOWED']]);
    for (const id of cases.slice(0, 2)) expect(ok(await supervisor.get(`/api/cases/${id}`)).status).toBe('awaiting_rating');
    expect(ok(await supervisor.get(`/api/cases/${cases[2]}`)).status).toBe('handling');
  });
});
