// Indicators benchmark (issue 14, Figures): 18 first-level indicators × 87 sub-measures in the registry of each of 5
// years, monthly accepted figures for every sub-measure over the 5 years (5,220 figures), 12 reform measures, and N
// cases (default 1,000,000) in categories tagged with the indicators. Measures the leading group's dashboard
// (leadingDashboard, p50/p95; target p95 <= 300 ms on PostgreSQL) and a lead unit's report .docx (leadReport +
// leadReportDocx; target <= 3 s), in process. Prints wall and CPU figures and the load average, asserts nothing.
//
//   node --import tsx bench/indicators.ts [--engine pglite|postgres|both] [--cases 1000000] [--runs 40] [--reports 5]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { permissionsOf } from '../src/domain/access/permissions.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { leadingDashboard } from '../src/server/modules/indicators/dashboard.js';
import { leadReport } from '../src/server/modules/indicators/report.js';
import { leadReportDocx } from '../src/server/modules/indicators/report-docx.js';
import { createItem } from '../src/server/modules/items/index.js';
import { defaultCalendar } from '../src/domain/calendar/index.js';
import { assembleDeps } from '../src/server/runtime.js';
import { generateCases } from './cases-kit.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '40' }, reports: { type: 'string', default: '5' } } });
const total = Number(values.cases);
const runs = Number(values.runs);
const reportRuns = Number(values.reports);
const years = [2022, 2023, 2024, 2025, 2026];
const firstLevel = 18;
const subMeasures = 87;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

const lines: string[] = [];
for (const engine of enginesFrom(values.engine)) {
  const { database, drop } = await openScratch(engine, 'indicators', { poolSize: 8 });
  try {
    const db = database.db;
    await migrate(db);
    await seedOrganisation(db);
    const now = new Date('2026-12-06T12:00:00+08:00');
    const t0 = performance.now();
    await generateCases(database, total, now, false);
    log(`${engine}: ${total.toLocaleString('en-US')} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const units = (await db.selectFrom('departments').select('id').where('kind', '=', 'city_department').orderBy('id').execute()).map((d) => d.id);
    const supervisorRow = await db.selectFrom('users').select(['id', 'department_id']).where('username', '=', 'supervisor').executeTakeFirstOrThrow();
    const filer = supervisorRow.id;
    const t1 = performance.now();
    const leadOf = (i: number) => units[i % units.length];
    for (const year of years) {
      for (let i = 0; i < firstLevel; i++) {
        const first = await db.insertInto('indicators').values({
          year, system: 'national', code: `i${i + 1}`, name: `评价指标${i + 1}`, lead_department_id: leadOf(i), weight: 5, sort_order: i, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        // 87 sub-measures over 18 indicators: the first 15 have 5, the last 3 have 4.
        const count = i < 15 ? 5 : 4;
        const measures = await db.insertInto('indicators').values(Array.from({ length: count }, (_, j) => ({
          year, system: 'national' as const, code: `i${i + 1}.${j + 1}`, parent_id: first.id, name: `分项${i + 1}.${j + 1}`, unit: j % 2 ? '个工作日' : '%',
          direction: j % 2 ? 'lower' as const : 'higher' as const, target_commitment: j % 2 ? 3 : 90, target_benchmark: j % 2 ? 2 : 95, updated_at: now,
        }))).returning('id').execute();
        const rows = measures.flatMap((m, j) => Array.from({ length: 12 }, (_, k) => ({
          indicator_id: m.id, period: `${year}-${String(k + 1).padStart(2, '0')}`, value: j % 2 ? 2 + ((i + k) % 4) * 0.5 : 85 + ((i * 3 + k) % 12),
          status: 'accepted' as const, department_id: leadOf(i), filed_by: filer, filed_at: now, reviewed_by: filer, reviewed_at: now,
        })));
        await db.insertInto('indicator_figures').values(rows).execute();
        if (year === 2026 && i < 12) {
          await db.transaction().execute((tx) => createItem(tx, {
            title: `改革举措${i + 1}`, sourceKind: 'work_report', sourceRef: '', sourceDate: null, sourceWords: null, leaderUserId: null, leaderName: '分管副市长',
            leadDepartmentId: leadOf(i), coDepartmentIds: [], description: '', startDate: '2026-01-01', endDate: '2026-12-31', schedule: { frequency: 'none' },
            targets: [], milestones: [{ title: '完成', due: { date: '2026-11-30' } }],
          }, { userId: filer, role: 'supervisor', departmentId: supervisorRow.department_id }, { now, calendar: defaultCalendar, origin: { type: 'indicator', id: first.id } }));
        }
      }
    }
    // Every leaf category carries one indicator tag, so every case counts toward an indicator.
    await sql`UPDATE categories SET indicator_codes = ARRAY['i' || (1 + id % ${firstLevel})] WHERE parent_id IS NOT NULL`.execute(db);
    await sql`ANALYZE`.execute(db);
    const figures = await db.selectFrom('indicator_figures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    log(`${engine}: registry of ${years.length} years, ${Number(figures.n).toLocaleString('en-US')} figures, 12 reforms in ${((performance.now() - t1) / 1000).toFixed(1)} s`);

    const deps = assembleDeps(database, { logLevel: 'silent', now: () => now });
    await leadingDashboard(deps, { year: 2026, system: 'national' });
    const times: number[] = [];
    let cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await leadingDashboard(deps, { year: years[years.length - 1 - (i % 2)], system: 'national' });
      times.push(performance.now() - t);
    }
    const dashCpu = cpuSeconds(process.cpuUsage(cpu)) / runs;
    const line1 = `${engine.padEnd(8)} leading-group dashboard   p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  cpu/query ${(dashCpu * 1000).toFixed(1)} ms  load ${loadavg()[0].toFixed(2)}  (target p95 <= 300 ms)`;
    log(line1);
    lines.push(line1);

    const head = { id: filer, username: 'bench', displayName: 'bench', role: 'supervisor' as const, roles: ['supervisor' as const], permissions: permissionsOf(['supervisor']), departmentId: supervisorRow.department_id, departmentName: '', mustChangePassword: false };
    const docTimes: number[] = [];
    let bytes = 0;
    cpu = process.cpuUsage();
    for (let i = 0; i < reportRuns; i++) {
      const t = performance.now();
      const report = await leadReport(deps, head, leadOf(i), { year: 2026, system: 'national' });
      bytes = (await leadReportDocx(report, now)).length;
      docTimes.push(performance.now() - t);
    }
    const docCpu = cpuSeconds(process.cpuUsage(cpu)) / reportRuns;
    const line2 = `${engine.padEnd(8)} lead unit's report .docx  p50 ${(pct(docTimes, 50) / 1000).toFixed(2)} s  max ${(Math.max(...docTimes) / 1000).toFixed(2)} s  cpu/report ${docCpu.toFixed(2)} s  ${(bytes / 1024).toFixed(0)} KiB  load ${loadavg()[0].toFixed(2)}  (target <= 3 s)`;
    log(line2);
    lines.push(line2);
  } finally {
    await drop();
  }
}
console.log(`indicators: ${firstLevel} indicators × ${subMeasures} sub-measures × ${years.length} years of monthly figures, ${total.toLocaleString('en-US')} tagged cases`);
for (const l of lines) console.log(l);
