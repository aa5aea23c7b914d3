import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { publishCaseChange } from '../../src/server/modules/cases/case-changes.js';
import { loginAll, secrets, seededCase, staff, type Staff } from './kit.js';

let rt: TestRuntime;
let as: Record<Staff, Client>;

beforeAll(async () => {
  rt = await testRuntime();
  as = await loginAll(rt.app);
});
afterAll(() => rt.close());

const anon = (url: string) => rt.app.inject({ method: 'GET', url }).then((r) => ({ status: r.statusCode, body: r.json() }));

describe('publication workflow', () => {
  it('a consenting dispatched case becomes a candidate with a masked draft beside the original', async () => {
    const s = secrets(1);
    const { id } = await seededCase(as, s);
    const queue = await as.supervisor.get('/api/publication/queue?view=pending');
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: any) => i.caseId === id);
    expect(item).toMatchObject({ publicationStatus: 'pending', replyPending: false });
    expect(item.detected).toBeGreaterThanOrEqual(8);
    const detail = await as.supervisor.get(`/api/publication/cases/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.auto.description.original).toContain(s.phone);
    expect(detail.body.auto.description.masked).not.toContain(s.phone);
    expect(detail.body.auto.description.masked).not.toContain(s.name);
    const kinds = new Set(detail.body.auto.description.spans.map((x: any) => x.kind));
    for (const k of ['name', 'mobile', 'landline', 'id_card', 'email', 'plate', 'bank_card', 'house_number', 'enterprise']) expect(kinds, k).toContain(k);
    expect(detail.body.allowedActions).toEqual(['approve', 'reject']);
  });

  it('a case without consent is never a candidate and cannot be approved', async () => {
    const { id } = await seededCase(as, secrets(2), { isPublic: false });
    expect((await as.supervisor.get(`/api/publication/cases/${id}`)).body.publication).toBeNull();
    const r = await as.supervisor.post(`/api/publication/cases/${id}/approve`, { publicTitle: '标题', publicDescription: '内容' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PUBLICATION_NO_CONSENT');
  });

  it('approve → board shows the supervisor’s text masked again; edits need the current version; withdraw removes it', async () => {
    const s = secrets(3);
    const { id, code } = await seededCase(as, s);
    expect((await anon(`/api/public/board/cases/${code}`)).status).toBe(404);
    const detail = (await as.supervisor.get(`/api/publication/cases/${id}`)).body;
    const approve = await as.supervisor.post(`/api/publication/cases/${id}/approve`, {
      publicTitle: '厂房施工许可证超期未办', publicDescription: `${detail.auto.description.masked} 补充：车主电话${s.otherPhone}，蒸湘区红星村`,
      redactions: ['红星村'], maskEnterprise: true, version: detail.publication.version,
    });
    expect(approve.status).toBe(200);
    expect(approve.body.publication.status).toBe('approved');
    const page = await anon(`/api/public/board/cases/${code}`);
    expect(page.status).toBe(200);
    expect(page.body.title).toBe('厂房施工许可证超期未办');
    expect(page.body.description).not.toContain(s.otherPhone);
    expect(page.body.description).not.toContain('红星村');
    expect(page.body.submitterName).toBeNull();
    expect(page.body.departments).toEqual([{ name: expect.any(String), role: 'lead' }]);
    expect(page.body.timeline.map((t: any) => t.step)).toEqual(['submitted', 'accepted', 'dispatched']);
    const list = await anon('/api/public/board');
    expect(list.body.items.map((i: any) => i.code)).toContain(code);

    // A stale version is refused; the event chain records the decision.
    const stale = await as.supervisor.post(`/api/publication/cases/${id}/approve`, { publicTitle: 'x', publicDescription: 'y', version: detail.publication.version });
    expect(stale.body.error.code).toBe('PUBLICATION_VERSION_CONFLICT');
    const events = (await as.supervisor.get(`/api/cases/${id}`)).body.events.map((e: any) => e.type);
    expect(events).toContain('case.publication_approved');

    const withdraw = await as.supervisor.post(`/api/publication/cases/${id}/withdraw`, { reason: '诉求人要求撤下' });
    expect(withdraw.status).toBe(200);
    expect((await anon(`/api/public/board/cases/${code}`)).status).toBe(404);
    expect((await anon('/api/public/board')).body.items.map((i: any) => i.code)).not.toContain(code);
    expect((await as.supervisor.post(`/api/publication/cases/${id}/withdraw`, { reason: '再撤' })).body.error.code).toBe('PUBLICATION_NOT_APPROVED');
  });

  it('reject only from pending; a rejected candidate stays off the board', async () => {
    const { id, code } = await seededCase(as, secrets(4));
    const r = await as.supervisor.post(`/api/publication/cases/${id}/reject`, { reason: '涉及个人隐私较多' });
    expect(r.status).toBe(200);
    expect(r.body.publication).toMatchObject({ status: 'rejected', reason: '涉及个人隐私较多' });
    expect((await anon(`/api/public/board/cases/${code}`)).status).toBe(404);
    expect((await as.supervisor.post(`/api/publication/cases/${id}/reject`, { reason: '再驳回' })).body.error.code).toBe('PUBLICATION_NOT_PENDING');
    const bad = await as.supervisor.post(`/api/publication/cases/${id}/reject`, { reason: '' });
    expect(bad.status).toBe(400);
  });

  it('a reply approved later waits for review; the board says so until the supervisor publishes it', async () => {
    const s = secrets(5);
    const { id, code } = await seededCase(as, s);
    expect((await as.supervisor.post('/api/publication/bulk/approve', { caseIds: [id] })).body.results).toEqual([{ caseId: id, ok: true }]);
    for (const [who, cmd, body] of [['zjj-handler', 'sign', {}], ['zjj-handler', 'reply', { text: `已联系${s.name}，电话${s.phone}，问题已解决。` }], ['supervisor', 'approve-reply', {}]] as const) {
      expect((await as[who].post(`/api/cases/${id}/${cmd}`, body)).status).toBe(200);
    }
    let page = (await anon(`/api/public/board/cases/${code}`)).body;
    expect(page).toMatchObject({ status: 'answered', reply: null, replyUnderReview: true });
    const queue = (await as.supervisor.get('/api/publication/queue?view=reply')).body;
    expect(queue.items.map((i: any) => i.caseId)).toContain(id);
    const detail = (await as.supervisor.get(`/api/publication/cases/${id}`)).body;
    expect(detail.auto.reply.masked).not.toContain(s.phone);
    await as.supervisor.post(`/api/publication/cases/${id}/approve`, {
      publicTitle: detail.publication.publicTitle, publicDescription: detail.publication.publicDescription, publicReply: detail.auto.reply.masked,
    });
    page = (await anon(`/api/public/board/cases/${code}`)).body;
    expect(page.replyUnderReview).toBe(false);
    expect(page.reply.text).toContain('问题已解决');
    expect(page.reply.text).not.toContain(s.name);
    expect(page.timeline.map((t: any) => t.step)).toContain('replied');
    expect((await as.supervisor.get('/api/publication/queue?view=reply')).body.items.map((i: any) => i.caseId)).not.toContain(id);
  });

  it('the name is shown (masked) only with the submitter’s consent', async () => {
    const s = secrets(6);
    const withName = await seededCase(as, s, { isNamePublic: true });
    const without = await seededCase(as, secrets(7));
    const r = await as.supervisor.post(`/api/publication/cases/${without.id}/approve`, { publicTitle: 't', publicDescription: 'd', showName: true });
    expect(r.body.error.code).toBe('PUBLICATION_NO_CONSENT');
    await as.supervisor.post(`/api/publication/cases/${withName.id}/approve`, { publicTitle: 't', publicDescription: 'd', showName: true });
    const page = (await anon(`/api/public/board/cases/${withName.code}`)).body;
    expect(page.submitterName).toBe(`${[...s.name][0]}***`);
  });
});

describe('consent', () => {
  it('taking the consent back withdraws a published case (trigger), and the board drops it at once', async () => {
    const { id, code } = await seededCase(as, secrets(40));
    await as.supervisor.post('/api/publication/bulk/approve', { caseIds: [id] });
    expect((await anon(`/api/public/board/cases/${code}`)).status).toBe(200);
    await rt.deps.database.db.updateTable('cases').set({ is_public: false, updated_at: rt.clock.now() }).where('id', '=', id).execute();
    await publishCaseChange(rt.deps, id);
    expect((await anon(`/api/public/board/cases/${code}`)).status).toBe(404);
    const detail = (await as.supervisor.get(`/api/publication/cases/${id}`)).body;
    expect(detail.publication).toMatchObject({ status: 'withdrawn', reason: '诉求人撤回公开同意' });
    expect(detail.allowedActions).toEqual([]);
  });
});

describe('who may review', () => {
  const reviewers: Staff[] = ['supervisor'];
  it.each([...staff])('%s', async (u) => {
    const { id } = await seededCase(as, secrets(20 + staff.indexOf(u)));
    const allowed = reviewers.includes(u);
    expect((await as[u].get('/api/publication/queue')).status).toBe(allowed ? 200 : 403);
    expect((await as[u].get(`/api/publication/cases/${id}`)).status).toBe(allowed ? 200 : 403);
    expect((await as[u].post(`/api/publication/cases/${id}/approve`, { publicTitle: 't', publicDescription: 'd' })).status).toBe(allowed ? 200 : 403);
    expect((await as[u].post(`/api/publication/cases/${id}/withdraw`, { reason: 'r' })).status).toBe(allowed ? 200 : 403);
    expect((await as[u].post('/api/publication/bulk/approve', { caseIds: [id] })).status).toBe(allowed ? 200 : 403);
  });
  it('without a session: 401 on staff endpoints, public board readable', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/api/publication/queue' })).statusCode).toBe(401);
    expect((await rt.app.inject({ method: 'POST', url: '/api/publication/bulk/approve', payload: { caseIds: [1] } })).statusCode).toBe(401);
    expect((await anon('/api/public/board')).status).toBe(200);
  });
});
