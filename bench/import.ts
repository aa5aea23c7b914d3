// Import benchmark: a generated 12345-style CSV (Chinese text; 1,000,000 rows by default) imported into a scratch
// database on each engine through the same code as `yiwang import` (runImport). Prints rows/s and peak RSS at 100k
// rows and at the end, the CPU seconds of this process and (PostgreSQL) of the server backends, and the load average
// at start and end (the machine is shared: compare runs taken under similar load). Asserts nothing.
//
//   node --import tsx bench/import.ts [--engine pglite|postgres|both] [--rows 1000000] [--batch 2000] [--keep-file]
//
// Targets (issue 3): ≥ 10,000 rows/s on PostgreSQL, ≥ 4,000 rows/s on PGlite, memory flat as the file grows.
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.js';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { runImport } from '../src/server/modules/import/run-import.js';
import { assembleDeps } from '../src/server/runtime.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' }, rows: { type: 'string', default: '1000000' }, batch: { type: 'string', default: '2000' },
    'keep-file': { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const batchSize = Number(values.batch);
const checkpoint = Math.min(100_000, rows);

const departments = ['市住建局', '市城管局', '市市场监管局', '市人社局', '市交通运输局', '市自然资源和规划局', '市税务局', '市行政审批服务局', '市生态环境局', '市发改委'];
const districts = ['珠晖区', '雁峰区', '石鼓区', '蒸湘区', '南岳区', '衡阳县', '衡南县', '衡山县', '衡东县', '祁东县', '耒阳市', '常宁市'];
const topics = [
  ['施工许可证办理超时', '我公司厂房扩建项目已提交全部材料，施工许可证超过法定时限仍未办结，请协调加快办理。', '施工许可'],
  ['企业开办材料反复补正', '在政务服务窗口办理企业开办，工作人员多次要求补充材料，每次说法不一，希望一次性告知。', '开办企业'],
  ['工程款长期拖欠', '我单位承建的市政工程已竣工验收两年，尚有工程款未支付，影响企业资金周转和工人工资发放。', '工程款拖欠'],
  ['园区频繁停电', '工业园区近一个月多次计划外停电，没有提前通知，造成生产线停机和原料损失。', '停电限电'],
  ['不动产登记办证难', '购买的商业用房已交房三年，因历史遗留问题一直无法办理不动产权证。', '办证难'],
  ['涉企检查过于频繁', '同一月内多个部门先后到企业检查同样的内容，影响正常生产经营，希望合并检查。', '多头检查'],
];

function csvCell(s: string) {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function generate(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  await write('\uFEFF工单编号,留言主题,留言详情,留言时间,承办单位,状态,答复意见,满意度,办结时间,联系电话,诉求人,区县,类别\n');
  const start = Date.UTC(2021, 0, 1);
  let chunk = '';
  for (let i = 1; i <= n; i++) {
    const t = topics[i % topics.length];
    const created = new Date(start + i * 97_000 + (i % 7) * 3_600_000);
    const open = i % 10 === 0;
    const closed = new Date(created.getTime() + (2 + (i % 9)) * 86_400_000);
    const fmt = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    chunk += [
      `GD${String(i).padStart(9, '0')}`, `${t[0]}（${districts[i % districts.length]}）`, `${t[1]}编号${i}。`, fmt(created),
      departments[i % departments.length], open ? '办理中' : '已办结', open ? '' : '经核实，已协调相关单位办理完毕，并电话告知诉求人。',
      open ? '' : ['满意', '基本满意', '不满意'][i % 3], open ? '' : fmt(closed), `139${String(i).padStart(8, '0')}`, '市民', districts[i % districts.length], t[2],
    ].map(csvCell).join(',') + '\n';
    if (i % 2000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  await new Promise<void>((r) => out.end(r));
}

/** CPU seconds used so far by this database's server backends (local server: read from /proc). */
async function backendCpuSeconds(db: Kysely<DB>): Promise<number | null> {
  try {
    const r = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
    const tick = 100;
    let total = 0;
    for (const { pid } of r.rows) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(stat[11]) + Number(stat[12])) / tick;
    }
    return total;
  } catch {
    return null;
  }
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');

async function bench(engine: string, file: string) {
  const { database, drop } = await openScratch(engine, 'import', { poolSize: 4 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const deps = assembleDeps(database, { now: () => new Date('2026-11-02T09:00:00+08:00'), logLevel: 'silent' });
    global.gc?.();
    const loadStart = os.loadavg();
    const rssStart = process.memoryUsage().rss;
    let peak = rssStart;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    let at100k: { seconds: number; peak: number; rss: number } | null = null;
    let lastLog = 0;
    const result = await runImport(deps, {
      filePath: file, fileName: path.basename(file), source: 'bench', mapping: {}, batchSize,
      actor: { userId: null, role: 'system', departmentId: null },
      onProgress: (p) => {
        peak = Math.max(peak, process.memoryUsage().rss);
        if (!at100k && p.read >= checkpoint) at100k = { seconds: (performance.now() - started) / 1000, peak, rss: process.memoryUsage().rss };
        if (p.read - lastLog >= Math.min(100_000, Math.max(10_000, rows / 10))) {
          lastLog = p.read;
          log(`${engine}: ${p.read} rows, ${(p.read / ((performance.now() - started) / 1000)).toFixed(0)} rows/s, rss ${mb(process.memoryUsage().rss)}`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const serverCpu = engine === 'postgres' ? await backendCpuSeconds(database.db) : null;
    peak = Math.max(peak, process.memoryUsage().rss);
    const c = result.counts;
    const h = at100k as { seconds: number; peak: number; rss: number } | null;
    console.log(`${engine.padEnd(8)} ${String(checkpoint).padStart(9)} rows: ${h ? (checkpoint / h.seconds).toFixed(0) : '—'} rows/s, peak RSS ${h ? mb(h.peak) : '—'}`);
    console.log(`${engine.padEnd(8)} ${String(c.read).padStart(9)} rows: ${(c.read / seconds).toFixed(0)} rows/s (${seconds.toFixed(1)} s), peak RSS ${mb(peak)} (start ${mb(rssStart)}); created ${c.created}, failed ${c.failed}`);
    const nodeCpu = (cpu.user + cpu.system) / 1e6;
    console.log(`${engine.padEnd(8)} CPU: this process ${nodeCpu.toFixed(1)} s${serverCpu !== null ? `, PostgreSQL backends ${serverCpu.toFixed(1)} s` : ''} for ${seconds.toFixed(1)} s wall → ${(c.read / Math.max(nodeCpu, serverCpu ?? 0)).toFixed(0)} rows per CPU-second of the busier side; load average ${load(loadStart)} at start, ${load(os.loadavg())} at end on ${os.cpus().length} CPUs`);
    const target = engine === 'postgres' ? 10_000 : 4_000;
    console.log(`${engine.padEnd(8)} target ≥ ${target} rows/s: ${c.read / seconds >= target ? 'yes' : 'NO'}; memory growth 100k → end: ${h ? mb(peak - h.peak) : '—'}`);
  } finally {
    await drop();
  }
}

const file = path.join(os.tmpdir(), `yw-bench-import-${rows}.csv`);
log(`generating ${rows} rows → ${file}`);
await generate(file, rows);
log(`file: ${mb(statSync(file).size)}`);
try {
  for (const engine of enginesFrom(values.engine)) await bench(engine, file);
} finally {
  if (!values['keep-file']) rmSync(file, { force: true });
}
console.log(`(figures taken on a shared 2-core machine under load from other work; node ${process.version}, batch ${batchSize})`);
