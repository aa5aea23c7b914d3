// Supervision benchmark: issuing orders, the supervision centre query, the department page and the exports, in-process
// on a database holding N open cases. Prints figures, asserts nothing.
//
//   node --import tsx bench/supervision.ts [--engine pglite|postgres|both] [--cases 1000]
import { log, openScratch } from './kit.js';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.js';
import { migrate } from '../src/server/db/migrate.js';
import { demoPassword, seedOrganisation } from '../src/server/demo/seed-org.js';
import { assembleDeps } from '../src/server/runtime.js';
import { loginAs } from '../test/kit/http.js';
import { orgIds, sampleCase } from '../test/kit/org.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, cases: { type: 'string', default: '1000' } } });
const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine!];
const caseCount = Number(values.cases);

function open(engine: string) {
  return openScratch(engine, 'sup', { poolSize: 8 });
}

async function timed<T>(n: number, fn: (i: number) => Promise<T>): Promise<{ perSecond: number; p50: number; p95: number }> {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { perSecond: (n / total) * 1000, p50: times[Math.floor(n * 0.5)], p95: times[Math.floor(n * 0.95)] };
}

const fmt = (r: { perSecond: number; p50: number; p95: number }) => `${r.perSecond.toFixed(0)}/s  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms`;

async function run(engine: string) {
  const { database, drop } = await open(engine);
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    let clock = new Date('2026-11-02T09:00:00+08:00');
    const deps = assembleDeps(database, { now: () => clock, logLevel: 'silent' });
    const app = await buildApp(deps);
    const intake = await loginAs(app, 'intake', demoPassword);
    const ids = await orgIds(intake);
    const zjj = ids.dept('zjj');
    const category = ids.category('approval.construction_permit');
    log(`${engine}: creating ${caseCount} cases`);
    const caseIds: number[] = [];
    for (let i = 0; i < caseCount; i++) {
      const r = await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: zjj, coDepartmentIds: [] } });
      caseIds.push(r.body.id);
    }
    clock = new Date('2026-12-10T09:00:00+08:00'); // every case overdue; log in after the jump so the session is fresh
    const supervisor = await loginAs(app, 'supervisor', demoPassword);
    const check = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    const orders = Math.min(500, caseCount);
    const issue = await timed(orders, (i) => check(supervisor.post(`/api/cases/${caseIds[i]}/orders`, { departmentId: zjj, level: 'yellow', demands: '请限期答复', deadline: { workingDays: 3 } })));
    const centre = await timed(20, () => check(supervisor.get('/api/supervision/cases?limit=500')));
    const centreFiltered = await timed(20, () => supervisor.get(`/api/supervision/cases?departmentId=${zjj}&overdue=overdue&hasOpenOrder=true&limit=200`));
    const deptPage = await timed(10, () => supervisor.get(`/api/supervision/departments/${zjj}`));
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor', password: demoPassword } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const firstOrder = (await supervisor.get(`/api/cases/${caseIds[0]}/orders`)).body.items[0].id;
    const docx = await timed(50, () => get(`/api/supervision/orders/${firstOrder}/docx`));
    const xlsx = await timed(5, () => get(`/api/supervision/departments/${zjj}/overdue.xlsx`));
    const listDocx = await timed(5, () => get(`/api/supervision/departments/${zjj}/overdue.docx`));
    const rows = Math.min(500, caseCount);
    console.log(`\n${engine} (${caseCount} open cases)`);
    console.log(`  issue order (POST, ${orders} sequential)       ${fmt(issue)}`);
    console.log(`  centre, 500 rows                                ${fmt(centre)}`);
    console.log(`  centre, filtered (dept+overdue+open order)      ${fmt(centreFiltered)}`);
    console.log(`  department page (${rows} cases + orders)        ${fmt(deptPage)}`);
    console.log(`  order .docx                                     ${fmt(docx)}`);
    console.log(`  overdue list .xlsx (${rows} rows)               ${fmt(xlsx)}`);
    console.log(`  overdue list .docx (${rows} rows)               ${fmt(listDocx)}`);
    await app.close();
  } finally {
    await drop();
  }
}

for (const e of engines) await run(e);
