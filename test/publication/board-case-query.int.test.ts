import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load-demo.js';
import { loadCaseRecord } from '../../src/server/modules/cases/case-cache.js';
import { boardEvent, presentBoardCase } from '../../src/server/modules/publication/board-presenter.js';
import { getBoardCase } from '../../src/server/modules/publication/board-queries.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// The public case page is read in one statement that loads only what the presenter shows. It must present exactly what
// the full case record (the case cache's loader) presents, for every published demo case: co-departments, returns,
// redos, extensions, suspensions, ratings, replies under review.

let rt: TestRuntime;
const approved: { id: number; code: string }[] = [];

beforeAll(async () => {
  rt = await testRuntime('2026-11-20T10:00:00+08:00');
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 300, now: rt.clock.now() });
  const rows = await rt.deps.database.db.selectFrom('cases as c').innerJoin('case_publications as p', 'p.case_id', 'c.id')
    .select(['c.id', 'c.code']).where('p.status', '=', 'approved').orderBy('c.id').execute();
  approved.push(...rows);
}, 240_000);
afterAll(() => rt.close());

async function fromFullRecord(id: number) {
  const db = rt.deps.database.db;
  const record = await loadCaseRecord(db, id);
  const pub = await db.selectFrom('case_publications').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
  return presentBoardCase({ ...record!, events: record!.events.map(boardEvent) }, pub, await rt.deps.directory.ready(), rt.deps.calendar.calendar, rt.deps.now());
}

describe('public case page in one statement', () => {
  it('presents every published demo case as the full case record does', async () => {
    expect(approved.length).toBeGreaterThan(20);
    for (const { id, code } of approved) {
      const found = await getBoardCase(rt.deps, code);
      expect(found?.caseId, code).toBe(id);
      expect(found?.body, code).toEqual(await fromFullRecord(id));
    }
  });

  it('expands an imported history from only the allowed payload keys', async () => {
    const { id, code } = approved[0];
    const db = rt.deps.database.db;
    const seq = Number((await sql<{ n: number }>`SELECT max(seq) AS n FROM case_events WHERE case_id = ${id}`.execute(db)).rows[0].n) + 1;
    const payload = { createdAt: '2025-03-01T01:00:00.000Z', dispatchedAt: '2025-03-02T01:00:00.000Z', repliedAt: null, closedAt: '2025-03-09T01:00:00.000Z', submitterPhone: '13812345678' };
    await sql`INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash)
      VALUES (${id}, ${seq}, 'case.imported', NULL, NULL, 'system', now(), ${JSON.stringify(payload)}::jsonb, '', 'test')`.execute(db);
    const found = await getBoardCase(rt.deps, code);
    expect(found?.body).toEqual(await fromFullRecord(id));
    expect(found?.body.timeline.slice(-3)).toEqual([
      { at: '2025-03-01T01:00:00.000Z', step: 'submitted', department: null },
      { at: '2025-03-02T01:00:00.000Z', step: 'dispatched', department: null },
      { at: '2025-03-09T01:00:00.000Z', step: 'closed', department: null },
    ]);
    expect(JSON.stringify(found)).not.toContain('13812345678');
  });

  it('finds nothing for a case that is not on the board', async () => {
    const db = rt.deps.database.db;
    const other = await db.selectFrom('cases as c').leftJoin('case_publications as p', 'p.case_id', 'c.id').select('c.code')
      .where((eb) => eb.or([eb('p.status', 'is', null), eb('p.status', '<>', 'approved')])).executeTakeFirstOrThrow();
    expect(await getBoardCase(rt.deps, other.code)).toBeNull();
    expect(await getBoardCase(rt.deps, 'NO-SUCH-CODE')).toBeNull();
  });
});
