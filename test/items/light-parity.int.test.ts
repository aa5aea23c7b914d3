import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endOfBeijingDay, lastDuePeriod, lightOf, lightReasons, nextLightCheck, reportPeriods, startOfBeijingDay,
} from '../../src/domain/items/index.js';
import { refreshItemLights } from '../../src/server/modules/items/light-sweep.js';
import { never } from '../../src/server/modules/items/light-sql.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// The sweep computes lights in SQL (light-sql.ts); the domain functions (light.ts, schedule.ts) are the definition.
// Varied items (schedules none/monthly/quarterly on days 1–28, milestones done and open, windows of one day, targets
// behind and ahead, reports returned and not) at instants across the year: the SQL reasons (level, key, text), light
// and next check instant must be what the domain gives, on both engines.

let rt: TestRuntime;
beforeAll(async () => { rt = await testRuntime('2026-01-05T09:00:00+08:00'); });
afterAll(() => rt.close());

let seed = 7;
const rand = (n: number) => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed % n; };
const day = (offset: number) => new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);

async function makeItems(count: number): Promise<number[]> {
  const db = rt.deps.database.db;
  const user = await db.selectFrom('users').select(['id', 'department_id']).where('department_id', 'is not', null).executeTakeFirstOrThrow();
  const dept = user.department_id!;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = rand(120);
    const end = start + 1 + rand(300);
    const frequency = (['none', 'monthly', 'quarterly'] as const)[i % 3];
    const item = await db.insertInto('items').values({
      code: `PAR-${i}`, title: `对照事项 ${i}`, source_kind: 'meeting', leader_name: '领导', lead_department_id: dept, start_date: day(start), end_date: day(end),
      report_frequency: frequency, report_day: frequency === 'none' ? null : 1 + rand(28), created_at: new Date(), updated_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(item.id);
    const n = rand(5);
    for (let k = 0; k < n; k++) {
      const due = day(start + rand(end - start + 1));
      await db.insertInto('item_milestones').values({
        item_id: item.id, seq: k + 1, title: `节点${k}`, due_date: due, due_at: endOfBeijingDay(due),
        done_at: rand(3) === 0 ? new Date(`${due}T08:00:00+08:00`) : null,
      }).execute();
    }
    for (let k = 0; k < rand(4); k++) {
      await db.insertInto('item_targets').values({ item_id: item.id, seq: k + 1, name: `目标${k}`, measure: '个', target_value: 10 + rand(90), progress_value: rand(120) }).execute();
    }
    for (let m = 1; m <= 12; m += 1 + rand(3)) {
      const period = frequency === 'quarterly' ? `2026-Q${1 + ((m - 1) % 4)}` : `2026-${String(m).padStart(2, '0')}`;
      await db.insertInto('item_reports').values({
        item_id: item.id, department_id: dept, period: frequency === 'none' ? null : period, text: '进展', figures: '[]', submitted_by: user.id, submitted_at: new Date(), state: rand(4) === 0 ? 'returned' : 'accepted',
      }).execute();
    }
  }
  return ids;
}

/** What the domain says, from plain reads (the sweep's former Node computation). */
async function expected(id: number, now: Date) {
  const db = rt.deps.database.db;
  const item = await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const ms = await db.selectFrom('item_milestones').selectAll().where('item_id', '=', id).orderBy('due_at').orderBy('id').execute();
  const targets = await db.selectFrom('item_targets').selectAll().where('item_id', '=', id).execute();
  const reported = (await db.selectFrom('item_reports').select('period').where('item_id', '=', id).where('state', '<>', 'returned').execute()).map((r) => r.period);
  const schedule = item.report_frequency === 'none' ? { frequency: 'none' as const } : { frequency: item.report_frequency, day: item.report_day! };
  const periods = reportPeriods(schedule, item.start_date, item.end_date);
  const due = lastDuePeriod(periods, now);
  const open = ms.filter((m) => !m.done_at);
  const nextIdx = ms.findIndex((m) => !m.done_at && m.due_at.getTime() >= now.getTime());
  const startAt = startOfBeijingDay(item.start_date);
  const input = {
    now, startAt, endAt: endOfBeijingDay(item.end_date),
    overdue: open.filter((m) => m.due_at.getTime() < now.getTime()).map((m) => ({ id: Number(m.id), title: m.title })),
    next: nextIdx < 0 ? null : { id: Number(ms[nextIdx].id), title: ms[nextIdx].title, dueAt: ms[nextIdx].due_at, windowStart: nextIdx > 0 ? ms[nextIdx - 1].due_at : startAt },
    missingReport: due && !reported.includes(due.period) ? due.period : null,
    targetShares: targets.map((t) => Math.min(1, Number(t.progress_value) / Number(t.target_value))),
  };
  const reasons = lightReasons(input);
  const nextReport = periods.find((p) => p.dueAt.getTime() >= now.getTime())?.dueAt ?? null;
  return { light: lightOf(reasons), reasons, checkAt: (nextLightCheck(input, nextReport) ?? never).getTime() };
}

describe('the sweep’s SQL lights agree with the domain rules', () => {
  it('for varied items at instants across the year', async () => {
    const ids = await makeItems(45);
    let compared = 0;
    const lights = new Set<string>();
    for (const at of ['2026-01-20T10:00:00+08:00', '2026-03-01T00:00:00+08:00', '2026-04-28T23:59:59+08:00', '2026-06-30T12:00:00+08:00', '2026-09-29T00:00:01+08:00', '2027-01-03T09:00:00+08:00']) {
      const now = new Date(at);
      await rt.deps.database.db.transaction().execute(async (tx) => {
        await sql`UPDATE items SET light_reasons = '[]', light = 'green'`.execute(tx);
        await refreshItemLights(tx, now, ids);
      });
      const rows = await rt.deps.database.db.selectFrom('items').innerJoin('item_light_checks as c', 'c.item_id', 'items.id')
        .select(['id', 'light', 'light_reasons', 'c.check_at as light_check_at']).where('id', 'in', ids).execute();
      for (const row of rows) {
        const want = await expected(row.id, now);
        const got = { light: row.light, reasons: row.light_reasons, checkAt: row.light_check_at.getTime() };
        expect({ id: row.id, at, light: got.light, reasons: got.reasons }).toEqual({ id: row.id, at, light: want.light, reasons: want.reasons });
        expect(Math.abs(got.checkAt - want.checkAt)).toBeLessThanOrEqual(1);
        lights.add(got.light);
        compared += 1;
      }
    }
    expect(compared).toBe(45 * 6);
    expect([...lights].sort()).toEqual(['green', 'red', 'yellow']);
  });
});
