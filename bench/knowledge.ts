// Knowledge search benchmark (issue 15 item 3): the desk's and the portal's search (searchKnowledge, in process, one
// client) over N approved entries (default 50,000) on PGlite and PostgreSQL, p50/p95 per kind of query. Target: p95
// <= 50 ms on both engines. Prints figures (and this process's CPU seconds: all of PGlite's work, only the client's
// for PostgreSQL), asserts nothing.
//
//   node --import tsx bench/knowledge.ts [--engine pglite|postgres|both] [--entries 50000] [--runs 60] [--keep]
//
// --keep leaves the scratch database (or PGlite folder) in place, to EXPLAIN the queries afterwards.
//
// Entries are made from the demo generator's texts (title → question, description → answer) with a document number,
// an owner unit, a validity (a tenth expired, a tenth not yet in force) and a visibility (a fifth internal); the
// insert trigger computes the vectors, as for an entry saved from the screen. Queries are other generated texts: a
// title typed at the desk, a whole description, two words, and a short word.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { createRng, generateCaseText } from '../src/server/demo/data/case-text.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { searchKnowledge } from '../src/server/modules/knowledge/search.js';
import { queryLexemes } from '../src/server/modules/publication/index.js';
import { assembleDeps } from '../src/server/runtime.js';
import { enginesFrom, log, scratchTarget } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, entries: { type: 'string', default: '50000' }, runs: { type: 'string', default: '60' }, keep: { type: 'boolean', default: false } } });
const total = Number(values.entries);
const runs = Number(values.runs);
const now = new Date('2026-11-20T12:00:00+08:00');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const lines: string[] = [];
for (const engine of enginesFrom(values.engine)) {
  const target = await scratchTarget(engine, 'knowledge', values.keep);
  const database = await openDatabase(target.url ? { databaseUrl: target.url, poolSize: 4 } : { dataDir: target.dataDir });
  try {
    await migrate(database.db);
    const db = database.db;
    await seedOrganisation(db);
    const cats = await db.selectFrom('categories').select(['code']).where('parent_id', 'is not', null).execute();
    const units = (await db.selectFrom('departments').select(['id', 'kind', 'name']).execute());
    const owners = units.filter((d) => d.kind === 'city_department').map((d) => d.id);
    const districts = units.filter((d) => d.kind === 'district').map((d) => d.name);
    const rng = createRng(7);
    const started = Date.now();
    const batch = 1000;
    for (let from = 0; from < total; from += batch) {
      const rows = Array.from({ length: Math.min(batch, total - from) }, (_, j) => {
        const i = from + j;
        const t = generateCaseText(rng, cats[i % cats.length].code, districts[i % districts.length]);
        const validTo = i % 10 === 0 ? '2026-06-30' : i % 10 === 1 ? null : '2028-12-31';
        return {
          owner_unit_id: owners[i % owners.length], latest_version: 1, published_version: 1, question: t.title, answer: t.description,
          basis_title: '衡阳市优化营商环境若干措施', basis_number: `衡政发〔2025〕${i % 500}号`, valid_from: i % 10 === 1 ? '2027-01-01' : '2025-01-01',
          valid_to: validTo, visibility: i % 5 === 0 ? 'internal' as const : 'public' as const, keywords: [], created_at: now, updated_at: now,
        };
      });
      await db.insertInto('knowledge_entries').values(rows).execute();
    }
    await sql`ANALYZE knowledge_entries`.execute(db);
    log(`${engine}: ${total.toLocaleString('en-US')} entries written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const deps = assembleDeps(database, { logLevel: 'silent', now: () => now });
    const qrng = createRng(99);
    const texts = Array.from({ length: runs }, (_, i) => generateCaseText(qrng, cats[(i * 13) % cats.length].code, districts[i % districts.length]));
    const words = [...new Set(texts.flatMap((t) => queryLexemes(t.title)).filter((w) => /^[\u4e00-\u9fff]{2,4}$/.test(w)))];
    const kinds: [string, (i: number) => string, boolean][] = [
      ['desk: a title as typed', (i) => texts[i].title, false],
      ['desk: a whole description', (i) => texts[i].description, false],
      ['desk: two words', (i) => `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]}`, false],
      ['desk: one word', (i) => words[(i * 5) % words.length], false],
      ['portal: a title (public only)', (i) => texts[i].title, true],
      ['one character (answered without a query)', () => '证', false],
    ];
    await searchKnowledge(deps, texts[0].title, { publicOnly: false, limit: 8 });
    for (const [name, q, publicOnly] of kinds) {
      const times: number[] = [];
      let hits = 0;
      const cpu = process.cpuUsage();
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = await searchKnowledge(deps, q(i), { publicOnly, limit: publicOnly ? 5 : 8 });
        times.push(performance.now() - t0);
        hits += r.items.length;
      }
      const used = process.cpuUsage(cpu);
      const line = `${engine.padEnd(8)} ${name.padEnd(42)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms  `
        + `hits/query ${(hits / runs).toFixed(1)}  cpu ${((used.user + used.system) / 1e6).toFixed(2)} s  load ${loadavg()[0].toFixed(2)}`;
      log(line);
      lines.push(line);
    }
  } finally {
    await database.close();
    await target.drop();
  }
}
console.log(`knowledge search, ${total.toLocaleString('en-US')} entries, ${runs} queries a kind (target p95 <= 50 ms)`);
for (const l of lines) console.log(l);
