// Assessment benchmark: the monthly run (catch up facts, count, score, rank, store the snapshot) over N cases'
// facts, on PGlite and PostgreSQL. Facts are generated in SQL (no events: the run reads facts, `verify` reads events).
// Prints figures, asserts nothing.
//
//   node --import tsx bench/assess.ts [--engine pglite|postgres|both] [--cases 1000000] [--months 12]
import { parseArgs } from 'node:util';
import { permissionsOf } from '../src/domain/access/permissions.js';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { parsePeriod } from '../src/domain/assessment/period.js';
import { runPeriod } from '../src/server/modules/assessment/periods.js';
import { drillDown } from '../src/server/modules/assessment/drill.js';
import { assembleDeps } from '../src/server/runtime.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '1000000' }, months: { type: 'string', default: '12' } } });
const total = Number(values.cases);
const months = Number(values.months);
const lastMonth = '2026-10';

/** Facts of cases [from, to): each case belongs to one department and one month; a share is late, rated, ordered… */
async function generate(database: Database, deptIds: number[]) {
  const end = parsePeriod(lastMonth)!.to;
  const spanSeconds = months * 30.4 * 86_400;
  const chunk = 100_000;
  const t = performance.now();
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total + 1, from + chunk);
    // Deterministic pseudo-random numbers per case (hash of the id), so both engines get the same data.
    await sql`
      WITH c AS (
        SELECT id,
          ${sql.val(deptIds)}::int[] AS depts,
          (abs(hashint8(id)) % 1000000) / 1000000.0 AS r1,
          (abs(hashint8(id * 7 + 1)) % 1000000) / 1000000.0 AS r2,
          (abs(hashint8(id * 13 + 5)) % 1000000) / 1000000.0 AS r3,
          ${end}::timestamptz - make_interval(secs => (id::float8 / ${total}) * ${spanSeconds}) AS t0
        FROM generate_series(${from}::bigint, ${to - 1}::bigint) AS id
      ), d AS (
        SELECT id, depts[1 + (abs(hashint8(id * 3)) % array_length(depts, 1))] AS dept, r1, r2, r3, t0 FROM c
      )
      INSERT INTO assessment_facts (case_id, department_id, measure, at, hit, rating, responded, resolved, valid_from)
      SELECT id, dept, 'signing', t0, r1 > 0.1, NULL::text, NULL::boolean, NULL::boolean, 0 FROM d
      UNION ALL SELECT id, dept, 'replying', t0 + interval '5 days', r2 > 0.12, NULL, NULL, NULL, 0 FROM d WHERE r3 < 0.85
      UNION ALL SELECT id, dept, 'followup', t0 + interval '7 days', true,
        CASE WHEN r2 < 0.08 THEN 'unsatisfied' WHEN r2 < 0.2 THEN 'basically' ELSE 'satisfied' END, r1 > 0.1, r2 >= 0.08, 0 FROM d WHERE r3 < 0.7
      UNION ALL SELECT id, dept, 'overdue', t0 + interval '16 days', true, NULL, NULL, NULL, 0 FROM d WHERE r2 > 0.88
      UNION ALL SELECT id, dept, 'yellow', t0 + interval '10 days', true, NULL, NULL, NULL, 0 FROM d WHERE r1 < 0.02
      UNION ALL SELECT id, dept, 'red', t0 + interval '12 days', true, NULL, NULL, NULL, 0 FROM d WHERE r1 < 0.005
      UNION ALL SELECT id, dept, 'redo', t0 + interval '8 days', true, NULL, NULL, NULL, 0 FROM d WHERE r2 < 0.03
      UNION ALL SELECT id, dept, 'refused_return', t0 + interval '1 day', true, NULL, NULL, NULL, 0 FROM d WHERE r3 > 0.99`.execute(database.db);
    log(`  facts of ${to - 1} cases (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  // A few approved exclusions, as the appeals would leave them.
  await sql`INSERT INTO assessment_facts (case_id, department_id, measure, at, hit, detail, valid_from)
    SELECT case_id, department_id, 'excluded', at, true, '{"reason":"force_majeure"}', 0 FROM assessment_facts
    WHERE measure = 'followup' AND rating = 'unsatisfied' AND case_id % 97 = 0`.execute(database.db);
  await sql`ANALYZE assessment_facts`.execute(database.db);
}

async function run(engine: string) {
  const { database, drop } = await openScratch(engine, 'assess', { keep: !!process.env.BENCH_KEEP });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const depts = await database.db.selectFrom('departments').select('id').where('kind', 'in', ['city_department', 'district', 'park']).execute();
    log(`${engine}: generating facts of ${total.toLocaleString()} cases over ${months} months…`);
    const g = performance.now();
    await generate(database, depts.map((d) => d.id));
    const rows = await database.db.selectFrom('assessment_facts').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const genSeconds = (performance.now() - g) / 1000;
    const deps = assembleDeps(database, { logLevel: 'silent', now: () => new Date('2026-11-03T09:00:00+08:00') });
    const times: number[] = [];
    let monthCases = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await runPeriod(deps, null, lastMonth);
      times.push(performance.now() - t);
      monthCases = r.period.rows.reduce((a, x) => a + x.cases, 0);
    }
    const q = performance.now();
    await runPeriod(deps, null, '2026-Q3');
    const quarter = performance.now() - q;
    const top = (await runPeriod(deps, null, lastMonth)).period.rows.find((x) => x.rank === 1)!;
    const user = { id: 1, username: 'bench', displayName: 'bench', role: 'supervisor' as const, roles: ['supervisor' as const], permissions: permissionsOf(['supervisor']), departmentId: 1, departmentName: '', mustChangePassword: false };
    const d = performance.now();
    const page = await drillDown(deps, user, { period: lastMonth, department: top.departmentId, measure: 'satisfaction', part: 'denominator', offset: 0, limit: 50 });
    const drill = performance.now() - d;
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${engine}: ${total.toLocaleString()} cases, ${Number(rows.n).toLocaleString()} fact rows (generated in ${genSeconds.toFixed(0)} s)`);
    console.log(`  monthly run ${lastMonth} (${monthCases.toLocaleString()} case-departments in the month): ${times.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')} — median ${(sorted[1] / 1000).toFixed(2)} s`);
    console.log(`  quarterly run 2026-Q3: ${(quarter / 1000).toFixed(2)} s`);
    console.log(`  drill-down (satisfaction denominator of ${top.departmentName}: figure ${page.figure}, list ${page.total} cases, first page): ${drill.toFixed(0)} ms`);
  } finally {
    await drop();
  }
}

for (const engine of enginesFrom(values.engine)) await run(engine);
