import { permissionsOf } from '../src/domain/access/permissions.js';
// The catalogue screen and its Excel import at a province's size, both engines:
// `node --import tsx bench/catalogue.ts [--categories 5000] [--cases 100000] [--rows 2000] [--engine both]`.
// Loads N categories (groups of 50 leaves) and open/closed cases spread over them, then times the catalogue list
// (GET /api/catalogue's query: every category with its open-case count and warnings), one category's detail, the
// export, and a dry run and a real import of a file of `rows` new leaves. Prints figures; asserts nothing.
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { enginesFrom, log, openScratch } from './kit.js';
import { catalogueColumns } from '../src/contracts/catalogue.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { assembleDeps } from '../src/server/runtime.js';
import { catalogueXlsx } from '../src/server/modules/catalogue/export.js';
import { importCatalogue } from '../src/server/modules/catalogue/import.js';
import { categoryDetail, listCatalogue } from '../src/server/modules/catalogue/queries.js';

const { values } = parseArgs({ options: { categories: { type: 'string', default: '5000' }, cases: { type: 'string', default: '100000' }, rows: { type: 'string', default: '2000' }, engine: { type: 'string' } } });
const categoryCount = Number(values.categories);
const caseCount = Number(values.cases);
const rowCount = Number(values.rows);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (t0: number) => performance.now() - t0;

async function timed(label: string, engine: string, n: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(ms(t0));
  }
  console.log(`${engine.padEnd(8)} ${label.padEnd(34)} n=${n} p50=${pct(times, 0.5).toFixed(1)} ms p95=${pct(times, 0.95).toFixed(1)} ms max=${Math.max(...times).toFixed(1)} ms`);
}

async function run(engine: string) {
  const scratch = await openScratch(engine, 'catalogue');
  try {
    const { db } = scratch.database;
    await migrate(db);
    await seedOrganisation(db);
    const units = await db.selectFrom('departments').select(['id', 'name']).execute();
    const t0 = performance.now();
    const groups = Math.ceil(categoryCount / 51);
    const ids: number[] = [];
    for (let g = 0; g < groups && ids.length < categoryCount; g++) {
      const group = await db.insertInto('categories').values({ code: `b${g}`, name: `分组${g}`, kind: 'complaint', sort_order: 1000 + g }).returning('id').executeTakeFirstOrThrow();
      const leaves = Array.from({ length: Math.min(50, categoryCount - ids.length - 1) }, (_, i) => ({
        code: `b${g}.l${i}`, name: `类别${g}-${i}`, parent_id: group.id, kind: 'complaint' as const, sort_order: i,
        default_lead_department_id: units[(g + i) % units.length].id, co_department_ids: [units[(g + i + 1) % units.length].id], tags: i % 5 ? [] : ['获得电力'],
      }));
      if (leaves.length) ids.push(...(await db.insertInto('categories').values(leaves).returning('id').execute()).map((r) => r.id));
    }
    const statuses = ['submitted', 'dispatched', 'handling', 'replied', 'closed', 'closed', 'closed'];
    const now = new Date();
    for (let start = 0; start < caseCount; start += 2000) {
      const rows = [];
      for (let i = start; i < Math.min(caseCount, start + 2000); i++) {
        rows.push({
          id: i + 1, code: `YWC${String(i).padStart(9, '0')}`, title: '问题', description: '描述', category_id: ids[i % ids.length], channel: 'web',
          urgency: 'normal', status: statuses[i % statuses.length], submitter_name: '张三', submitter_phone: '13800000000', created_at: now, updated_at: now,
        });
      }
      await db.insertInto('cases').values(rows as never).execute();
    }
    await sql`SELECT setval('cases_id_seq', ${caseCount})`.execute(db);
    await sql`ANALYZE`.execute(db);
    log(`${engine}: ${ids.length + groups} categories, ${caseCount} cases loaded in ${(ms(t0) / 1000).toFixed(1)} s`);

    const deps = assembleDeps(scratch.database, { logLevel: 'silent' });
    await timed(`list (${ids.length + groups} categories)`, engine, 20, () => listCatalogue(db));
    await timed('one category detail', engine, 20, () => categoryDetail(db, ids[7]));
    let size = 0;
    await timed('export .xlsx', engine, 3, async () => (size = (await catalogueXlsx(db)).length));
    console.log(`${engine.padEnd(8)} export size ${(size / 1024).toFixed(0)} KB`);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('类别');
    ws.addRow([...catalogueColumns]);
    for (let i = 0; i < rowCount; i++) ws.addRow([`n${i}`, `新类别${i}`, `b${i % groups}`, '投诉', '投诉、求助', units[i % units.length].name, units[(i + 3) % units.length].name, '民生', '启用']);
    const file = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const admin = await db.selectFrom('users').select(['id', 'username', 'display_name', 'department_id']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    const caller = { user: { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin' as const, roles: ['admin' as const], permissions: permissionsOf(['admin']), departmentId: admin.department_id, departmentName: '', mustChangePassword: false }, address: null };
    for (const dryRun of [true, false]) {
      const s = performance.now();
      const r = await importCatalogue(deps, caller, { fileName: 'bench.xlsx', contentBase64: file, dryRun });
      console.log(`${engine.padEnd(8)} import ${dryRun ? 'dry run' : 'real run'} of ${rowCount} rows: ${ms(s).toFixed(0)} ms (created ${r.created}, failed ${r.failed})`);
    }
  } finally {
    await scratch.drop();
  }
}

for (const engine of enginesFrom(values.engine)) await run(engine);
