import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runNotificationPass, startNotificationWorker } from '../../src/server/jobs/notification-worker.js';
import { writeCaseChange } from '../../src/server/modules/cases/repository.js';
import type { CaseEvent, CaseEventType, EventPayload } from '../../src/domain/events/catalogue.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testEngine, testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
const system = { userId: null, role: 'system' as const, departmentId: null };

beforeAll(async () => {
  rt = await testRuntime();
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

async function newCase(lead = 'zjj'): Promise<number> {
  const r = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept(lead), coDepartmentIds: [] } });
  return r.body.id;
}

/** Appends a system event to a case's chain in its own transaction, as a sweep would. */
async function appendEvent<T extends CaseEventType>(caseId: number, type: T, payload: EventPayload<T>) {
  await rt.deps.database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('cases').select(['id', 'event_count', 'last_event_hash']).where('id', '=', caseId).forUpdate().executeTakeFirstOrThrow();
    await writeCaseChange(tx, row, {}, [{ type, payload } as CaseEvent], system, rt.deps.now());
  });
}

const noticesOf = (caseId: number) => rt.deps.database.db.selectFrom('notifications').select(['user_id', 'event_type']).where('case_id', '=', caseId).execute();

describe('the outbox never loses or doubles an event', () => {
  it('an event committed after a later-numbered one was processed is still delivered', async () => {
    const early = await newCase();
    const late = await newCase('scjg');
    if (testEngine === 'postgres') {
      // A real interleaving: an event row is inserted (taking its id) in a transaction that stays open while a
      // later event commits and the worker runs; it commits afterwards.
      const client = new pg.Client({ connectionString: rt.deps.database.location });
      await client.connect();
      try {
        await runNotificationPass(rt.deps);
        await client.query('BEGIN');
        const row = (await client.query('SELECT event_count, last_event_hash FROM cases WHERE id = $1 FOR UPDATE', [early])).rows[0];
        await client.query(
          `INSERT INTO case_events (case_id, seq, type, actor_role, at, payload, prev_hash, hash) VALUES ($1, $2, 'case.warned', 'system', now(), $3, $4, 'x')`,
          [early, row.event_count + 1, JSON.stringify({ assignmentId: 1, departmentId: ids.dept('zjj'), clock: 'sign', level: 'yellow', deadline: '2026-11-03T09:30:00.000Z' }), row.last_event_hash],
        );
        await appendEvent(late, 'case.warned', { assignmentId: 1, departmentId: ids.dept('scjg'), clock: 'sign', level: 'yellow', deadline: '2026-11-03T09:30:00.000Z' });
        await runNotificationPass(rt.deps);
        expect((await noticesOf(late)).some((n) => n.event_type === 'case.warned')).toBe(true);
        expect((await noticesOf(early)).some((n) => n.event_type === 'case.warned')).toBe(false);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    } else {
      // PGlite is one session: transactions cannot interleave; the outbox row is what the worker reads either way.
      await appendEvent(late, 'case.warned', { assignmentId: 1, departmentId: ids.dept('scjg'), clock: 'sign', level: 'yellow', deadline: '2026-11-03T09:30:00.000Z' });
      await runNotificationPass(rt.deps);
      await appendEvent(early, 'case.warned', { assignmentId: 1, departmentId: ids.dept('zjj'), clock: 'sign', level: 'yellow', deadline: '2026-11-03T09:30:00.000Z' });
    }
    await runNotificationPass(rt.deps);
    const warned = (await noticesOf(early)).filter((n) => n.event_type === 'case.warned');
    expect(warned).toHaveLength(2); // zjj-handler and zjj-head
    expect(await rt.deps.database.db.selectFrom('notification_outbox').select('event_id').execute()).toHaveLength(0);
  });

  it('two workers running at once split the work without doubling a notice', async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await newCase(i % 2 ? 'zjj' : 'scjg'));
    const [a, b] = await Promise.all([runNotificationPass(rt.deps), runNotificationPass(rt.deps)]);
    expect(a.events + b.events).toBe(12);
    const rows = await rt.deps.database.db.selectFrom('notifications').select(['event_id', 'user_id']).where('case_id', 'in', cases).execute();
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => `${r.event_id}:${r.user_id}`)).size).toBe(24);
  });

  it('history older than 30 days (a bulk import) is consumed without notices', async () => {
    const id = await newCase();
    await runNotificationPass(rt.deps);
    rt.clock.advanceDays(-40);
    await appendEvent(id, 'case.warned', { assignmentId: 1, departmentId: ids.dept('zjj'), clock: 'sign', level: 'yellow', deadline: '2026-11-03T09:30:00.000Z' });
    rt.clock.advanceDays(40);
    await runNotificationPass(rt.deps);
    expect((await noticesOf(id)).filter((n) => n.event_type === 'case.warned')).toHaveLength(0);
    expect(await rt.deps.database.db.selectFrom('notification_outbox').select('event_id').execute()).toHaveLength(0);
  });

  it('a red warning also goes out by SMS through the logging gateway', async () => {
    const id = await newCase();
    await runNotificationPass(rt.deps);
    await appendEvent(id, 'case.warned', { assignmentId: 1, departmentId: ids.dept('zjj'), clock: 'sign', level: 'red', deadline: '2026-11-03T09:30:00.000Z' });
    await runNotificationPass(rt.deps);
    const sms = await rt.deps.database.db.selectFrom('sms_log').selectAll().execute();
    expect(sms).toHaveLength(2);
    expect(sms.every((s) => /^1990734\d{4}$/.test(s.phone) && s.text.startsWith('【一网督办】【超期提醒】'))).toBe(true);
    const notices = (await noticesOf(id)).filter((n) => n.event_type === 'case.warned');
    expect(notices).toHaveLength(2);
  });

  it('the running worker picks events up by itself (poll, and NOTIFY on PostgreSQL)', async () => {
    const worker = startNotificationWorker(rt.deps, 100);
    try {
      const id = await newCase();
      await vi.waitFor(async () => expect(await noticesOf(id)).toHaveLength(2), { timeout: 20_000, interval: 50 });
      expect((await worker.runOnce()).notices).toBe(0);
    } finally {
      worker.stop();
    }
  });
});
