import { loginAs } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import type { TestRuntime } from '../kit/runtime.js';

/**
 * `count` talent-policy cases dispatched to 人社局 (lead) with 科技局 (co), both assignments signed where `signed(i)`
 * holds: the unsigned run sign clocks, the signed reply (lead) and opinion (co) clocks. Returns the case ids.
 */
export async function dispatchedCases(rt: TestRuntime, count: number, signed: (i: number) => boolean): Promise<number[]> {
  const [intake, lead, co] = await Promise.all(['intake', 'rsj-handler', 'kjj-handler'].map((u) => loginAs(rt.app, u)));
  const ids = await orgIds(intake);
  const cases: number[] = [];
  for (let i = 0; i < count; i++) {
    const created = await intake.post('/api/cases', sampleCase(ids.category('policy.talent'), { title: `人才政策咨询 ${i}` }));
    const id = created.body.id;
    if (created.body.status === 'submitted') {
      await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [ids.dept('kjj')] });
    }
    if (signed(i)) {
      await lead.post(`/api/cases/${id}/sign`);
      await co.post(`/api/cases/${id}/sign`);
    }
    cases.push(id);
  }
  return cases;
}
