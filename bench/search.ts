// Staff search benchmark (issue 12 item 2): GET /api/search/cases's query (searchCases, in process, one client) over
// N cases (default 1,000,000) on PGlite and PostgreSQL, p50/p95 per kind of query, the first page with its count.
// Target: a text query with one filter, p95 <= 200 ms on PostgreSQL and <= 500 ms on PGlite. Prints figures, asserts
// nothing.
//
//   node --import tsx bench/search.ts [--engine pglite|postgres|both] [--cases 1000000] [--runs 40] [--keep]
//                                     [--reuse-pglite DIR] [--reuse-postgres URL]
//
// Data is written in SQL (generate_series in 100k-row statements, the other areas' triggers off while loading, like an
// import) from 200 texts of the demo generator; every case has its own phone number and code and one lead unit's
// assignment. The search rows are computed by the migration's own function (yw_case_terms, what the insert trigger
// runs), and the GIN index is built once after the load, as a restore does.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { permissionsOf } from '../src/domain/access/permissions.js';
import type { Role } from '../src/domain/case/status.js';
import type { SearchQuery } from '../src/contracts/search.js';
import { openDatabase, type Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { createRng, generateCaseText } from '../src/server/demo/data/case-text.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { queryLexemes } from '../src/server/modules/publication/index.js';
import { searchCases } from '../src/server/modules/search/find-cases.js';
import { assembleDeps } from '../src/server/runtime.js';
import { enginesFrom, log, scratchTarget, type ScratchTarget } from './kit.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false }, 'reuse-pglite': { type: 'string' }, 'reuse-postgres': { type: 'string' },
  },
});
const total = Number(values.cases);
const runs = Number(values.runs);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const statuses = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'handling', 'dispatched', 'awaiting_rating'];

async function generate(database: Database): Promise<void> {
  const db = database.db;
  const started = Date.now();
  await seedOrganisation(db);
  const cats = await db.selectFrom('categories').select(['id', 'code']).where('parent_id', 'is not', null).execute();
  const depts = await db.selectFrom('departments').select(['id', 'kind', 'name']).execute();
  const units = depts.filter((d) => d.kind === 'city_department').map((d) => d.id);
  const districts = depts.filter((d) => d.kind === 'district');
  const rng = createRng(42);
  const texts = Array.from({ length: 200 }, (_, i) => {
    const t = generateCaseText(rng, cats[i % cats.length].code, districts[i % districts.length].name);
    return { i, title: t.title, description: t.description, name: t.contactName, ent: t.enterpriseName ?? null };
  });
  await sql`CREATE TABLE bench_texts (i int PRIMARY KEY, title text, description text, name text, ent text)`.execute(db);
  await db.insertInto('bench_texts' as never).values(texts as never).execute();
  // The text's pieces once per text (yw_case_terms per case costs ~0.3–2 ms on this machine); checked below against
  // yw_case_terms on a sample.
  await sql`ALTER TABLE bench_texts ADD COLUMN grams text[], ADD COLUMN ngrams text[], ADD COLUMN egrams text[]`.execute(db);
  await sql`UPDATE bench_texts SET grams = yw_search_grams('', title || ' ' || description),
    ngrams = yw_search_grams('n:', name) || ('n:' || lower(normalize(btrim(name), NFKC))), egrams = yw_search_grams('e:', ent)`.execute(db);
  for (const t of ['cases', 'assignments']) await sql.raw(`ALTER TABLE ${t} DISABLE TRIGGER USER`).execute(db);
  await sql`DROP INDEX case_search_terms_idx`.execute(db);
  const chunk = 100_000;
  const arr = (xs: (number | string)[]) => `ARRAY[${xs.map((x) => (typeof x === 'number' ? x : `'${x}'`)).join(',')}]`;
  let termsMs = 0;
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    await sql.raw(`
      INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone, enterprise_name,
        district_id, lead_department_id, round, rating, warning_level, case_type, created_at, accepted_at, dispatched_at, closed_at, updated_at, event_count, last_event_hash)
      SELECT g, 'YW' || to_char(c.at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || upper(substr(md5(g::text), 1, 8)), t.title, t.description,
        (${arr(cats.map((c) => c.id))})[1 + g % ${cats.length}], (ARRAY['hotline','hotline','hotline','web','web','letter','import','open311'])[1 + g % 8],
        'normal', s.status, t.name, '1' || lpad(((g::bigint * 7919 + 3000000000) % 9000000000 + 1000000000)::text, 10, '0'), t.ent,
        (${arr(districts.map((d) => d.id))})[1 + (g / 7) % ${districts.length}], (${arr(units)})[1 + (g / 3) % ${units.length}], 1,
        CASE WHEN s.status = 'closed' THEN (ARRAY['satisfied','satisfied','basically','unsatisfied'])[1 + g % 4] END,
        CASE WHEN s.status IN ('handling', 'dispatched') AND g % 5 = 0 THEN 'red' WHEN s.status = 'handling' AND g % 5 = 1 THEN 'yellow' ELSE 'none' END,
        (ARRAY['consultation','help','complaint','complaint','report','suggestion'])[1 + g % 6],
        c.at, c.at + interval '1 hour', c.at + interval '1 hour', CASE WHEN s.status = 'closed' THEN c.at + interval '9 days' END, c.at + interval '9 days', 2, ''
      FROM generate_series(${from}, ${to}) g
      JOIN bench_texts t ON t.i = g % 200
      CROSS JOIN LATERAL (SELECT (${arr(statuses)})[1 + (g / 11) % ${statuses.length}] AS status) s
      CROSS JOIN LATERAL (SELECT timestamptz '2026-11-20 10:00:00+08' - (${total} - g) * interval '45 seconds' AS at) c`).execute(db);
    await sql.raw(`
      INSERT INTO assignments (case_id, department_id, role, round, status, dispatched_at, sign_deadline, signed_at, reply_deadline)
      SELECT c.id, c.lead_department_id, 'lead', 1, CASE WHEN c.status IN ('handling', 'dispatched') THEN 'signed' ELSE 'done' END, c.dispatched_at,
        c.dispatched_at + interval '1 day', c.dispatched_at + interval '2 hours', c.dispatched_at + interval '15 days'
      FROM cases c WHERE c.id BETWEEN ${from} AND ${to}`).execute(db);
    const t = performance.now();
    await sql.raw(`
      INSERT INTO case_search (case_id, created_at, terms)
      SELECT c.id, c.created_at, array_to_tsvector(array_remove(t.grams || t.ngrams || t.egrams
        || ARRAY(SELECT 'c:' || substr(upper(c.code), i) FROM generate_series(1, char_length(c.code) - 2) AS i)
        || ARRAY['p:' || c.submitter_phone, 'p4:' || right(c.submitter_phone, 4), 'd:' || c.district_id, 'k:' || c.category_id, 'h:' || c.channel,
          't:' || c.case_type, 'w:' || yw_board_week(c.created_at)], NULL))
      FROM cases c JOIN bench_texts t ON t.i = c.id % 200 WHERE c.id BETWEEN ${from} AND ${to}`).execute(db);
    termsMs += performance.now() - t;
    log(`  ${to.toLocaleString()} cases (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  for (const t of ['cases', 'assignments']) await sql.raw(`ALTER TABLE ${t} ENABLE TRIGGER USER`).execute(db);
  const t = performance.now();
  await sql`SET maintenance_work_mem = '256MB'`.execute(db);
  await sql`CREATE INDEX case_search_terms_idx ON case_search USING gin (terms) WITH (fastupdate = off)`.execute(db);
  log(`  search rows ${fmt(termsMs / 1000, 1)} s (${fmt((termsMs * 1000) / total, 0)} µs a case), GIN index built in ${fmt((performance.now() - t) / 1000, 1)} s`);
  await sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), ${total})`.execute(db);
  const differ = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_search s JOIN cases c ON c.id = s.case_id
    WHERE c.id % 997 = 1 AND s.terms <> yw_case_terms(c.code, c.title, c.description, c.submitter_name, c.submitter_phone, c.enterprise_name,
      c.enterprise_credit_code, c.district_id, c.category_id, c.channel, c.case_type, c.created_at)`.execute(db)).rows[0].n;
  log(`  search rows that differ from yw_case_terms in a sample of every 997th: ${differ}`);
  await sql`DROP TABLE bench_texts`.execute(db);
  await sql`ANALYZE`.execute(db);
  log(`  data written in ${fmt((Date.now() - started) / 1000, 1)} s`);
}

function user(roles: Role[], departmentId: number) {
  return { id: 1, username: 'bench', displayName: 'bench', role: roles[0], roles, permissions: permissionsOf(roles), departmentId, departmentName: '', mustChangePassword: false };
}

const lines: string[] = [];
for (const engine of enginesFrom(values.engine)) {
  const reuse = engine === 'pglite' ? values['reuse-pglite'] : values['reuse-postgres'];
  const target: ScratchTarget = reuse
    ? { engine: engine as ScratchTarget['engine'], ...(engine === 'pglite' ? { dataDir: reuse } : { url: reuse }), drop: async () => { log(`reused ${reuse}, kept`); } }
    : await scratchTarget(engine, 'search', values.keep);
  const database = await openDatabase(target.url ? { databaseUrl: target.url, poolSize: 4 } : { dataDir: target.dataDir });
  try {
    await migrate(database.db);
    const started = Date.now();
    if (!reuse) await generate(database);
    const deps = assembleDeps(database, { logLevel: 'silent', now: () => new Date('2026-11-20T12:00:00+08:00') });
    const db = database.db;
    // Query material from the data: words of the texts (common and rare), phones, codes, names, enterprises.
    const sample = (await sql<{ title: string; description: string; code: string; submitter_phone: string; submitter_name: string; enterprise_name: string | null; lead_department_id: number; district_id: number }>`
      SELECT title, description, code, submitter_phone, submitter_name, enterprise_name, lead_department_id, district_id FROM cases
      WHERE id % ${Math.max(1, Math.floor(total / 400))} = 7 LIMIT 400`.execute(db)).rows;
    const words = [...new Set(sample.flatMap((r) => queryLexemes(`${r.title}`)).filter((w) => /^[\u4e00-\u9fff]{2,4}$/.test(w)))];
    const pick = <T>(xs: T[], i: number) => xs[(i * 7_919) % xs.length];
    const districts = [...new Set(sample.map((r) => r.district_id))];
    const units = [...new Set(sample.map((r) => r.lead_department_id))];
    const supervisor = user(['supervisor'], 1);
    const kinds: [string, (i: number) => [ReturnType<typeof user>, Partial<SearchQuery>]][] = [
      ['text + district (the target)', (i) => [supervisor, { q: pick(words, i), districtId: pick(districts, i) }]],
      ['text + status', (i) => [supervisor, { q: pick(words, i), status: i % 2 ? 'handling' : 'closed' }]],
      ['text + date range (a month)', (i) => [supervisor, { q: pick(words, i), from: '2026-08-01', to: '2026-08-31' }]],
      ['text only', (i) => [supervisor, { q: pick(words, i) }]],
      ['two words', (i) => [supervisor, { q: `${pick(words, i)} ${pick(words, i + 3)}` }]],
      ['phone, last four', (i) => [supervisor, { q: pick(sample, i).submitter_phone.slice(-4) }]],
      ['phone, whole (desk history)', (i) => [supervisor, { phone: pick(sample, i).submitter_phone }]],
      ['code fragment (5 chars)', (i) => [supervisor, { q: pick(sample, i).code.slice(-5), field: 'code' }]],
      ['submitter name', (i) => [supervisor, { q: pick(sample, i).submitter_name, field: 'name' }]],
      ['enterprise name', (i) => [supervisor, { q: pick(sample.filter((r) => r.enterprise_name), i).enterprise_name!.slice(0, 6), field: 'enterprise' }]],
      ['unit user: text', (i) => [user(['handler'], pick(units, i)), { q: pick(words, i) }]],
      ['unit user: phone last four', (i) => [user(['handler'], pick(units, i)), { q: pick(sample, i).submitter_phone.slice(-4) }]],
      ['filters only: district + status', (i) => [supervisor, { districtId: pick(districts, i), status: 'handling' }]],
    ];
    lines.push(`\n${engine}: ${total.toLocaleString()} cases${reuse ? ' (reused)' : `, written in ${fmt((Date.now() - started) / 1000, 0)} s`}; ${runs} queries a kind, one client, first page of 50 with its count (cap 1,000)`);
    for (const [name, make] of kinds) {
      const times: number[] = [];
      let hits = 0;
      for (let i = -3; i < runs; i++) {
        const [u, q] = make(Math.abs(i));
        const t = performance.now();
        const page = await searchCases(deps, u, { field: 'auto', limit: 50, ...q } as SearchQuery);
        if (i >= 0) {
          times.push(performance.now() - t);
          hits += page.total?.count ?? 0;
        }
      }
      times.sort((a, b) => a - b);
      const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
      const line = `  ${name.padEnd(34)} p50 ${fmt(pct(50), 1).padStart(7)} ms  p95 ${fmt(pct(95), 1).padStart(7)} ms  max ${fmt(times[times.length - 1], 1).padStart(7)} ms  mean count ${fmt(hits / runs)}`;
      lines.push(line);
      log(line);
    }
    lines.push(`  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await database.close();
    await target.drop();
  }
}
console.log(`\nStaff search (target: text + one filter p95 <= 200 ms PostgreSQL, <= 500 ms PGlite)`);
console.log(lines.join('\n'));
