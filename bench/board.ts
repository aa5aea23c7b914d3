// Public board benchmark (issue item 6): the board list and the public case page with 50 concurrent clients, against
// a hello-world ceiling measured in the same run, on a database of N cases (default 1,000,000) of which a fifth are
// published. Prints figures, asserts nothing.
//
//   node --import tsx bench/board.ts [--engine pglite|postgres|both] [--cases 1000000] [--quick] [--keep]
//                                    [--reuse-pglite DIR] [--reuse-postgres URL]
//
// --keep leaves the generated database (a PGlite folder, a PostgreSQL database) and prints where it is; --reuse-* runs
// the measurements on such a database again instead of writing a new one (pending migrations are applied first), so
// a change can be compared on the same data without another 1M-case build. A reused database is never dropped.
//
// Data is written in SQL (generate_series in 100k-row statements, triggers off while loading, like an import), from
// 200 realistic texts of the demo generator, masked and segmented in JS once. Placement as in bench/run.ts: this
// process (autocannon) on CPU 0; the hello-world server and the application (bench/server.ts, the real startup path)
// on CPU 1; the PostgreSQL server unpinned.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { generateCaseText, generateReplyText, createRng } from '../src/server/demo/data/case-text.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { maskPersonalData } from '../src/domain/privacy/mask.js';
import { searchLexemes } from '../src/server/modules/publication/search-text.js';
import { enginesFrom, log, scratchTarget, type ScratchTarget } from './kit.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(benchDir, '..');
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '1000000' },
    quick: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false },
    'reuse-pglite': { type: 'string' }, 'reuse-postgres': { type: 'string' },
  },
});
const engines = enginesFrom(values.engine);
const total = Number(values.cases);
const durations = values.quick ? { warm: 2, run: 5 } : { warm: 5, run: 20 };
const connections = 50;

// ---------------------------------------------------------------------------------------------------------------------
// Placement and child processes (same scheme as bench/run.ts)

const pinned = (() => {
  if (os.cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Child { port: number; stop(): Promise<void> }

function startChild(script: string, args: string[]): Promise<Child> {
  const cmd = [...(pinned ? ['taskset', '-c', '1'] : []), process.execPath, '--import', 'tsx', path.join(benchDir, script), ...args];
  const proc: ChildProcess = spawn(cmd[0], cmd.slice(1), { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited before it was ready (${code})`)));
    proc.on('message', (m: { ready?: boolean; port?: number }) => {
      if (!m.ready) return;
      resolve({
        port: m.port!,
        async stop() {
          const exited = new Promise((r) => proc.once('exit', r));
          proc.send({ id: 1_000_000, cmd: 'stop' });
          await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
          if (proc.exitCode === null) proc.kill('SIGKILL');
        },
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Load generation

interface Measured { rps: number; p50: number; p99: number; ok: number; non2xx: number; errors: number }

async function load(urls: string[], base: string, measure = true, duration = durations.run): Promise<Measured> {
  let samples = new Float64Array(1 << 16);
  let n = 0;
  let i = 0;
  const instance = autocannon({
    url: base, connections, pipelining: 1, duration,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: urls[(i++ * 7_919) % urls.length] }) }],
  });
  if (measure) {
    instance.on('response', (_c: unknown, status: number, _b: number, t: number) => {
      if (status < 200 || status >= 300) return;
      if (n === samples.length) {
        const bigger = new Float64Array(samples.length * 2);
        bigger.set(samples);
        samples = bigger;
      }
      samples[n++] = t;
    });
  }
  const r = await instance;
  const sorted = samples.subarray(0, n).sort();
  const pct = (p: number) => (n ? sorted[Math.min(n - 1, Math.ceil((p / 100) * n) - 1)] : NaN);
  return { rps: r['2xx'] / r.duration, p50: pct(50), p99: pct(99), ok: r['2xx'], non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function measure(urls: string[], base: string): Promise<Measured> {
  await load(urls, base, false, durations.warm);
  return load(urls, base);
}

// ---------------------------------------------------------------------------------------------------------------------
// Data

interface BenchData { hotCodes: string[]; allCodes: string[]; filters: string[]; published: number; seconds: number; reused: boolean }

async function generate(target: ScratchTarget, reuse: boolean): Promise<BenchData> {
  const started = Date.now();
  const database = await openDatabase(target.url ? { databaseUrl: target.url, poolSize: 2 } : { dataDir: target.dataDir });
  const db = database.db;
  try {
    await migrate(db);
    if (reuse) {
      await sql`ANALYZE`.execute(db);
      return { ...(await describe(db)), seconds: (Date.now() - started) / 1000, reused: true };
    }
    await seedOrganisation(db);
    const cats = (await db.selectFrom('categories').select(['id', 'code']).where('parent_id', 'is not', null).execute());
    const depts = await db.selectFrom('departments').select(['id', 'kind', 'name']).execute();
    const cityDepts = depts.filter((d) => d.kind === 'city_department').map((d) => d.id);
    const districts = depts.filter((d) => d.kind === 'district');
    // 200 texts from the demo generator: original, masked, reply, and the lexemes of the masked text.
    const rng = createRng(42);
    const texts = Array.from({ length: 200 }, (_, i) => {
      const cat = cats[i % cats.length];
      const t = generateCaseText(rng, cat.code, districts[i % districts.length].name);
      const reply = generateReplyText(rng, cat.code);
      const known = { names: [t.contactName], phones: [t.phone], enterpriseName: t.enterpriseName, maskEnterprise: true };
      const title = maskPersonalData(t.title, known);
      const description = maskPersonalData(t.description, known);
      const maskedReply = maskPersonalData(reply, known);
      return { i, cat: cat.id, t, reply, title, description, maskedReply, lexemes: searchLexemes(`${title}\n${description}\n${maskedReply}`) };
    });
    log(`  schema, organisation and 200 masked texts ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await sql`CREATE TABLE bench_texts (i int PRIMARY KEY, title text, description text, reply text, name text, phone text, ptitle text, pdesc text, preply text, lexemes text[])`.execute(db);
    await db.insertInto('bench_texts' as never).values(texts.map((x) => ({
      i: x.i, title: x.t.title, description: x.t.description, reply: x.reply, name: x.t.contactName, phone: x.t.phone,
      ptitle: x.title, pdesc: x.description, preply: x.maskedReply, lexemes: x.lexemes,
    })) as never).execute();
    for (const t of ['cases', 'case_events', 'assignments']) await sql.raw(`ALTER TABLE ${t} DISABLE TRIGGER USER`).execute(db);
    // The search's GIN index is built once after the load, as a restore does (it takes each row's words one by one).
    const gin = (await sql<{ def: string }>`SELECT pg_get_indexdef('case_publications_search_idx'::regclass) AS def`.execute(db)).rows[0].def;
    await sql`DROP INDEX case_publications_search_idx`.execute(db);
    const chunk = 100_000;
    const catIds = `ARRAY[${cats.map((c) => c.id).join(',')}]`;
    const deptIds = `ARRAY[${cityDepts.join(',')}]`;
    const distIds = `ARRAY[${districts.map((d) => d.id).join(',')}]`;
    // Every fifth case is published; of those 60% closed, 10% awaiting rating, 30% still with the department.
    const statusExpr = `CASE WHEN g % 5 <> 0 THEN 'closed' WHEN g % 10 IN (0, 5) AND g % 3 = 0 THEN 'handling' WHEN g % 15 = 5 THEN 'awaiting_rating' ELSE 'closed' END`;
    for (let from = 1; from <= total; from += chunk) {
      const to = Math.min(total, from + chunk - 1);
      await sql.raw(`
        INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone, district_id,
          is_public, is_name_public, lead_department_id, round, reply_text, rating, created_at, accepted_at, dispatched_at, reply_approved_at, closed_at,
          updated_at, event_count, last_event_hash)
        SELECT g, 'YB' || lpad(upper(to_hex(g)), 8, '0'), t.title, t.description, (${catIds})[1 + g % ${cats.length}], 'hotline', 'normal', s.status,
          t.name, t.phone, (${distIds})[1 + (g / 7) % ${districts.length}], g % 5 = 0, false, (${deptIds})[1 + (g / 3) % ${cityDepts.length}], 1,
          CASE WHEN s.status <> 'handling' THEN t.reply END,
          CASE WHEN s.status = 'closed' THEN (ARRAY['satisfied','satisfied','basically','unsatisfied'])[1 + g % 4] END,
          c.at, c.at + interval '1 hour', c.at + interval '1 hour',
          CASE WHEN s.status <> 'handling' THEN c.at + interval '5 days' END, CASE WHEN s.status = 'closed' THEN c.at + interval '9 days' END,
          c.at + interval '9 days', CASE WHEN g % 5 = 0 THEN 3 ELSE 0 END, ''
        FROM generate_series(${from}, ${to}) g
        JOIN bench_texts t ON t.i = g % 200
        CROSS JOIN LATERAL (SELECT ${statusExpr} AS status) s
        CROSS JOIN LATERAL (SELECT timestamptz '2026-11-20 10:00:00+08' - (${total} - g) * interval '15 seconds' AS at) c`).execute(db);
      await sql.raw(`
        INSERT INTO assignments (case_id, department_id, role, round, status, dispatched_at, sign_deadline, signed_at, reply_deadline)
        SELECT c.id, c.lead_department_id, 'lead', 1, CASE WHEN c.status = 'handling' THEN 'signed' ELSE 'done' END, c.dispatched_at,
          c.dispatched_at + interval '1 day', c.dispatched_at + interval '2 hours', c.dispatched_at + interval '15 days'
        FROM cases c WHERE c.id BETWEEN ${from} AND ${to} AND c.is_public`).execute(db);
      await sql.raw(`
        INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash)
        SELECT c.id, e.seq, e.type, NULL, CASE WHEN e.type = 'case.signed' THEN c.lead_department_id END, 'system', e.at,
          jsonb_build_object('leadDepartmentId', c.lead_department_id), '', 'bench'
        FROM cases c CROSS JOIN LATERAL (VALUES (1, 'case.created', c.created_at), (2, 'case.dispatched', c.dispatched_at),
          (3, 'case.signed', c.dispatched_at + interval '2 hours')) e(seq, type, at)
        WHERE c.id BETWEEN ${from} AND ${to} AND c.is_public`).execute(db);
      await sql.raw(`
        INSERT INTO case_publications (case_id, status, public_title, public_description, public_reply, reply_source_at, search_vector, case_created_at,
          case_status, public_status, category_id, department_id, district_id, candidate_at, reviewed_at, published_at, updated_at)
        SELECT c.id, 'approved', t.ptitle, t.pdesc, CASE WHEN c.reply_approved_at IS NOT NULL THEN t.preply END, c.reply_approved_at,
          array_to_tsvector(t.lexemes), c.created_at, c.status, yw_public_status(c.status), c.category_id, c.lead_department_id, c.district_id,
          c.dispatched_at, c.dispatched_at + interval '1 day', c.dispatched_at + interval '1 day', c.updated_at
        FROM cases c JOIN bench_texts t ON t.i = c.id % 200 WHERE c.id BETWEEN ${from} AND ${to} AND c.is_public`).execute(db);
      log(`  ${to.toLocaleString()} cases (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    for (const t of ['cases', 'case_events', 'assignments']) await sql.raw(`ALTER TABLE ${t} ENABLE TRIGGER USER`).execute(db);
    await sql.raw(gin).execute(db);
    log(`  search index built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    await sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), ${total})`.execute(db);
    await sql`DROP TABLE bench_texts`.execute(db);
    await sql`ANALYZE`.execute(db);
    return { ...(await describe(db)), seconds: (Date.now() - started) / 1000, reused: false };
  } finally {
    await database.close();
  }
}

/** What the measurements need from a database built by generate(): case codes and filter values. */
async function describe(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<Omit<BenchData, 'seconds' | 'reused'>> {
  const cats = (await db.selectFrom('categories').select(['id', 'code']).where('parent_id', 'is not', null).execute());
  const depts = await db.selectFrom('departments').select(['id', 'kind', 'name']).execute();
  const cityDepts = depts.filter((d) => d.kind === 'city_department').map((d) => d.id);
  const districts = depts.filter((d) => d.kind === 'district');
  const hot = await db.selectFrom('case_publications as p').innerJoin('cases as c', 'c.id', 'p.case_id').select('c.code')
    .where('p.status', '=', 'approved').orderBy('p.case_created_at', 'desc').limit(2_000).execute();
  const all = await sql<{ code: string }>`SELECT c.code FROM case_publications p JOIN cases c ON c.id = p.case_id WHERE p.status = 'approved' AND p.case_id % 10 = 5`.execute(db);
  const published = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_publications`.execute(db)).rows[0].n);
  const filters = [
    '', '?status=closed', '?status=handling', '?status=answered', '?month=2026-10', '?month=2026-07',
    ...cityDepts.slice(0, 20).map((d) => `?departmentId=${d}`), ...cats.slice(0, 20).map((c) => `?categoryId=${c.id}`),
    ...districts.map((d) => `?districtId=${d.id}`), ...cityDepts.slice(0, 10).map((d, i) => `?departmentId=${d}&status=${['closed', 'handling'][i % 2]}`),
  ];
  return { hotCodes: hot.map((r) => r.code), allCodes: all.rows.map((r) => r.code), filters, published };
}

// ---------------------------------------------------------------------------------------------------------------------

async function sequentialMs(base: string, urls: string[]): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (const u of urls) {
    const t = performance.now();
    const r = await fetch(base + u);
    await r.arrayBuffer();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)] };
}

async function warm(base: string, urls: string[]): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < urls.length) await (await fetch(base + urls[next++])).arrayBuffer();
  }));
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');

log(`placement: ${pinned ? 'load generator CPU 0, servers CPU 1 (taskset)' : 'unpinned'}; ${connections} connections; ${durations.warm}+${durations.run} s per figure`);
const lines: string[] = [];
for (const engine of engines) {
  const reuse = engine === 'pglite' ? values['reuse-pglite'] : values['reuse-postgres'];
  const target: ScratchTarget = reuse
    ? { engine: engine as ScratchTarget['engine'], ...(engine === 'pglite' ? { dataDir: reuse } : { url: reuse }), drop: async () => { log(`reused ${reuse}, kept`); } }
    : await scratchTarget(engine, 'board', values.keep);
  try {
    log(`${engine}: ${reuse ? `reusing ${reuse}` : `generating ${total.toLocaleString()} cases`}…`);
    const data = await generate(target, !!reuse);
    log(`${engine}: ${data.published.toLocaleString()} published, ${data.reused ? 'reused' : 'generated'} in ${fmt(data.seconds, 1)} s`);
    // The ceiling is measured before and after the application's figures (the machine is shared: load drifts), and
    // their mean is the reference; both are printed.
    log(`${engine}: hello-world ceiling…`);
    const hello = await startChild('hello.ts', []);
    const ceilingBefore = await measure(['/'], `http://127.0.0.1:${hello.port}`);
    log(`${engine}: starting the application…`);
    const server = await startChild('server.ts', target.url ? ['--engine', 'postgres', '--url', target.url] : ['--engine', 'pglite', '--data', target.dataDir!]);
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const words = ['停车', '施工许可', '拖欠', '用电', '收费', '审批', '环保', '贷款', '消防', '物业'];
      const cold = {
        list: await sequentialMs(base, Array.from({ length: 60 }, (_, i) => `/api/public/board?limit=${1 + (i % 50)}${i % 3 ? `&status=closed` : ''}`)),
        search: await sequentialMs(base, Array.from({ length: 60 }, (_, i) => `/api/public/board?q=${encodeURIComponent(words[i % words.length])}&limit=${20 + (i % 30)}`)),
        page: await sequentialMs(base, data.allCodes.slice(0, 200).map((c) => `/api/public/board/cases/${c}`)),
      };
      const list = await measure(['/api/public/board'], base);
      const filtered = await measure(data.filters.map((f) => `/api/public/board${f}`), base);
      const search = await measure(words.map((w) => `/api/public/board?q=${encodeURIComponent(w)}`), base);
      // The newest pages are what visitors open; a crawler or the first visitors fill the cache once.
      await warm(base, data.hotCodes.map((c) => `/api/public/board/cases/${c}`));
      const hot = await measure(data.hotCodes.map((c) => `/api/public/board/cases/${c}`), base);
      const spread = await measure(data.allCodes.map((c) => `/api/public/board/cases/${c}`), base);
      const ceilingAfter = await measure(['/'], `http://127.0.0.1:${hello.port}`);
      const ceiling: Measured = { ...ceilingBefore, rps: (ceilingBefore.rps + ceilingAfter.rps) / 2 };
      const row = (name: string, m: Measured, target = true) => {
        const share = (100 * m.rps) / ceiling.rps;
        const verdict = target ? (share >= 40 && m.p99 <= 25 ? 'MEETS' : 'MISSES') : '';
        return `  ${name.padEnd(52)} ${fmt(m.rps).padStart(8)} req/s  ${fmt(share, 1).padStart(5)}%  p50 ${fmt(m.p50, 2)} ms  p99 ${fmt(m.p99, 2)} ms  ${m.non2xx + m.errors ? `(${m.non2xx} non-2xx, ${m.errors} errors) ` : ''}${verdict}`;
      };
      lines.push(
        `\n${engine}: ${data.reused ? 'reused database' : `${total.toLocaleString()} cases`}, ${data.published.toLocaleString()} published (${data.reused ? 'reused, ready' : 'data written'} in ${fmt(data.seconds, 1)} s); load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
        `  hello-world ceiling, before / after / mean           ${fmt(ceilingBefore.rps)} / ${fmt(ceilingAfter.rps)} / ${fmt(ceiling.rps)} req/s; p99 ${fmt(ceilingBefore.p99, 2)} / ${fmt(ceilingAfter.p99, 2)} ms`,
        row('board list, first page', list),
        row(`board list, ${data.filters.length} filter combinations (first pages)`, filtered),
        row(`board search, ${words.length} words`, search),
        row(`case page, ${data.hotCodes.length.toLocaleString()} newest published`, hot),
        row(`case page, spread over ${data.allCodes.length.toLocaleString()} published`, spread, false),
        `  uncached, one client: list p50 ${fmt(cold.list.p50, 1)} / p95 ${fmt(cold.list.p95, 1)} ms; search p50 ${fmt(cold.search.p50, 1)} / p95 ${fmt(cold.search.p95, 1)} ms; case page p50 ${fmt(cold.page.p50, 1)} / p95 ${fmt(cold.page.p95, 1)} ms`,
      );
      log(lines.slice(-8).join('\n'));
    } finally {
      await server.stop();
      await hello.stop();
    }
  } finally {
    await target.drop();
  }
}
console.log(`\nPublic board, ${connections} connections, target >= 40% of the ceiling and p99 <= 25 ms (machine shared with other work: figures taken under load)`);
console.log(lines.join('\n'));
