// Account import benchmark: 50,000 accounts from an .xlsx, dry run then the real run (one-time passwords hashed on
// libuv's thread pool with the cheap one-time parameters, see modules/auth/passwords.ts). Prints figures, asserts nothing.
//
//   node --import tsx bench/people.ts [--engine pglite|postgres|both] [--accounts 50000]
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { permissionsOf } from '../src/domain/access/permissions.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { readTable } from '../src/server/import-file/read-table.js';
import { importAccounts } from '../src/server/modules/auth/people/import-accounts.js';
import { assembleDeps } from '../src/server/runtime.js';
import { log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, accounts: { type: 'string', default: '50000' } } });
const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine!];
const n = Number(values.accounts);

async function writeFile(file: string, units: string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet('账号');
  ws.addRow(['姓名', '用户名', '单位', '角色', '手机', '邮箱']).commit();
  for (let i = 0; i < n; i++) {
    ws.addRow([`人员${i}`, `bench.user${i}`, units[i % units.length], i % 10 === 0 ? '承办人、承办单位负责人' : '承办人', `139${String(i).padStart(8, '0')}`, `u${i}@bench.local`]).commit();
  }
  await wb.commit();
}

for (const engine of engines) {
  const { database, drop } = await openScratch(engine, 'people', { poolSize: 8 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yw-bench-people-'));
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const deps = assembleDeps(database, { logLevel: 'silent' });
    const units = (await database.db.selectFrom('departments').select('code').execute()).map((u) => u.code);
    const admin = await database.db.selectFrom('users as u').innerJoin('departments as d', 'd.id', 'u.department_id').select(['u.id', 'u.username', 'u.display_name', 'u.department_id', 'd.name'])
      .where('u.username', '=', 'admin').executeTakeFirstOrThrow();
    const actor = { id: admin.id, username: admin.username, displayName: admin.display_name, role: 'admin' as const, roles: ['admin' as const], permissions: permissionsOf(['admin']), departmentId: admin.department_id, departmentName: admin.name, mustChangePassword: false };
    const file = path.join(dir, 'accounts.xlsx');
    log(`${engine}: writing ${n} accounts`);
    await writeFile(file, units);
    let t = performance.now();
    const table = await readTable(file);
    const read = performance.now() - t;
    t = performance.now();
    const dry = await importAccounts(deps, actor, '127.0.0.1', table, true);
    const dryMs = performance.now() - t;
    t = performance.now();
    const real = await importAccounts(deps, actor, '127.0.0.1', table, false);
    const realMs = performance.now() - t;
    console.log(`${engine}: ${n.toLocaleString()} accounts — read ${(read / 1000).toFixed(1)} s, dry run ${(dryMs / 1000).toFixed(1)} s (${dry.problems.length} problems), `
      + `import ${(realMs / 1000).toFixed(1)} s (${real.imported.toLocaleString()} imported, passwords file ${(real.credentialsXlsx!.length * 0.75 / 1e6).toFixed(1)} MB); `
      + `read + dry run + import ${((read + dryMs + realMs) / 1000).toFixed(1)} s ${(read + realMs) <= 60_000 ? '(≤ 60 s: yes)' : '(≤ 60 s: NO)'}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await drop();
  }
}
