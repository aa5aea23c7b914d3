// Hot-spot detection benchmark (热点发现, docs/hotspots.md): the daily detection over N cases spread over a year (the
// window's two weeks hold ~N/26 of them, each segmented by jieba), with a generated spike (one district × category
// × "停车收费" in the last two weeks) that it must find; then a rerun of the same day (the on-demand button). Cases are
// generated in SQL. Prints wall and CPU seconds of this process and the load average; asserts nothing.
//
//   node --import tsx bench/hotspots.ts [--engine pglite|postgres|both] [--cases 1000000]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { detect } from '../src/server/modules/hotspots/index.js';
import { assembleDeps } from '../src/server/runtime.js';
import { bulkLoadCases } from './cases-kit.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false } } });
const total = Number(values.cases);
const now = new Date('2026-12-06T10:00:00+08:00');
const spanDays = 365;

// Titles that make clusters unlikely but possible: a few hundred combinations of place-free words.
const subjects = ['施工许可', '营业执照', '用电报装', '工程款', '欠薪', '社保', '贷款', '噪音', '油烟', '渣土车', '物业', '招投标', '消防验收', '不动产', '税费'];
const verbs = ['办理超时', '拖欠未付', '标准不清', '多次反映未解决', '要求协调', '材料反复提交', '窗口推诿', '收费过高'];

const triggers = ['cases_dashboard_insert', 'cases_publication_insert', 'cases_search_insert'];

async function generate(database: Database): Promise<void> {
  const db = database.db;
  const chunk = database.kind === 'postgres' ? 250_000 : 100_000;
  // The dashboard, publication and search rows follow cases by trigger on live writes; the detection reads none of
  // them. The detection's range scan uses cases_created_idx (built again after the load).
  const start = now.getTime() - spanDays * 86_400_000;
  const step = (spanDays * 86_400_000) / total;
  await bulkLoadCases(database, total, chunk, triggers, async (a, b) => {
    // Places: districts and their towns (a case's place is often a town). The last two weeks: every 40th case is the
    // spike (first district, first leaf category, about parking fees).
    await sql`
      WITH cat AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(default_lead_department_id ORDER BY id) AS leads, count(*)::int AS n
                     FROM categories WHERE parent_id IS NOT NULL AND default_lead_department_id IS NOT NULL),
           place AS (SELECT array_agg(d.id ORDER BY d.id) AS ids, count(*)::int AS n FROM departments d
                     LEFT JOIN departments p ON p.id = d.parent_id WHERE d.kind = 'district' OR p.kind = 'district'),
           spike AS (SELECT min(id) AS district FROM departments WHERE kind = 'district'),
           words AS (SELECT ${sql.val(subjects)}::text[] AS s, ${sql.val(verbs)}::text[] AS v),
           s AS (SELECT i, to_timestamp((${start}::float8 + (i - 1) * ${step}::float8) / 1000) AS created,
                        abs(hashint8(i)) AS h1, abs(hashint8(i * 7 + 3)) AS h2
                   FROM generate_series(${a}::bigint, ${b}::bigint) i),
           x AS (SELECT s.*, created >= ${new Date(now.getTime() - 14 * 86_400_000)} AND i % 40 = 0 AS is_spike FROM s)
      INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone, district_id,
                         lead_department_id, round, reply_deadline, created_at, accepted_at, dispatched_at, updated_at)
      SELECT i, 'H' || lpad(i::text, 8, '0'),
             CASE WHEN is_spike THEN '停车收费标准上调' ELSE words.s[1 + h1 % 15] || words.v[1 + h2 % 8] END,
             CASE WHEN is_spike THEN '商业街周边路内停车收费突然上调，企业员工停车负担加重。' ELSE '企业反映' || words.s[1 + h2 % 15] || '相关问题，' || words.v[1 + h1 % 8] || '，请核实处理。' END,
             CASE WHEN is_spike THEN cat.ids[1] ELSE cat.ids[1 + h1 % cat.n] END, 'hotline', 'normal', 'handling', '张先生', '13800000000',
             CASE WHEN is_spike THEN spike.district ELSE place.ids[1 + h2 % place.n] END,
             CASE WHEN is_spike THEN cat.leads[1] ELSE cat.leads[1 + h1 % cat.n] END, 1,
             created + interval '15 days', created, created, created, created
        FROM x, cat, place, spike, words`.execute(db);
  });
  await sql.raw('ANALYZE cases').execute(db);
}

async function timed<T>(work: () => Promise<T>): Promise<{ r: T; wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const r = await work();
  const c = process.cpuUsage(cpu0);
  return { r, wall: (performance.now() - t) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function run(engine: string) {
  const { database, drop } = await openScratch(engine, 'hotspots', { keep: values.keep });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    log(`${engine}: generating ${total.toLocaleString()} cases over ${spanDays} days…`);
    const g = performance.now();
    await generate(database);
    const genSeconds = (performance.now() - g) / 1000;
    const deps = assembleDeps(database, { logLevel: 'silent', now: () => now });
    const first = await timed(() => detect(deps));
    const load1 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    const rerun = await timed(() => detect(deps));
    const load2 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
    const spike = first.r.hotspots.find((h) => h.kind === 'spike');
    const rows = await database.db.selectFrom('hotspots').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`${engine}: ${total.toLocaleString()} cases (generated in ${genSeconds.toFixed(0)} s); window cases read ${first.r.casesRead.toLocaleString()}, hot spots ${first.r.found} (rows ${rows.n})`);
    console.log(`  detection: wall ${first.wall.toFixed(2)} s, CPU of this process ${first.cpu.toFixed(2)} s — target ≤ 60 s on PostgreSQL: ${first.wall <= 60 ? 'yes' : 'NO'}; load average ${load1}`);
    console.log(`  rerun of the day: wall ${rerun.wall.toFixed(2)} s, CPU ${rerun.cpu.toFixed(2)} s, found ${rerun.r.found}; load average ${load2}`);
    console.log(`  the generated spike: ${spike ? `${spike.recent} cases, words ${spike.words.join(' ')}, ratio ${spike.ratio?.toFixed(1) ?? '—'}` : 'NOT FOUND'}`);
  } finally {
    await drop();
  }
}

for (const engine of enginesFrom(values.engine)) await run(engine);
