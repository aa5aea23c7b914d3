import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeParseItemEvent } from '../../src/domain/events/items.js';
import { loadDemo } from '../../src/server/demo/load-demo.js';
import { sweepItemLights, verifyItemChains } from '../../src/server/modules/items/index.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// The demo's supervised items: the meeting's key tasks and the youth league's project, marked demo, in every state
// and light, each event fitting the item catalogue and every chain verifying; a sweep at the demo's now is a no-op.

let rt: TestRuntime;
const now = new Date('2026-11-02T09:00:00+08:00');

beforeAll(async () => {
  rt = await testRuntime(now.toISOString());
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 20, seed: 5, now });
}, 240_000);
afterAll(() => rt.close());

describe('the demo items', () => {
  it('holds the key tasks and the 希望小屋 project in every state and light, all marked demo', async () => {
    const items = await rt.deps.database.db.selectFrom('items').select(['title', 'state', 'light', 'is_demo']).execute();
    expect(items.map((i) => i.title)).toEqual(expect.arrayContaining(['五好园区建设', '东二环项目建设', '南华大学附一医院就地扩建', '青联“希望小屋”和“希望书桌”项目']));
    expect(items.every((i) => i.is_demo)).toBe(true);
    const open = items.filter((i) => i.state === 'in_progress');
    expect(new Set(open.map((i) => i.light))).toEqual(new Set(['green', 'yellow', 'red']));
    expect(items.some((i) => i.state === 'closed')).toBe(true);
    const house = await rt.deps.database.db.selectFrom('item_targets').select(['name', 'target_value', 'sites']).where('name', '=', '青联“希望小屋”').executeTakeFirstOrThrow();
    expect(house.target_value).toBe(12);
    expect(house.sites).toHaveLength(12);
  });

  it('writes reports of every kind (accepted, returned, late) and orders on items', async () => {
    const reports = await rt.deps.database.db.selectFrom('item_reports').select(['state', 'is_late']).execute();
    expect(new Set(reports.map((r) => r.state))).toEqual(new Set(['accepted', 'returned']));
    expect(reports.some((r) => r.is_late)).toBe(true);
    const orders = await rt.deps.database.db.selectFrom('supervision_orders').select('state').where('item_id', 'is not', null).execute();
    expect(orders.map((o) => o.state).sort()).toEqual(['answered', 'closed', 'open']);
  });

  it('gives 开办企业 and 获得电力 reform measures in red, yellow and green, linked to their indicators', async () => {
    const reforms = await rt.deps.database.db.selectFrom('items').innerJoin('indicators as i', 'i.id', 'items.origin_id')
      .select(['i.code', 'items.light', 'items.lead_department_id', 'i.lead_department_id as indicator_lead']).where('items.origin_type', '=', 'indicator').execute();
    expect(reforms.map((r) => `${r.code}:${r.light}`).sort()).toEqual(['hddl:green', 'kbqy:red', 'kbqy:yellow']);
    expect(reforms.every((r) => r.lead_department_id === r.indicator_lead)).toBe(true);
  });

  it('the suggestions’ B/C promises report each quarter: one in five misses the last, so red is the exception', async () => {
    const promises = await rt.deps.database.db.selectFrom('items').select(['id', 'light', 'light_reasons'])
      .where('origin_type', '=', 'suggestion').where('state', '=', 'in_progress').execute();
    expect(promises.length).toBeGreaterThan(10);
    const missing = promises.filter((i) => i.light_reasons.some((r) => r.key.startsWith('report:')));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length / promises.length).toBeLessThan(0.35);
    const reported = await rt.deps.database.db.selectFrom('item_reports').select('item_id').distinct()
      .where('item_id', 'in', promises.map((i) => i.id)).execute();
    expect(reported.length).toBeGreaterThan(promises.length / 2);
  });

  it('every item event fits the catalogue and every chain verifies; a sweep now changes nothing', async () => {
    const rows = await rt.deps.database.db.selectFrom('item_events').select(['type', 'payload']).execute();
    expect(rows.filter((r) => !safeParseItemEvent(r).success)).toEqual([]);
    expect((await verifyItemChains(rt.deps.database.db)).firstBroken).toBeNull();
    expect(await sweepItemLights(rt.deps)).toMatchObject({ changed: 0, crossings: 0, events: 0 });
  });
});
