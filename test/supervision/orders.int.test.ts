import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { handlingCase, loginAll, type Staff } from './kit.js';

let rt: TestRuntime;
let as: Record<Staff, Client>;
let zjj: number;
let xzsp: number;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  as = await loginAll(rt.app);
  const ids = await orgIds(as.intake);
  zjj = ids.dept('zjj');
  xzsp = ids.dept('xzsp');
});
afterAll(() => rt.close());

const caseRow = (id: number) => rt.deps.database.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: number) => rt.deps.database.db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();

describe('a supervision order from issue to close', () => {
  it('issues, refuses lowering, raises, takes a late answer, closes — each with its event and the case level', async () => {
    const caseId = await handlingCase(as);
    // 3 working days from Friday 2024-09-27 across National Day: make-up Sunday 29 Sep, Monday 30 Sep, Tuesday 8 Oct.
    const issued = await as.supervisor.post(`/api/cases/${caseId}/orders`, {
      departmentId: zjj, level: 'yellow', demands: '请于期限内办结并书面答复办理结果', deadline: { workingDays: 3 },
    });
    expect(issued.status).toBe(201);
    const order = issued.body;
    expect(order).toMatchObject({ state: 'open', level: 'yellow', departmentId: zjj, deadline: new Date('2024-10-08T17:30:00+08:00').toISOString() });
    expect(order.code).toMatch(/^DB2024-\d{5}$/);
    expect((await caseRow(caseId)).supervision_level).toBe('yellow');
    const issuedEvent = (await events(caseId)).at(-1)!;
    expect(issuedEvent.type).toBe('case.order_issued');
    expect(issuedEvent.payload).toEqual({ orderId: order.id, departmentId: zjj, level: 'yellow', demands: '请于期限内办结并书面答复办理结果', deadline: order.deadline });

    // A second order to the same department is refused; the co-handler may get its own.
    const again = await as.supervisor.post(`/api/cases/${caseId}/orders`, { departmentId: zjj, demands: '再次督办', deadline: { date: '2024-10-15' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORDER_ALREADY_OPEN');

    const lower = await as.supervisor.post(`/api/supervision/orders/${order.id}/raise`, { level: 'normal', reason: '降级' });
    expect(lower.status).toBe(409);
    expect(lower.body.error.code).toBe('ORDER_LEVEL_NOT_RAISED');

    const raised = await as.supervisor.post(`/api/supervision/orders/${order.id}/raise`, { level: 'red', reason: '多次催办未果' });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ level: 'red', state: 'open' });
    expect((await caseRow(caseId)).supervision_level).toBe('red');
    expect((await events(caseId)).at(-1)!.payload).toEqual({ orderId: order.id, departmentId: zjj, from: 'yellow', to: 'red', reason: '多次催办未果' });

    // The department sees its order with the answer button; the supervisor sees raise (not close) while it is open.
    const mine = await as['zjj-handler'].get(`/api/cases/${caseId}/orders`);
    expect(mine.body.items.map((o: any) => o.allowedOrderActions)).toEqual([['answer']]);
    expect(mine.body.issueTargets).toEqual([]);
    const office = await as.supervisor.get(`/api/cases/${caseId}/orders`);
    expect(office.body.items[0].allowedOrderActions).toEqual([]);
    expect(office.body.issueTargets.map((t: any) => t.id)).toEqual([xzsp]);

    rt.clock.set('2024-10-10T09:00:00+08:00');
    expect((await as['zjj-head'].get(`/api/supervision/orders/${order.id}`)).body.isOverdue).toBe(true);
    const answered = await as['zjj-head'].post(`/api/supervision/orders/${order.id}/answer`, { text: '已约谈承办科室，施工许可证已于今日核发。' });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ state: 'answered', answeredLate: true, answerText: '已约谈承办科室，施工许可证已于今日核发。' });
    expect((await events(caseId)).at(-1)!).toMatchObject({ type: 'case.order_answered', payload: { orderId: order.id, departmentId: zjj, text: '已约谈承办科室，施工许可证已于今日核发。' } });
    const history = await rt.deps.database.db.selectFrom('supervision_order_answers').selectAll().where('order_id', '=', order.id).execute();
    expect(history).toHaveLength(1);
    expect(history[0].is_late).toBe(true);

    const twice = await as['zjj-handler'].post(`/api/supervision/orders/${order.id}/answer`, { text: '补充' });
    expect(twice.body.error.code).toBe('ORDER_ALREADY_ANSWERED');

    const closed = await as.supervisor.post(`/api/supervision/orders/${order.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'closed', closeReason: '答复已认可', allowedOrderActions: [] });
    expect((await caseRow(caseId)).supervision_level).toBe('urged');
    expect((await events(caseId)).at(-1)!).toMatchObject({ type: 'case.order_closed', payload: { orderId: order.id, reason: '答复已认可' } });

    // The chain still holds, and the case page shows the events (the cache was dropped after each commit).
    expect((await verifyChains(rt.deps.database.db)).firstBroken).toBeNull();
    const detail = await as.supervisor.get(`/api/cases/${caseId}`);
    expect(detail.body.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['case.order_issued', 'case.order_raised', 'case.order_answered', 'case.order_closed']));
    expect(detail.body.supervisionLevel).toBe('urged');
  });

  it('refuses bad input with nothing written', async () => {
    rt.clock.set('2024-10-10T09:00:00+08:00');
    const caseId = await handlingCase(as);
    const before = (await events(caseId)).length;
    const cases = [
      [{ departmentId: zjj, demands: ' ', deadline: { workingDays: 2 } }, 'ORDER_DEMANDS_REQUIRED'],
      [{ departmentId: zjj, demands: '督办', deadline: { date: '2024-10-01' } }, 'ORDER_DEADLINE_INVALID'],
      [{ departmentId: (await orgIds(as.intake)).dept('scjg'), demands: '督办', deadline: { workingDays: 2 } }, 'ORDER_DEPARTMENT_NOT_HOLDING'],
      [{ departmentId: 999_999, demands: '督办', deadline: { workingDays: 2 } }, 'DEPARTMENT_NOT_FOUND'],
      [{ departmentId: zjj, demands: '督办', deadline: { date: '10/15/2024' } }, 'VALIDATION_FAILED'],
      [{ departmentId: zjj, level: 'purple', demands: '督办', deadline: { workingDays: 2 } }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [body, code] of cases) {
      const r = await as.supervisor.post(`/api/cases/${caseId}/orders`, body);
      expect(r.body.error?.code, JSON.stringify(body)).toBe(code);
    }
    expect((await events(caseId)).length).toBe(before);
    expect((await rt.deps.database.db.selectFrom('supervision_orders').selectAll().where('case_id', '=', caseId).execute())).toHaveLength(0);
    expect((await caseRow(caseId)).supervision_level).toBe('none');
    const missing = await as.supervisor.post('/api/supervision/orders/987654/close', {});
    expect(missing.status).toBe(404);
  });
});
