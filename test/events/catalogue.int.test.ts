import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEventTypes, notifyingEventTypes, safeParseEvent } from '../../src/domain/events/catalogue.js';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { loadDemo } from '../../src/server/demo/load-demo.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// The event catalogue against a real database: every event the demo (played through decide(), the areas' extras
// and an SLA sweep) stores fits it, and the notification outbox trigger enqueues exactly its notifying types.

let rt: TestRuntime;
const now = new Date('2026-11-02T09:00:00+08:00');

beforeAll(async () => {
  rt = await testRuntime(now.toISOString());
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 120, seed: 11, now });
  await sweepSla(rt.deps);
}, 240_000);
afterAll(() => rt.close());

describe('the event catalogue and the database', () => {
  it('parses every stored event (type and payload)', async () => {
    const rows = await rt.deps.database.db.selectFrom('case_events').select(['type', 'payload']).execute();
    expect(rows.length).toBeGreaterThan(1000);
    const misfits = new Map<string, string>();
    for (const row of rows) {
      const r = safeParseEvent(row);
      if (!r.success && !misfits.has(row.type)) misfits.set(row.type, `${JSON.stringify(row.payload)}: ${r.error}`);
    }
    expect(Object.fromEntries(misfits)).toEqual({});
    // The demo exercises most of the catalogue, not a corner of it.
    const seen = new Set(rows.map((r) => r.type));
    expect(seen.size, `types seen: ${[...seen].sort().join(', ')}`).toBeGreaterThanOrEqual(25);
    expect([...seen].filter((t) => !(caseEventTypes as string[]).includes(t))).toEqual([]);
  });

  it('the outbox trigger enqueues exactly the catalogue\'s notifying types', async () => {
    // The list lives in the trigger's WHEN (a row trigger, up to 0018) or in its function (a statement trigger, 0029).
    const r = await sql<{ def: string; fn: string }>`
      SELECT pg_get_triggerdef(t.oid) AS def, pg_get_functiondef(t.tgfoid) AS fn FROM pg_trigger t
      WHERE t.tgrelid = 'case_events'::regclass AND t.tgname = 'case_events_notification_outbox' AND NOT t.tgisinternal`.execute(rt.deps.database.db);
    expect(r.rows).toHaveLength(1);
    const text = `${r.rows[0].def}\n${r.rows[0].fn}`;
    const inTrigger = [...new Set([...text.matchAll(/'(case\.[a-z_]+)'/g)].map((m) => m[1]))].sort();
    expect(inTrigger, `trigger: ${text}`).toEqual([...notifyingEventTypes].sort());
  });
});
