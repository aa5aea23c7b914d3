import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyItemChains } from '../../src/server/modules/items/index.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginAll, type Staff } from '../supervision/kit.js';
import { keyTaskBody } from './kit.js';

// A unit merge (单位合并) moves the open items the unit leads or co-handles and its open orders on them to the successor,
// through the items' writer: one item.edited (with the reason) on each item's chain; an order that would clash with
// the successor's own open order on the item is closed with item.order_closed. A closed item keeps its units.

let rt: TestRuntime;
let as: Record<Staff, Client & { user?: any }>;
let admin: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime('2026-01-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  admin = await loginAs(rt.app, 'admin');
  ids = await orgIds(admin);
});
afterAll(() => rt.close());

const db = () => rt.deps.database.db;
const order = (itemId: number, departmentId: number) =>
  as.supervisor.post(`/api/items/${itemId}/orders`, { departmentId, level: 'normal', demands: '请书面说明进展。', deadline: { workingDays: 5 } });

describe('merging a unit that holds items', () => {
  it('moves its open items and orders to the successor with events; a clashing order is closed; closed items stay', async () => {
    const zjj = ids.dept('zjj');
    const xzsp = ids.dept('xzsp');
    const scjg = ids.dept('scjg');
    // A: led by zjj with xzsp as co-unit; orders to both. B: led by scjg with zjj as co-unit; an order to zjj. C: closed.
    const a = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor))).body.id;
    const b = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, { title: '三馆三中心', leadDepartmentId: scjg, coDepartmentIds: [zjj] }))).body.id;
    const c = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, { title: '已完成事项' }))).body.id;
    for (const [item, unit] of [[a, zjj], [a, xzsp], [b, zjj]]) expect((await order(item, unit)).status).toBe(201);
    expect((await as.supervisor.post(`/api/items/${c}/close`, { evidence: '已完成，验收存档。' })).status).toBe(200);

    const r = await admin.post(`/api/admin/org/units/${zjj}/merge`, { targetId: xzsp });
    expect(r.status).toBe(200);

    const rows = await db().selectFrom('items').select(['id', 'lead_department_id', 'co_department_ids']).where('id', 'in', [a, b, c]).orderBy('id').execute();
    expect(rows.map((x) => [x.lead_department_id, x.co_department_ids])).toEqual([[xzsp, []], [scjg, [xzsp]], [zjj, [xzsp]]]);
    const orders = await db().selectFrom('supervision_orders').select(['item_id', 'department_id', 'state', 'close_reason']).where('item_id', 'in', [a, b]).orderBy('id').execute();
    expect(orders.map((o) => [o.item_id, o.department_id, o.state])).toEqual([[a, zjj, 'closed'], [a, xzsp, 'open'], [b, xzsp, 'open']]);
    expect(orders[0].close_reason).toContain('单位合并');
    const events = await db().selectFrom('item_events').select(['item_id', 'type', 'payload']).where('item_id', 'in', [a, b, c]).where('type', 'in', ['item.edited', 'item.order_closed']).orderBy('id').execute();
    expect(events.map((e) => [e.item_id, e.type])).toEqual([[a, 'item.edited'], [a, 'item.order_closed'], [b, 'item.edited']]);
    expect(events[0].payload).toMatchObject({ leadDepartmentId: xzsp, coDepartmentIds: [], reason: expect.stringContaining('单位合并') });
    expect((await verifyItemChains(db())).firstBroken).toBeNull();
    // The successor's people now see and answer B's order.
    const item = (await as['xzsp-handler'].get(`/api/items/${b}`)).body;
    expect(item.orders.find((o: any) => o.state !== 'closed')?.allowedOrderActions).toContain('answer');
  });
});
