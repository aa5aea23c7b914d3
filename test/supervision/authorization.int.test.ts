import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { download, handlingCase, loginAll, staff, type Staff } from './kit.js';

let rt: TestRuntime;
let as: Record<Staff, Client>;
let caseId: number;
let zjj: number;
let scjg: number;
let orderId: number;

beforeAll(async () => {
  rt = await testRuntime();
  as = await loginAll(rt.app);
  const ids = await orgIds(as.intake);
  zjj = ids.dept('zjj');
  scjg = ids.dept('scjg');
  caseId = await handlingCase(as);
  orderId = (await as.supervisor.post(`/api/cases/${caseId}/orders`, { departmentId: zjj, demands: '请书面答复', deadline: { workingDays: 5 } })).body.id;
});
afterAll(() => rt.close());

type Call = (c: Client) => Promise<{ status: number; body: any }>;
// Reads that change nothing: who gets 200, and what the others get.
const reads: { name: string; call: Call; allowed: Staff[]; refused: Record<string, number> }[] = [
  { name: 'GET /api/cases/:id/orders', call: (c) => c.get(`/api/cases/${caseId}/orders`), allowed: ['zjj-handler', 'zjj-head', 'xzsp-handler', 'supervisor', 'leader'], refused: { admin: 403, intake: 403, 'scjg-handler': 404 } },
  { name: 'GET /api/supervision/orders/:id', call: (c) => c.get(`/api/supervision/orders/${orderId}`), allowed: ['zjj-handler', 'zjj-head', 'supervisor', 'leader'], refused: { admin: 403, intake: 403, 'scjg-handler': 404, 'xzsp-handler': 404 } },
  { name: 'GET /api/supervision/cases', call: (c) => c.get('/api/supervision/cases'), allowed: ['supervisor', 'leader'], refused: { admin: 403, intake: 403, 'zjj-handler': 403, 'zjj-head': 403, 'xzsp-handler': 403, 'scjg-handler': 403 } },
  { name: 'GET /api/supervision/departments/zjj', call: (c) => c.get(`/api/supervision/departments/${zjj}`), allowed: ['zjj-handler', 'zjj-head', 'supervisor', 'leader'], refused: { admin: 403, intake: 403, 'xzsp-handler': 403, 'scjg-handler': 403 } },
];

describe('supervision endpoints check who may call them', () => {
  for (const r of reads) {
    it.each([...staff])(`${r.name} as %s`, async (u) => {
      const res = await r.call(as[u]);
      expect(res.status).toBe(r.allowed.includes(u) ? 200 : r.refused[u]);
    });
  }

  it('department staff see only their own department’s orders on a shared case', async () => {
    const co = (await as.supervisor.post(`/api/cases/${caseId}/orders`, { departmentId: (await orgIds(as.intake)).dept('xzsp'), demands: '请提交协办意见', deadline: { workingDays: 2 } })).body;
    expect((await as['xzsp-handler'].get(`/api/cases/${caseId}/orders`)).body.items.map((o: any) => o.id)).toEqual([co.id]);
    expect((await as['zjj-handler'].get(`/api/cases/${caseId}/orders`)).body.items.map((o: any) => o.id)).toEqual([orderId]);
    expect((await as.leader.get(`/api/cases/${caseId}/orders`)).body.items).toHaveLength(2);
    // Another department cannot answer it, and gets no hint that it exists.
    expect((await as['zjj-handler'].post(`/api/supervision/orders/${co.id}/answer`, { text: '代答' })).status).toBe(404);
  });

  it('only supervisors issue, raise and close; only the ordered department answers', async () => {
    const writers: Staff[] = ['admin', 'intake', 'zjj-handler', 'zjj-head', 'xzsp-handler', 'scjg-handler', 'leader'];
    for (const u of writers) {
      const issue = await as[u].post(`/api/cases/${caseId}/orders`, { departmentId: zjj, demands: '督办', deadline: { workingDays: 2 } });
      expect(issue.status, u).toBe(403);
      expect((await as[u].post(`/api/supervision/orders/${orderId}/raise`, { level: 'red', reason: '升级' })).status, u).toBe(403);
      expect((await as[u].post(`/api/supervision/orders/${orderId}/close`, {})).status, u).toBe(403);
    }
    for (const u of ['admin', 'intake', 'supervisor', 'leader'] as const) {
      expect((await as[u].post(`/api/supervision/orders/${orderId}/answer`, { text: '答复' })).status, u).toBe(403);
    }
    expect((await as['scjg-handler'].post(`/api/supervision/orders/${orderId}/answer`, { text: '答复' })).status).toBe(404);
    expect((await as['zjj-handler'].post(`/api/supervision/orders/${orderId}/answer`, { text: '已办理' })).status).toBe(200);
  });

  it('bulk endpoints: orders by supervisors, instructions by leaders only', async () => {
    for (const u of staff) {
      const r = await as[u].post('/api/supervision/bulk/orders', { caseIds: [caseId], demands: '批量督办', deadline: { workingDays: 3 } });
      expect(r.status, u).toBe(u === 'supervisor' ? 200 : 403);
      const i = await as[u].post('/api/supervision/bulk/instruct', { caseIds: [caseId], text: '请抓紧办理' });
      expect(i.status, u).toBe(u === 'leader' ? 200 : 403);
    }
  });

  it('files: the office and leaders any department, staff only their own', async () => {
    for (const u of staff) {
      const own = await download(rt.app, u, `/api/supervision/departments/${zjj}/overdue.xlsx`);
      expect(own.status, u).toBe(['zjj-handler', 'zjj-head', 'supervisor', 'leader'].includes(u) ? 200 : 403);
      const other = await download(rt.app, u, `/api/supervision/departments/${scjg}/overdue.docx`);
      expect(other.status, u).toBe(['supervisor', 'leader', 'scjg-handler'].includes(u) ? 200 : 403);
      const doc = await download(rt.app, u, `/api/supervision/orders/${orderId}/docx`);
      expect(doc.status, u).toBe(['zjj-handler', 'zjj-head', 'supervisor', 'leader'].includes(u) ? 200 : u === 'admin' || u === 'intake' ? 403 : 404);
    }
  });
});
