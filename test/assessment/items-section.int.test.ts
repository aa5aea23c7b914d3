import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDigest } from '../../src/server/modules/assessment/snapshot.js';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { keyTaskBody } from '../items/kit.js';
import { loginAll, type Staff } from '../supervision/kit.js';

// The items section of the assessment on both engines: reports on time and milestones met per lead unit, derived from
// item events, in the snapshot and its digest, drill-down to the items, verify recomputing it, old snapshots still
// verifying, and scheme weights that leave case scores alone unless the admin gives the section weight.

let rt: TestRuntime;
let as: Record<Staff, Client>;
let zjj: number;
let scjg: number;
let lift: any;
let market: any;

const section = (detail: any, dept: number) => detail.itemSection.rows.find((r: any) => r.departmentId === dept);
const drill = async (dept: number, measure: string, part: string) =>
  (await as.supervisor.get(`/api/assessment/items-drill?period=2026-02&department=${dept}&measure=${measure}&part=${part}`)).body;

beforeAll(async () => {
  rt = await testRuntime('2026-01-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  const o = await orgIds(as.intake);
  zjj = o.dept('zjj');
  scjg = o.dept('scjg');
  lift = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor))).body;
  market = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, {
    title: '市场主体培育', leadDepartmentId: scjg, coDepartmentIds: [], milestones: [{ title: '政策出台', due: { date: '2026-02-13' } }],
  }))).body;
  // January: the lift task's report is on time, lists its first milestone (due 28 February) and is accepted.
  rt.clock.set('2026-01-27T10:00:00+08:00');
  const jan = await as['zjj-handler'].post(`/api/items/${lift.id}/reports`, { text: '摸底完成。', figures: [], milestoneIds: [lift.milestones[0].id] });
  expect(jan.status).toBe(201);
  expect((await as.supervisor.post(`/api/items/${lift.id}/reports/${jan.body.id}/review`, { decision: 'accept' })).status).toBe(200);
  // The market task's January report comes late (after the 28th); its February report never comes.
  rt.clock.set('2026-02-03T10:00:00+08:00');
  const late = await as['scjg-handler'].post(`/api/items/${market.id}/reports`, { text: '政策起草中。', figures: [], milestoneIds: [] });
  expect(late.body.isLate).toBe(true);
  // February: the lift task reports on time.
  rt.clock.set('2026-02-26T10:00:00+08:00');
  expect((await as['zjj-handler'].post(`/api/items/${lift.id}/reports`, { text: '二月进展。', figures: [], milestoneIds: [] })).status).toBe(201);
  rt.clock.set('2026-03-02T10:00:00+08:00');
});
afterAll(() => rt.close());

describe('the items section', () => {
  let feb: any;

  it('counts reports on time and milestones met per lead unit in the snapshot', async () => {
    const r = await as.supervisor.post('/api/assessment/periods/run', { period: '2026-02' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    feb = r.body.period;
    expect(section(feb, zjj)).toMatchObject({ items: 1, reports: { numerator: 1, denominator: 1 }, milestones: { numerator: 1, denominator: 1 }, combined: null });
    expect(section(feb, scjg)).toMatchObject({ items: 1, reports: { numerator: 0, denominator: 1 }, milestones: { numerator: 0, denominator: 1 }, combined: null });
    // The suggestions section sits beside it (no suggestion replied or rated in this test's February).
    expect(feb.suggestionSection).toMatchObject({ rows: [] });
    const jan = (await as.supervisor.post('/api/assessment/periods/run', { period: '2026-01' })).body.period;
    expect(section(jan, zjj)).toMatchObject({ reports: { numerator: 1, denominator: 1 }, milestones: { denominator: 0 } });
    // The late January report is counted, not on time.
    expect(section(jan, scjg)).toMatchObject({ reports: { numerator: 0, denominator: 1 } });
  });

  it('drills down from each figure to the items, the list as long as the figure', async () => {
    const den = await drill(scjg, 'item_report', 'denominator');
    expect(den).toMatchObject({ figure: 1, total: 1, departmentId: scjg });
    expect(den.items[0]).toMatchObject({ itemId: market.id, code: market.code, title: '市场主体培育', label: '2026-02 期进展', hit: false });
    expect(await drill(scjg, 'item_report', 'numerator')).toMatchObject({ figure: 0, total: 0, items: [] });
    const met = await drill(zjj, 'item_milestone', 'numerator');
    expect(met).toMatchObject({ figure: 1, total: 1 });
    expect(met.items[0]).toMatchObject({ itemId: lift.id, label: '完成摸底调查', hit: true });
    expect((await as['scjg-handler'].get(`/api/assessment/items-drill?period=2026-02&department=${zjj}&measure=item_report&part=numerator`)).status).toBe(403);
  });

  it('verify recomputes the section from item events and agrees; a later event does not change the snapshot', async () => {
    rt.clock.set('2026-03-03T10:00:00+08:00');
    // A late February report now: the frozen instant and cursor of the snapshot keep it out.
    expect((await as['scjg-handler'].post(`/api/items/${market.id}/reports`, { text: '补报。', figures: [], milestoneIds: [] })).status).toBe(201);
    const v = (await as.supervisor.get('/api/assessment/periods/2026-02/verify')).body;
    expect(v.differences).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it('verify names a changed section figure and the broken digest', async () => {
    const db = rt.deps.database.db;
    const row = await db.selectFrom('assessment_periods').select(['sections']).where('key', '=', '2026-02').executeTakeFirstOrThrow();
    const changed = structuredClone(row.sections) as any;
    changed.items.rows.find((r: any) => r.departmentId === scjg).reports.numerator = 1;
    await db.updateTable('assessment_periods').set({ sections: JSON.stringify(changed) }).where('key', '=', '2026-02').execute();
    const v = (await as.supervisor.get('/api/assessment/periods/2026-02/verify')).body;
    expect(v.ok).toBe(false);
    expect(v.differences.map((d: any) => d.field)).toEqual(expect.arrayContaining(['digest', 'items.reports.numerator']));
    await db.updateTable('assessment_periods').set({ sections: JSON.stringify(row.sections) }).where('key', '=', '2026-02').execute();
  });

  it('a snapshot made before sections existed (no sections, the old digest) still verifies', async () => {
    const db = rt.deps.database.db;
    const row = await db.selectFrom('assessment_periods').selectAll().where('key', '=', '2026-01').executeTakeFirstOrThrow();
    const old = snapshotDigest(row.key, row.scheme_version, Number(row.event_cursor), row.figures, row.exclusions);
    await sql`UPDATE assessment_periods SET sections = NULL, digest = ${old} WHERE key = '2026-01'`.execute(db);
    const v = (await as.supervisor.get('/api/assessment/periods/2026-01/verify')).body;
    expect(v).toMatchObject({ ok: true, differences: [] });
    expect((await as.supervisor.get('/api/assessment/periods/2026-01')).body.itemSection).toBeNull();
  });

  it('case scores stay as they were until the admin gives the section weight; then a combined score', async () => {
    const current = (await as.admin.get('/api/assessment/scheme')).body.current.scheme;
    const bad = await as.admin.post('/api/assessment/scheme', { scheme: { ...current, sections: { items: { reports: 0.7, milestones: 0.5 } } } });
    expect([bad.status, bad.body.error?.code]).toEqual([422, 'ASSESSMENT_SCHEME_INVALID']);
    expect((await as.admin.post('/api/assessment/scheme', { scheme: { ...current, sections: { items: { reports: 0.2, milestones: 0.1 } } }, note: '督办事项占 30%' })).status).toBe(201);
    const again = (await as.supervisor.post('/api/assessment/periods/run', { period: '2026-02' })).body.period;
    expect(again.rows).toEqual(feb.rows);
    // No case composite for these units in the test data: the combined score is the section's own (weights renormalised).
    expect(section(again, zjj).combined).toBeCloseTo((0.2 * 100 + 0.1 * 100) / 0.3, 3);
    expect(section(again, scjg).combined).toBe(0);
    expect((await as.supervisor.get('/api/assessment/periods/2026-02/verify')).body.ok).toBe(true);
  });

  it('suggestion weights beside the items weights: one combined score, unchanged for units with no suggestion figures', async () => {
    const current = (await as.admin.get('/api/assessment/scheme')).body.current.scheme;
    const before = (await as.supervisor.get('/api/assessment/periods/2026-02')).body;
    expect((await as.admin.post('/api/assessment/scheme', { scheme: { ...current, sections: { ...current.sections, suggestions: { replies: 0.1, ratings: 0.1 } } }, note: '加建议提案' })).status).toBe(201);
    const again = (await as.supervisor.post('/api/assessment/periods/run', { period: '2026-02' })).body.period;
    expect(again.rows).toEqual(before.rows);
    // Neither unit has a suggestion replied or rated in February: those weights have nothing to count and give way.
    expect(section(again, zjj).combined).toBe(section(before, zjj).combined);
    expect(section(again, scjg).combined).toBe(0);
    expect(again.directAnswerSection).toEqual({ eventCursor: expect.any(Number), city: { numerator: 0, denominator: 0 }, rows: [] });
    expect((await as.supervisor.get('/api/assessment/periods/2026-02/verify')).body).toMatchObject({ ok: true, differences: [] });
  });
});
