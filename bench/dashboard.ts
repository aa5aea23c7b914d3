// Dashboard benchmark: generates N cases inside a scratch database with generate_series (through the real triggers,
// so the rollups are built the way production builds them), then runs every dashboard query repeatedly with
// concurrency through the HTTP routes (in-process inject) and prints p50/p99 per query. Prints figures, asserts
// nothing.
//
//   node --import tsx bench/dashboard.ts [--engine pglite|postgres|both] [--cases 1000000] [--rounds 40] [--concurrency 8,1] [--keep] [--trigger]
//
// --trigger: load through the rollup's insert trigger instead of filling the rollup once after the load.
//
// Defaults: 1,000,000 cases on PGlite, 10,000,000 on PostgreSQL (override with --cases). Cases are spread evenly over
// the 24 months before now; ~3% rejected, the rest closed and rated unless recent; ~7% went overdue (a red SLA
// crossing); open cases get their assignment rows (closed cases' assignments are not generated: no dashboard query
// reads them).
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { migrate } from '../src/server/db/migrate.js';
import { demoPassword, seedOrganisation } from '../src/server/demo/seed-org.js';
import { assembleDeps } from '../src/server/runtime.js';
import { getOverview } from '../src/server/modules/dashboard/overview.js';
import { beijingDay, addDays, weekStart } from '../src/server/modules/dashboard/periods.js';
import { generateCases as generate } from './cases-kit.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' }, cases: { type: 'string' }, rounds: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '8,1' }, keep: { type: 'boolean', default: false },
    trigger: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const levels = values.concurrency!.split(',').map(Number);

interface Stat { p50: number; p99: number; perSecond: number; n: number }

async function measure(n: number, concurrency: number, fn: () => Promise<void>): Promise<Stat> {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) {
      next++;
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
  }));
  const total = performance.now() - start;
  times.sort((x, y) => x - y);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), perSecond: (times.length / total) * 1000, n: times.length };
}

async function run(engine: string, n: number): Promise<void> {
  const { database, drop } = await openScratch(engine, 'dash', { poolSize: 16, keep: values.keep });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const now = new Date();
    log(`${engine}: generating ${n.toLocaleString()} cases`);
    const g0 = performance.now();
    await generate(database, n, now, values.trigger);
    const genSeconds = (performance.now() - g0) / 1000;
    const v0 = performance.now();
    await sql.raw(engine === 'postgres' ? 'VACUUM ANALYZE' : 'VACUUM ANALYZE').execute(database.db);
    const vacuumSeconds = (performance.now() - v0) / 1000;
    log(`${engine}: generated in ${genSeconds.toFixed(1)} s, VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s`);
    const sizes = await sql<{ cases: string; rollup: string; totals: string; crossings: string; rows: number; trows: number; x: number; oc: number }>`
      SELECT pg_size_pretty(pg_total_relation_size('cases')) AS cases, pg_size_pretty(pg_total_relation_size('dashboard_daily')) AS rollup,
             pg_size_pretty(pg_total_relation_size('dashboard_daily_totals')) AS totals, pg_size_pretty(pg_total_relation_size('sla_crossings')) AS crossings,
             (SELECT count(*) FROM dashboard_daily)::int AS rows, (SELECT count(*) FROM dashboard_daily_totals)::int AS trows,
             (SELECT count(*) FROM sla_crossings)::int AS x, (SELECT count(*) FROM dashboard_overdue_counts)::int AS oc`.execute(database.db);

    const deps = assembleDeps(database, { now: () => now, logLevel: 'silent' });
    const app = await buildApp(deps);
    const cookieOf = async (username: string) => {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
      return `yw_session=${r.cookies.find((c) => c.name === 'yw_session')!.value}`;
    };
    const leader = await cookieOf('leader');
    const handler = await cookieOf('zjj-handler');
    const zjj = (await database.db.selectFrom('departments').select('id').where('code', '=', 'zjj').executeTakeFirstOrThrow()).id;
    const approval = (await database.db.selectFrom('categories').select('id').where('code', '=', 'approval').executeTakeFirstOrThrow()).id;
    const leaf = (await database.db.selectFrom('categories').select('id').where('code', '=', 'fees.deposit').executeTakeFirstOrThrow()).id;
    const zxq = (await database.db.selectFrom('departments').select('id').where('code', '=', 'zxq').executeTakeFirstOrThrow()).id;
    const today = beijingDay(now);
    const monthFrom = `${today.slice(0, 7)}-01`;
    const until = addDays(today, 1);
    const week = weekStart(addDays(today, -14));
    const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 10);
    const get = async (url: string, cookie = leader) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return r.json();
    };
    const firstPage = await get(`/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}`);
    const queries: [string, string, string?][] = [
      ['overview, whole city, this month', '/api/dashboard/overview'],
      ['overview, whole city, last month', `/api/dashboard/overview?month=${lastMonth.slice(0, 7)}`],
      ['overview, one department (handler)', '/api/dashboard/overview', handler],
      ['drill: received this month', `/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}`],
      ['drill: received this month, page 2', `/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}&cursor=${firstPage.nextCursor}`],
      ['drill: top category (with children)', `/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}&categoryId=${approval}`],
      ['drill: small leaf category', `/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}&categoryId=${leaf}`],
      ['drill: district', `/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}&districtId=${zxq}`],
      ['drill: unsatisfied last month', `/api/dashboard/cases?measure=unsatisfied&from=${lastMonth}&until=${monthFrom}`],
      ['drill: closed in a week', `/api/dashboard/cases?measure=closed&from=${week}&until=${addDays(week, 7)}`],
      ['drill: heatmap cell (dept × week)', `/api/dashboard/cases?measure=overdue&from=${week}&until=${addDays(week, 7)}&departmentId=${zjj}`],
      ['drill: overdue this month', `/api/dashboard/cases?measure=overdue&from=${monthFrom}&until=${until}`],
      ['drill: overdue now', '/api/dashboard/cases?measure=overdue_now'],
      ['drill: department, received this month', `/api/dashboard/cases?measure=received&from=${monthFrom}&until=${until}`, handler],
    ];
    const o = await get('/api/dashboard/overview');
    console.log(`\n${engine}: ${n.toLocaleString()} cases generated in ${genSeconds.toFixed(1)} s (+ VACUUM ANALYZE ${vacuumSeconds.toFixed(1)} s)`);
    console.log(`  sizes: cases ${sizes.rows[0].cases}, dashboard_daily ${sizes.rows[0].rollup} (${sizes.rows[0].rows.toLocaleString()} rows), totals ${sizes.rows[0].totals} (${sizes.rows[0].trows.toLocaleString()} rows), sla_crossings ${sizes.rows[0].crossings} (${sizes.rows[0].x.toLocaleString()} rows), overdue counts ${sizes.rows[0].oc.toLocaleString()} rows`);
    console.log(`  this month so far: ${o.kpis.received.value.toLocaleString()} received, ${o.kpis.overdue.value.toLocaleString()} overdue, ${o.kpis.overdueNow.value.toLocaleString()} overdue now; drill first page total ${firstPage.total.toLocaleString()}`);
    const line = (name: string, s: Stat) =>
      console.log(`  ${name.padEnd(42)} p50 ${s.p50.toFixed(1).padStart(7)} ms  p99 ${s.p99.toFixed(1).padStart(7)} ms  ${s.perSecond.toFixed(0).padStart(5)}/s  ${engine === 'postgres' ? (s.p99 <= 300 ? 'yes' : 'NO') : ''}`);
    for (const concurrency of levels) {
      console.log(`  ${rounds} requests per query, ${concurrency} in flight, through the HTTP routes (inject; the overview route shares its computation per event mark):`);
      for (const [name, url, cookie] of queries) {
        await get(url, cookie); // warm
        line(name, await measure(rounds, concurrency, async () => { await get(url, cookie); }));
      }
      // The overview route shares one computation per event high-water mark (overview-cache.ts); these compute every time.
      console.log(`  overview computed on every request (no shared cache, no HTTP), ${concurrency} in flight:`);
      for (const [name, departmentId, month] of [
        ['overview computed, whole city, this month', null, undefined], ['overview computed, whole city, last month', null, lastMonth.slice(0, 7)],
        ['overview computed, one department', zjj, undefined],
      ] as const) {
        await getOverview(deps, departmentId, month);
        line(name, await measure(rounds, concurrency, async () => { await getOverview(deps, departmentId, month); }));
      }
    }
    await app.close();
  } finally {
    await drop();
  }
}

for (const engine of enginesFrom(values.engine)) {
  const n = Number(values.cases ?? (engine === 'postgres' ? 10_000_000 : 1_000_000));
  await run(engine, n);
}
console.log('\n(taken on a shared 2-core machine under load from other work; figures are indicative)');
