// Items ledger benchmark: N supervised items (default 10,000, each with 2 targets, 10 milestones and a report)
// generated in a scratch database, then the whole ledger downloaded as .xlsx through the real HTTP route (a listening
// server, the body read as a stream and thrown away) — ungrouped and grouped by lead unit — and a third of it. Prints
// seconds, CPU seconds of the process, file size and peak RSS / heap above the level before the download (sampled every
// 20 ms): equal peaks for a third and for all show the rows are not held.
// Prints figures, asserts nothing.
//
//   node --import tsx bench/items-ledger.ts [--engine pglite|postgres|both] [--items 10000]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { download, withSignedInServer } from './download-kit.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, items: { type: 'string', default: '10000' } } });
const n = Number(values.items);

/** N items with their targets, milestones and one report each, through generate_series. */
async function generate(database: Database, count: number, now: Date): Promise<void> {
  const { db } = database;
  await sql`
    WITH d AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM departments WHERE parent_id IS NOT NULL),
         u AS (SELECT min(id) AS id FROM users)
    INSERT INTO items (id, code, title, source_kind, source_ref, source_date, leader_name, lead_department_id, co_department_ids, description,
                       start_date, end_date, report_frequency, report_day, light, created_by, created_at, updated_at)
    SELECT i, 'DBSX2026-' || lpad(i::text, 5, '0'), '重点任务（台账基准）第' || i || '项：老旧小区加装电梯与配套设施改造',
           (ARRAY['meeting','work_report','instruction','suggestion','hotspot'])[1 + i % 5], '市政府常务会议', '2026-01-10',
           (ARRAY['王副市长','李市长','张副市长','赵副市长'])[1 + i % 4], d.ids[1 + i % d.n], ARRAY[d.ids[1 + (i + 1) % d.n], d.ids[1 + (i + 2) % d.n]],
           '基准测试生成的督办事项。', '2026-01-12', '2026-12-31', 'monthly', 28,
           (ARRAY['green','green','yellow','red'])[1 + i % 4], u.id, ${now}, ${now}
      FROM generate_series(1, ${count}::int) i, d, u`.execute(db);
  await sql`INSERT INTO item_targets (item_id, seq, name, measure, target_value, progress_value)
    SELECT i, s, (ARRAY['加装电梯','财政补助资金'])[s], (ARRAY['台','元'])[s], (ARRAY[120, 6000000])[s], (ARRAY[40, 1500000])[s]
      FROM generate_series(1, ${count}::int) i, generate_series(1, 2) s`.execute(db);
  await sql`INSERT INTO item_milestones (item_id, seq, title, due_date, due_at, done_at)
    SELECT i, s, '第' || s || '个节点', to_char(date '2026-01-31' + (s * 30), 'YYYY-MM-DD'), (date '2026-01-31' + (s * 30))::timestamptz + interval '16 hours',
           CASE WHEN s <= 3 THEN ${now}::timestamptz END
      FROM generate_series(1, ${count}::int) i, generate_series(1, 10) s`.execute(db);
  await sql`INSERT INTO item_reports (item_id, department_id, period, text, state, submitted_by, submitted_at)
    SELECT i.id, i.lead_department_id, '2026-11', '本月完成加装电梯 4 台，财政补助资金拨付 50 万元，第三个节点已完成验收。', 'accepted', i.created_by, ${now}
      FROM items i`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('items', 'id'), (SELECT max(id) FROM items))`.execute(db);
  await sql.raw('ANALYZE').execute(db);
}

async function run(engine: string): Promise<string[]> {
  const { database, drop } = await openScratch(engine, 'items_ledger', { poolSize: 4 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const now = new Date();
    log(`${engine}: generating ${n.toLocaleString()} items`);
    await generate(database, n, now);
    return await withSignedInServer(database, now, 'supervisor', async (address, cookie) => {
      await download(`${address}/api/items/ledger.xlsx?light=red&q=${encodeURIComponent('第1项')}`, cookie); // warm-up
      const lines: string[] = [];
      const red = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM items WHERE light = 'red'`.execute(database.db)).rows[0].n);
      for (const [name, path, rows] of [
        ['红灯 (ledger.xlsx?light=red)', '/api/items/ledger.xlsx?light=red', red],
        ['全部 (ledger.xlsx)', '/api/items/ledger.xlsx', n],
        ['全部按牵头单位 (ledger.xlsx?group=unit)', '/api/items/ledger.xlsx?group=unit', n],
      ] as const) {
        log(`${engine}: ${name}, ${rows.toLocaleString()} rows`);
        const f = await download(`${address}${path}`, cookie);
        lines.push(`${engine.padEnd(8)} ${name.padEnd(36)} ${rows.toLocaleString().padStart(7)} items  ${f.seconds.toFixed(2).padStart(6)} s  CPU ${f.cpu.toFixed(2)} s  ${(f.bytes / 2 ** 20).toFixed(1).padStart(5)} MB file  peak RSS +${f.rssMb.toFixed(0)} MB  heap +${f.heapMb.toFixed(0)} MB`);
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
