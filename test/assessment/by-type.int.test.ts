import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginAll, playCase, type Staff } from './kit.js';

// A department's assessment figures split by case type (诉求类型): the same facts and definitions as the scorecard.

let rt: TestRuntime;
let as: Record<Staff, Client>;
let zjj: number;

beforeAll(async () => {
  rt = await testRuntime('2026-10-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  zjj = (await orgIds(as.intake)).dept('zjj');
  await playCase(as, rt.clock, { rating: 'satisfied', title: '投诉：施工许可办理拖延', caseType: 'complaint' });
  await playCase(as, rt.clock, { rating: 'satisfied', title: '投诉：审批材料反复补正', caseType: 'complaint' });
  await playCase(as, rt.clock, { rating: 'unsatisfied', signAfterHours: 60, title: '咨询：施工许可需要哪些材料', caseType: 'consultation' });
  rt.clock.set('2026-11-02T09:00:00+08:00');
  const run = await as.supervisor.post('/api/assessment/periods/run', { period: '2026-10' });
  expect(run.status, JSON.stringify(run.body)).toBe(200);
}, 120_000);
afterAll(() => rt.close());

describe('assessment by case type', () => {
  it('splits the department’s figures by type, adding up to the scorecard', async () => {
    const period = (await as.supervisor.get('/api/assessment/periods/2026-10')).body;
    const row = period.rows.find((r: any) => r.departmentId === zjj);
    const r = await as.supervisor.get(`/api/assessment/by-type?period=2026-10&department=${zjj}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const byType = Object.fromEntries(r.body.rows.map((x: any) => [x.caseType, x]));
    expect(Object.keys(byType).sort()).toEqual(['complaint', 'consultation']);
    expect(byType.complaint.cases).toBe(2);
    expect(byType.consultation.cases).toBe(1);
    expect(byType.complaint.rates.satisfaction).toMatchObject({ numerator: 2, denominator: 2 });
    expect(byType.consultation.rates.satisfaction).toMatchObject({ numerator: 0, denominator: 1 });
    // The consultation was signed late: only its type loses the on-time signing.
    expect(byType.consultation.rates.signing).toMatchObject({ numerator: 0, denominator: 1 });
    expect(byType.complaint.rates.signing).toMatchObject({ numerator: 2, denominator: 2 });
    expect(r.body.rows.reduce((n: number, x: any) => n + x.cases, 0)).toBe(row.cases);
    expect(r.body.rows.reduce((n: number, x: any) => n + x.rates.satisfaction.denominator, 0)).toBe(row.rates.satisfaction.denominator);
  });

  it('keeps a department to its own figures and answers a stable code for an unknown period', async () => {
    expect((await as['xzsp-handler'].get(`/api/assessment/by-type?period=2026-10&department=${zjj}`)).status).toBe(403);
    expect((await as['zjj-handler'].get(`/api/assessment/by-type?period=2026-10&department=${zjj}`)).status).toBe(200);
    const missing = await as.supervisor.get(`/api/assessment/by-type?period=2026-09&department=${zjj}`);
    expect(missing.body.error.code).toBe('ASSESSMENT_PERIOD_NOT_FOUND');
    expect((await as.intake.get(`/api/assessment/by-type?period=2026-10&department=${zjj}`)).status).toBe(403);
  });
});
