import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/engine.js';
import { assembleDeps } from '../../src/server/runtime.js';
import type { AppDeps } from '../../src/server/deps.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// A second server on the same database (PostgreSQL) hears calendar and policy changes through NOTIFY;
// on PGlite (one process per folder) the same store reloads at once.
let rt: TestRuntime;
let other: { database: Database; deps: AppDeps; stop: () => Promise<void> } | null = null;

beforeAll(async () => {
  rt = await testRuntime();
  if (rt.deps.database.kind === 'postgres') {
    const database = await openDatabase({ databaseUrl: rt.deps.database.location, poolSize: 2 });
    const deps = assembleDeps(database, { logLevel: 'silent' });
    await deps.calendar.ready();
    const stop = await deps.calendar.subscribe();
    other = { database, deps, stop };
  }
});
afterAll(async () => {
  if (other) {
    await other.stop();
    await other.database.close();
  }
  await rt.close();
});

async function eventually(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('calendar reload', () => {
  it('reaches this process at once and another process through NOTIFY', async () => {
    const admin = await loginAs(rt.app, 'admin');
    expect(rt.deps.calendar.calendar.isWorkday('2026-12-07')).toBe(true);
    if (other) expect(other.deps.calendar.calendar.isWorkday('2026-12-07')).toBe(true);
    const r = await admin.post('/api/calendar/days', { date: '2026-12-07', kind: 'holiday', name: '测试' });
    expect(r.status).toBe(200);
    expect(rt.deps.calendar.calendar.isWorkday('2026-12-07')).toBe(false);
    if (other) expect(await eventually(() => !other!.deps.calendar.calendar.isWorkday('2026-12-07'))).toBe(true);

    const p = await admin.post('/api/policies', {
      categoryId: null, urgency: 'urgent', sign: { value: 1, unit: 'hours' }, opinion: { value: 1, unit: 'days' },
      reply: { value: 2, unit: 'days' }, rating: { value: 3, unit: 'days' }, warningShare: 0.5,
    });
    expect(p.status).toBe(200);
    expect(rt.deps.calendar.policy.warningShare(3, 'urgent')).toBe(0.5);
    if (other) expect(await eventually(() => other!.deps.policy === other!.deps.calendar.policy && other!.deps.calendar.policy.warningShare(3, 'urgent') === 0.5)).toBe(true);
  });
});
