import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// A consultation (3 working days to reply) dispatched on Friday 2024-09-27, the last working day but one before
// National Day (1–7 Oct; make-up working days Sunday 29 Sep and Saturday 12 Oct), left untouched after signing.

let rt: TestRuntime;
let intake: Client, supervisor: Client, handler: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  [intake, supervisor, handler] = await Promise.all(['intake', 'supervisor', 'rsj-handler'].map((u) => loginAs(rt.app, u)));
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

async function newCase(sign: boolean): Promise<number> {
  const created = await intake.post('/api/cases', sampleCase(ids.category('policy.talent'), { title: '人才补贴申请咨询' }));
  expect(created.status).toBe(201);
  const id = created.body.id;
  if (created.body.status === 'submitted') {
    expect((await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('rsj') })).status).toBe(200);
  }
  if (sign) expect((await handler.post(`/api/cases/${id}/sign`)).status).toBe(200);
  return id;
}

async function eventsOf(id: number) {
  return rt.deps.database.db.selectFrom('case_events').select(['type', 'payload', 'actor_role', 'at']).where('case_id', '=', id)
    .where('type', 'in', ['case.warned', 'case.urged', 'case.escalated']).orderBy('seq').execute();
}

async function sweepAt(at: string) {
  rt.clock.set(at);
  return sweepSla(rt.deps);
}

const level = async (id: number) => (await supervisor.get(`/api/cases/${id}`)).body.warningLevel;

describe('warnings across the 2024 National Day holiday', () => {
  it('yellow and red on the right working day, the department urged once, events in a valid chain', async () => {
    const reply = await newCase(true); // signed: the reply clock runs, deadline 2024-10-08 17:30
    const sign = await newCase(false); // never signed: the sign clock runs, deadline Sunday 2024-09-29 17:30 (make-up day)
    const paused = await newCase(true);
    expect((await supervisor.post(`/api/cases/${paused}/suspend`, { reason: '等待诉求人补充材料' })).status).toBe(200);

    await sweepAt('2024-09-27T10:00:00+08:00');
    expect(await eventsOf(reply)).toEqual([]);

    // The sign clock: 80% of one working day used at 15:12 on the make-up Sunday, red at its close.
    await sweepAt('2024-09-29T15:11:00+08:00');
    expect(await eventsOf(sign)).toEqual([]);
    await sweepAt('2024-09-29T15:12:00+08:00');
    expect((await eventsOf(sign)).map((e) => [e.type, e.payload.clock, e.payload.level])).toEqual([['case.warned', 'sign', 'yellow']]);
    expect(await level(sign)).toBe('yellow');
    await sweepAt('2024-09-29T17:30:00+08:00');
    expect((await eventsOf(sign)).map((e) => e.type)).toEqual(['case.warned', 'case.warned', 'case.urged', 'case.escalated']);
    expect(await level(sign)).toBe('red');

    // Nothing for the reply clock through Monday 30 Sep and the whole holiday: the yellow instant is 8 Oct 10:06.
    for (const at of ['2024-09-30T17:30:00+08:00', '2024-10-01T12:00:00+08:00', '2024-10-07T23:59:00+08:00', '2024-10-08T10:05:00+08:00']) {
      await sweepAt(at);
      expect(await eventsOf(reply)).toEqual([]);
      expect(await level(reply)).toBe('none');
    }
    const yellow = await sweepAt('2024-10-08T10:06:00+08:00');
    expect(yellow).toMatchObject({ crossings: 1, events: 1 });
    expect((await eventsOf(reply)).map((e) => e.payload)).toEqual([
      { assignmentId: expect.any(Number), departmentId: ids.dept('rsj'), clock: 'reply', level: 'yellow', deadline: new Date('2024-10-08T17:30:00+08:00').toISOString() },
    ]);
    expect(await level(reply)).toBe('yellow');
    expect((await supervisor.get('/api/cases?warningLevel=yellow')).body.items.map((c: any) => c.id)).toEqual([reply]);

    await sweepAt('2024-10-08T17:29:59+08:00');
    expect(await eventsOf(reply)).toHaveLength(1);
    const red = await sweepAt('2024-10-08T17:30:00+08:00');
    expect(red).toMatchObject({ crossings: 1, events: 3, urged: 1, escalated: 1 });
    // Re-running at the same time changes nothing.
    expect(await sweepAt('2024-10-08T17:30:00+08:00')).toMatchObject({ crossings: 0, events: 0, casesChanged: 0 });

    // Through the make-up Saturday and beyond: no more events.
    for (const at of ['2024-10-12T10:00:00+08:00', '2024-10-12T17:30:00+08:00', '2024-10-14T09:00:00+08:00']) await sweepAt(at);
    const events = await eventsOf(reply);
    expect(events.map((e) => [e.type, e.payload.level ?? e.payload.by ?? e.payload.to])).toEqual([
      ['case.warned', 'yellow'], ['case.warned', 'red'], ['case.urged', 'system'], ['case.escalated', 'supervision_office'],
    ]);
    expect(events.every((e) => e.actor_role === 'system')).toBe(true);
    expect(events.filter((e) => e.type === 'case.urged')).toHaveLength(1);

    const detail = (await supervisor.get(`/api/cases/${reply}`)).body;
    expect(detail).toMatchObject({ warningLevel: 'red', supervisionLevel: 'urged' });
    expect(detail.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['case.warned', 'case.urged', 'case.escalated']));
    expect((await supervisor.get('/api/cases?warningLevel=red')).body.items.map((c: any) => c.id).sort()).toEqual([reply, sign].sort());

    const crossings = (await handler.get(`/api/sla/crossings?caseId=${reply}`)).body;
    expect(crossings.items.map((c: any) => [c.clock, c.level, c.crossedAt])).toEqual([
      ['reply', 'yellow', new Date('2024-10-08T10:06:00+08:00').toISOString()],
      ['reply', 'red', new Date('2024-10-08T17:30:00+08:00').toISOString()],
    ]);

    // The suspended case never warned.
    expect(await eventsOf(paused)).toEqual([]);
    expect(await level(paused)).toBe('none');

    expect((await verifyChains(rt.deps.database.db)).firstBroken).toBeNull();
  });

  it('a limit ending on the make-up Saturday 12 Oct turns yellow and red that Saturday', async () => {
    rt.clock.set('2024-10-09T09:00:00+08:00');
    const id = await newCase(true); // 3 working days: 10, 11, 12 Oct
    await sweepAt('2024-10-12T09:53:00+08:00');
    expect(await eventsOf(id)).toEqual([]);
    await sweepAt('2024-10-12T09:54:00+08:00');
    expect((await eventsOf(id)).map((e) => e.payload.level)).toEqual(['yellow']);
    await sweepAt('2024-10-12T17:30:00+08:00');
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['case.warned', 'case.warned', 'case.urged', 'case.escalated']);
  });

  it('replying stops the clock and clears the warning level', async () => {
    rt.clock.set('2024-10-14T09:00:00+08:00');
    const id = await newCase(true);
    await sweepAt('2024-10-17T17:30:00+08:00');
    expect(await level(id)).toBe('red');
    expect((await handler.post(`/api/cases/${id}/reply`, { text: '已按政策办理，补贴将于本月发放。' })).status).toBe(200);
    expect(await sweepAt('2024-10-17T17:31:00+08:00')).toMatchObject({ crossings: 0, events: 0 });
    expect(await level(id)).toBe('none');
  });
});
