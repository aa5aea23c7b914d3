import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { files, staffUpload } from '../portal/kit.js';

// A reply's public attachments on the public board: the review screen lists the files the board would show, the
// reviewer may withhold one, the board's case page lists and serves exactly the others; nothing else is served.

type Staff = Client & { headers: Record<string, string> };
let rt: TestRuntime;
let intake: Staff, supervisor: Staff, zjj: Staff;
let caseId = 0, code = '';
let shown = 0, held = 0, internal = 0, forSubmitter = 0;

const ok = (r: { status: number; body: any }, status = 200) => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const board = () => rt.app.inject({ method: 'GET', url: `/api/public/board/cases/${code}` });
const file = (id: number) => rt.app.inject({ method: 'GET', url: `/api/public/board/cases/${code}/attachments/${id}` });

beforeAll(async () => {
  rt = await testRuntime();
  [intake, supervisor, zjj] = await Promise.all(['intake', 'supervisor', 'zjj-handler'].map((u) => loginAs(rt.app, u))) as Staff[];
  const ids = await orgIds(intake);
  const c = ok(await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit'), { submitterName: '赵雪梅' }), isPublic: true, dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } }), 201);
  caseId = c.id;
  code = c.code;
  ok(await zjj.post(`/api/cases/${caseId}/sign`));
  shown = ok(await staffUpload(rt.app, zjj, caseId, '整改后现场.png', files.png), 201).id;
  held = ok(await staffUpload(rt.app, zjj, caseId, '赵雪梅提供的票据.png', files.png), 201).id;
  internal = ok(await staffUpload(rt.app, zjj, caseId, '内部核查记录.pdf', files.pdf, 'application/pdf'), 201).id;
  forSubmitter = ok(await staffUpload(rt.app, zjj, caseId, '告知书.pdf', files.pdf, 'application/pdf'), 201).id;
  ok(await zjj.post(`/api/cases/${caseId}/reply`, {
    text: '经核查，施工许可证已办结，整改照片见附件。',
    attachments: [{ id: shown, visibility: 'public' }, { id: held, visibility: 'public' }, { id: internal, visibility: 'internal' }, { id: forSubmitter }],
  }));
});
afterAll(async () => rt?.close());

describe('reply files on the public board', () => {
  it('the review screen lists only the files marked public; none is on the board before the reply is approved', async () => {
    expect(ok(await supervisor.get(`/api/publication/cases/${caseId}`)).replyFiles).toEqual([]);
    ok(await supervisor.post(`/api/cases/${caseId}/approve-reply`));
    const detail = ok(await supervisor.get(`/api/publication/cases/${caseId}`));
    expect(detail.replyFiles.map((f: { id: number; withheld: boolean }) => [f.id, f.withheld])).toEqual([[shown, false], [held, false]]);
  });

  it('the reviewer withholds one file; the board lists and serves the other, its name masked', async () => {
    const bad = await supervisor.post(`/api/publication/cases/${caseId}/approve`, { publicTitle: '施工许可证办理超时', publicDescription: '企业反映施工许可证超过法定时限仍未办结。', withheldAttachmentIds: [internal] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await board()).statusCode).toBe(404); // nothing half-written: still not published
    ok(await supervisor.post(`/api/publication/cases/${caseId}/approve`, { publicTitle: '施工许可证办理超时', publicDescription: '企业反映施工许可证超过法定时限仍未办结。', withheldAttachmentIds: [held] }));
    const page = (await board()).json();
    expect(page.replyFiles).toEqual([{ id: shown, fileName: '整改后现场.png', mime: 'image/png', size: files.png.length }]);
    const r = await file(shown);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.rawPayload.equals(files.png)).toBe(true);
    for (const id of [held, internal, forSubmitter, 999_999]) {
      const x = await file(id);
      expect(x.statusCode, String(id)).toBe(404);
      expect(x.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
    }
    const event = ok(await supervisor.get(`/api/cases/${caseId}`)).events.filter((e: { type: string }) => e.type === 'case.publication_approved').at(-1);
    expect(event.payload).toMatchObject({ publicFiles: 1, withheldFiles: 1 });
  });

  it('releasing the withheld file shows it, its name masked; a withdrawn publication serves nothing', async () => {
    ok(await supervisor.post(`/api/publication/cases/${caseId}/approve`, { publicTitle: '施工许可证办理超时', publicDescription: '企业反映施工许可证超过法定时限仍未办结。', withheldAttachmentIds: [] }));
    const names = (await board()).json().replyFiles.map((f: { fileName: string }) => f.fileName);
    expect(names).toHaveLength(2);
    expect(names[1]).not.toContain('赵雪梅');
    expect((await file(held)).statusCode).toBe(200);
    // An edit that leaves the choice out keeps it.
    ok(await supervisor.post(`/api/publication/cases/${caseId}/approve`, { publicTitle: '施工许可证办理超时（已办结）', publicDescription: '企业反映施工许可证超过法定时限仍未办结。' }));
    expect((await board()).json().replyFiles).toHaveLength(2);
    ok(await supervisor.post(`/api/publication/cases/${caseId}/withdraw`, { reason: '诉求人要求撤回' }));
    expect((await file(shown)).statusCode).toBe(404);
  });
});
