import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardQuery } from '../../src/contracts/board.js';
import { findBoardRows } from '../../src/server/modules/publication/board-rows.js';
import { queryLexemes, toTsquery } from '../../src/server/modules/publication/search-text.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// The search answers in steps (the newest rows, then the matches of the newest 1, 4, 16, 64 weeks, then all matches).
// Whatever step answers, the result must be exactly the newest matches, as one plain query over every match gives
// them. 3,000 publications written in SQL: the newest 2,000 one every 10 minutes (two weeks), the 1,000 before one
// every 12 hours (about 71 weeks). Words of every frequency:
//   路灯 every other case (step 1) · 噪音 one in 50 (the week steps, by page size) · 井盖 only in cases older than 64
//   weeks (all matches) · 积水 only in the 10 newest (fewer than a page anywhere) · 幼儿园 nowhere.

let rt: TestRuntime;
const total = 3_000;

beforeAll(async () => {
  rt = await testRuntime('2026-11-20T10:00:00+08:00');
  const db = rt.deps.database.db;
  const cat = (await db.selectFrom('categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow()).id;
  const depts = (await db.selectFrom('departments').select('id').where('kind', '=', 'city_department').orderBy('id').limit(3).execute()).map((d) => d.id);
  const words = sql`array_remove(ARRAY['公开', CASE WHEN g % 2 = 0 THEN '路灯' END, CASE WHEN g % 50 = 7 THEN '噪音' END,
    CASE WHEN g < 100 AND g % 10 = 3 THEN '井盖' END, CASE WHEN g > ${total - 10} THEN '积水' END], NULL)`;
  await sql`
    INSERT INTO cases (code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone, is_public,
      is_name_public, lead_department_id, round, created_at, accepted_at, dispatched_at, updated_at, event_count, last_event_hash)
    SELECT 'SR' || lpad(g::text, 6, '0'), '测试', '测试', ${cat}, 'hotline', 'normal', 'handling', '测试', '13800000000', false, false,
      (${depts}::int[])[1 + g % 3], 1, c.at, c.at, c.at, c.at, 0, ''
    FROM generate_series(1, ${total}) g
    CROSS JOIN LATERAL (SELECT timestamptz '2026-11-20 09:00:00+08' - CASE WHEN g > 1000 THEN (${total} - g) * interval '10 minutes'
      ELSE 2000 * interval '10 minutes' + (1000 - g) * interval '12 hours' END AS at) c`.execute(db);
  await sql`
    INSERT INTO case_publications (case_id, status, public_title, public_description, search_vector, case_created_at, case_status,
      public_status, category_id, department_id, candidate_at, published_at, updated_at)
    SELECT c.id, 'approved', '公开' || g, '公开', array_to_tsvector(${words}), c.created_at, 'handling', 'handling', c.category_id,
      c.lead_department_id, c.created_at, c.created_at, c.created_at
    FROM generate_series(1, ${total}) g JOIN cases c ON c.code = 'SR' || lpad(g::text, 6, '0')`.execute(db);
  await sql`ANALYZE case_publications`.execute(db);
}, 120_000);
afterAll(() => rt.close());

const query = (q: Partial<BoardQuery>): BoardQuery => ({ limit: 20, ...q });

/** Every match, newest first, in one plain query. */
async function reference(word: string, departmentId?: number): Promise<string[]> {
  const r = await sql<{ code: string }>`
    SELECT c.code FROM case_publications p JOIN cases c ON c.id = p.case_id
    WHERE p.status = 'approved' AND p.search_vector @@ ${toTsquery(queryLexemes(word))}::tsquery
      AND (${departmentId ?? null}::int IS NULL OR p.department_id = ${departmentId ?? null}::int)
    ORDER BY p.case_created_at DESC, p.case_id DESC`.execute(rt.deps.database.db);
  return r.rows.map((x) => x.code);
}

/** Every page of a search, following the cursor. */
async function allPages(q: BoardQuery): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 200; i++) {
    const rows = await findBoardRows(rt.deps.database.db, query({ ...q, cursor }));
    out.push(...rows.slice(0, q.limit).map((r) => r.code));
    if (rows.length <= q.limit) return out;
    const last = rows[q.limit - 1];
    cursor = Buffer.from(JSON.stringify([last.case_created_at.toISOString(), last.case_id])).toString('base64url');
  }
  throw new Error('too many pages');
}

describe('search steps give the newest matches', () => {
  it.each([
    ['路灯', 1500], ['噪音', 60], ['井盖', 10], ['积水', 10], ['幼儿园', 0], ['路灯 噪音', 0],
  ])('%s: the first pages of every size', async (word, count) => {
    const all = await reference(word);
    expect(all).toHaveLength(count);
    for (const limit of [1, 5, 10, 20, 30, 40, 50]) {
      const rows = await findBoardRows(rt.deps.database.db, query({ q: word, limit }));
      expect(rows.map((r) => r.code), `${word} limit ${limit}`).toEqual(all.slice(0, limit + 1));
    }
  });

  it('pages of a word of middling frequency follow the cursor through every week step', async () => {
    expect(await allPages(query({ q: '噪音', limit: 7 }))).toEqual(await reference('噪音'));
    expect(await allPages(query({ q: '井盖', limit: 4 }))).toEqual(await reference('井盖'));
  });

  it('with a filter', async () => {
    const dept = (await rt.deps.database.db.selectFrom('case_publications').select('department_id').where('case_id', '=',
      (await rt.deps.database.db.selectFrom('cases').select('id').where('code', '=', 'SR000007').executeTakeFirstOrThrow()).id).executeTakeFirstOrThrow()).department_id!;
    const expected = await reference('噪音', dept);
    expect(expected.length).toBeGreaterThan(5);
    expect(await allPages(query({ q: '噪音', departmentId: dept, limit: 3 }))).toEqual(expected);
    expect((await findBoardRows(rt.deps.database.db, query({ q: '噪音', departmentId: dept, limit: 5 }))).map((r) => r.code)).toEqual(expected.slice(0, 6));
  });
});
