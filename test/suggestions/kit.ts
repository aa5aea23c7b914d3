import type { Client } from '../kit/http.js';
import { loginAs } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import type { TestRuntime } from '../kit/runtime.js';

let counter = 100;

export async function staff(rt: TestRuntime) {
  const [supervisor, deputy1, deputy2, zjjHandler, fgwHandler, zrjHandler] = await Promise.all(
    ['supervisor', 'deputy1', 'deputy2', 'zjj-handler', 'fgw-handler', 'zrj-handler'].map((u) => loginAs(rt.app, u)),
  );
  const ids = await orgIds(supervisor);
  return { supervisor, deputy1, deputy2, zjjHandler, fgwHandler, zrjHandler, ids };
}

/** Registers a suggestion proposed by `proposer` (a deputy's client) and returns its detail. */
export async function register(supervisor: Client, proposer: Client & { user: any }, extra: Record<string, unknown> = {}) {
  const r = await supervisor.post('/api/suggestions', {
    kind: 'deputy', term: 17, sessionNo: 5, number: counter++, title: '关于加快老旧小区加装电梯的建议', body: '建议简化审批流程，设立专项补贴。',
    category: '城乡建设', proposers: [{ name: proposer.user.displayName, userId: proposer.user.id }], isPublic: true, ...extra,
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body;
}

export async function ok(p: Promise<{ status: number; body: any }>) {
  const r = await p;
  if (r.status !== 200 && r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
