import type { FastifyInstance } from 'fastify';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import type { TestClock } from '../kit/clock.js';

export const staff = ['admin', 'intake', 'zjj-handler', 'zjj-head', 'xzsp-handler', 'xzsp-head', 'supervisor', 'leader'] as const;
export type Staff = (typeof staff)[number];

export async function loginAll(app: FastifyInstance): Promise<Record<Staff, Client>> {
  const as = {} as Record<Staff, Client>;
  for (const u of staff) as[u] = await loginAs(app, u);
  return as;
}

const ok = (r: { status: number; body: any }, what: string) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

export interface Played {
  id: number;
}

/**
 * Plays a case through the API with the clock: dispatched to zjj (and xzsp as co when asked), signed after
 * `signAfterHours`, replied, approved and rated (when `rating`).
 */
export async function playCase(as: Record<Staff, Client>, clock: TestClock, opts: {
  co?: boolean; signAfterHours?: number; rating?: 'satisfied' | 'basically' | 'unsatisfied'; reply?: boolean; title?: string; caseType?: string;
}): Promise<number> {
  const ids = await orgIds(as.intake);
  const created = ok(await as.intake.post('/api/cases', {
    ...sampleCase(ids.category('approval.construction_permit'), { ...(opts.title ? { title: opts.title } : {}), ...(opts.caseType ? { caseType: opts.caseType } : {}) }),
    dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: opts.co ? [ids.dept('xzsp')] : [] },
  }), 'create');
  clock.advanceHours(opts.signAfterHours ?? 1);
  ok(await as['zjj-handler'].post(`/api/cases/${created.id}/sign`), 'sign');
  if (opts.co) {
    ok(await as['xzsp-handler'].post(`/api/cases/${created.id}/sign`), 'co sign');
    ok(await as['xzsp-handler'].post(`/api/cases/${created.id}/opinion`, { text: '同意。' }), 'opinion');
  }
  if (opts.reply === false) return created.id;
  clock.advanceHours(2);
  ok(await as['zjj-handler'].post(`/api/cases/${created.id}/reply`, { text: '经核查，已办结。' }), 'reply');
  ok(await as.supervisor.post(`/api/cases/${created.id}/approve-reply`), 'approve');
  if (opts.rating) {
    clock.advanceHours(1);
    ok(await as.intake.post(`/api/cases/${created.id}/rate`, { rating: opts.rating, comment: opts.rating === 'unsatisfied' ? '办得太慢' : '' }), 'rate');
  }
  clock.advanceHours(1);
  return created.id;
}
