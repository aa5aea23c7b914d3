// Export benchmark: N cases (default 100,000) generated in a scratch database, then every one exported as .xlsx
// through the real HTTP route (a listening server, the body read as a stream and thrown away, as a browser saving the
// file would) — the 全部诉求 list and the supervision centre. Prints rows/s, file size and the process's peak RSS and
// heap above the level before the export (sampled every 20 ms); a third of the rows and all of them, so equal peaks
// show the rows are not held.
// Prints figures, asserts nothing.
//
//   node --import tsx bench/export.ts [--engine pglite|postgres|both] [--cases 100000]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { download, withSignedInServer } from './download-kit.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '100000' } } });
const n = Number(values.cases);

/** N open or closed cases, spread over the last year, through generate_series (a few statements, the real triggers). */
async function generate(database: Database, count: number, now: Date): Promise<void> {
  const span = 365 * 86_400_000;
  const start = now.getTime() - span;
  for (let a = 1; a <= count; a += 50_000) {
    const b = Math.min(count, a + 49_999);
    await sql`
      WITH cat AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(default_lead_department_id ORDER BY id) AS leads, count(*)::int AS n
                     FROM categories WHERE parent_id IS NOT NULL AND default_lead_department_id IS NOT NULL),
           s AS (SELECT i, 1 + floor(random() * cat.n)::int AS k, random() AS r,
                        to_timestamp((${start}::float8 + (i - 1) * ${span / count}::float8) / 1000) AS created
                   FROM generate_series(${a}::bigint, ${b}::bigint) i, cat)
      INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone,
                         lead_department_id, round, reply_deadline, created_at, accepted_at, dispatched_at, updated_at, warning_level)
      SELECT i, 'X' || lpad(i::text, 8, '0'), '企业反映营商环境问题（导出基准）第' || i || '件', '导出基准测试批量生成的诉求内容。', cat.ids[k],
             'hotline', 'normal', CASE WHEN r < 0.7 THEN 'handling' ELSE 'closed' END, '张先生', '13800000000', cat.leads[k], 1,
             created + interval '15 days', created, created, created, created, CASE WHEN created + interval '15 days' < ${now} AND r < 0.7 THEN 'red' ELSE 'none' END
        FROM s, cat`.execute(database.db);
    log(`  cases ${b.toLocaleString()} / ${count.toLocaleString()}`);
  }
  await sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))`.execute(database.db);
  await sql.raw('ANALYZE').execute(database.db);
}

async function run(engine: string): Promise<string[]> {
  const { database, drop } = await openScratch(engine, 'export', { poolSize: 4 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const now = new Date();
    log(`${engine}: generating ${n.toLocaleString()} cases`);
    await generate(database, n, now);
    return await withSignedInServer(database, now, 'leader', async (address, cookie) => {
      const count = async (status: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE status = ${status}`.execute(database.db)).rows[0].n);
      const open = await count('handling');
      const closed = await count('closed');
      await download(`${address}/api/cases/export.xlsx?view=closed&q=${encodeURIComponent('第1件')}`, cookie); // warm-up: code paths, caches
      const lines: string[] = [];
      // A third of the rows, then all of them: flat memory means the same peak for both.
      for (const [name, path, rows] of [
        ['已办结 (cases/export.xlsx?view=closed)', '/api/cases/export.xlsx?view=closed', closed],
        ['全部诉求 (cases/export.xlsx)', '/api/cases/export.xlsx', n],
        ['督办中心 (supervision/cases/export.xlsx)', '/api/supervision/cases/export.xlsx', open],
      ] as const) {
        log(`${engine}: ${name}, ${rows.toLocaleString()} rows`);
        const f = await download(`${address}${path}`, cookie);
        lines.push(`${engine.padEnd(8)} ${name.padEnd(42)} ${rows.toLocaleString().padStart(8)} rows  ${(rows / f.seconds).toFixed(0).padStart(6)} rows/s  ${f.seconds.toFixed(1).padStart(5)} s  ${(f.bytes / 2 ** 20).toFixed(1).padStart(5)} MB file  peak RSS +${f.rssMb.toFixed(0)} MB  heap +${f.heapMb.toFixed(0)} MB`);
      }
      return lines;
    });
  } finally {
    await drop();
  }
}

const out: string[] = [];
for (const engine of enginesFrom(values.engine)) out.push(...(await run(engine)));
console.log(out.join('\n'));
