// Measures findSimilarCases on both engines: `node --import tsx bench/similar.ts [--open 20000] [--closed 80000] [--engine both]`.
// Loads open and closed cases with demo-generated Chinese text, then times 200 lookups (text + category + district,
// plus phone) with a cold word cache and again warm. Prints figures; asserts nothing (the machine is shared).
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { enginesFrom, log, openScratch } from './kit.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { createRng, generateCaseText } from '../src/server/demo/data/case-text.js';
import { assembleDeps } from '../src/server/runtime.js';
import { findSimilarCases } from '../src/server/modules/similar/find-similar.js';
import { words } from '../src/server/modules/similar/text-similarity.js';

const { values } = parseArgs({ options: { open: { type: 'string', default: '20000' }, closed: { type: 'string', default: '80000' }, engine: { type: 'string' } } });
const openCount = Number(values.open);
const closedCount = Number(values.closed);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function run(engine: string) {
  const scratch = await openScratch(engine, 'similar');
  try {
    const { db } = scratch.database;
    await migrate(db);
    await seedOrganisation(db);
    const cats = await db.selectFrom('categories').select(['id', 'code']).where('parent_id', 'is not', null).execute();
    const districts = await db.selectFrom('departments').select(['id', 'name']).where('kind', '=', 'district').execute();
    const rng = createRng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)];
    const statuses = ['submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating'];
    const now = new Date();
    const total = openCount + closedCount;
    const t0 = performance.now();
    const queries: { text: string; categoryId: number; districtId: number; phone: string }[] = [];
    for (let start = 0; start < total; start += 1000) {
      const rows = [];
      for (let i = start; i < Math.min(total, start + 1000); i++) {
        const cat = pick(cats);
        const d = pick(districts);
        const t = generateCaseText(rng, cat.code, d.name);
        const isOpen = rng.next() < openCount / total;
        const at = new Date(now.getTime() - rng.next() * 170 * 86_400_000);
        rows.push({
          id: i + 1, code: `YWB${String(i).padStart(9, '0')}`, title: t.title, description: t.description, category_id: cat.id, channel: 'web',
          urgency: 'normal', status: isOpen ? pick(statuses) : 'closed', submitter_name: t.contactName, submitter_phone: t.phone,
          enterprise_name: t.enterpriseName ?? null, enterprise_credit_code: t.creditCode ?? null, district_id: d.id, address: t.address,
          created_at: at, updated_at: at,
        });
        if (isOpen && queries.length < 200 && rng.next() < 0.05) queries.push({ text: `${t.title}${t.description.slice(0, 60)}`, categoryId: cat.id, districtId: d.id, phone: t.phone });
      }
      await db.insertInto('cases').values(rows as never).execute();
    }
    await sql`SELECT setval('cases_id_seq', ${total})`.execute(db);
    await sql`ANALYZE cases`.execute(db);
    const open = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'closed').executeTakeFirstOrThrow();
    log(`${engine}: loaded ${total} cases (${open.n} open) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${queries.length} queries`);

    const deps = assembleDeps(scratch.database, { logLevel: 'silent' });
    const j0 = performance.now();
    words('预热');
    const jiebaMs = performance.now() - j0;
    for (const [label, withPhone] of [['cold (word cache empty)', true], ['warm', true], ['warm, text only', false]] as const) {
      const times: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const s = performance.now();
        const r = await findSimilarCases(deps, { text: q.text, categoryId: q.categoryId, districtId: q.districtId, phone: withPhone ? q.phone : undefined });
        times.push(performance.now() - s);
        if (r.length) hits++;
      }
      console.log(`${engine.padEnd(8)} ${label.padEnd(24)} n=${times.length} p50=${pct(times, 0.5).toFixed(1)} ms p95=${pct(times, 0.95).toFixed(1)} ms p99=${pct(times, 0.99).toFixed(1)} ms max=${Math.max(...times).toFixed(1)} ms; with a match: ${hits}`);
    }
    console.log(`${engine.padEnd(8)} jieba dictionary + IDF table load: ${jiebaMs.toFixed(0)} ms (once per process)`);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM cases WHERE status IN ('submitted','dispatched','handling','replied','awaiting_rating') AND category_id = ${cats[0].id} AND created_at >= now() - interval '180 days' ORDER BY created_at DESC, id DESC LIMIT 300`.execute(db);
    console.log(`${engine.padEnd(8)} candidate plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).slice(0, 2).join(' | ')}`);
  } finally {
    await scratch.drop();
  }
}

for (const engine of enginesFrom(values.engine)) await run(engine);
const mem = process.memoryUsage();
console.log(`process rss ${(mem.rss / 1048576).toFixed(0)} MB, heap ${(mem.heapUsed / 1048576).toFixed(0)} MB`);
