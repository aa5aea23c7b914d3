import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, projectRoot, yiwang } from '../kit/cli.js';
import { scratchDir, write12345Csv, writeManyRows, writeZipBomb } from './fixtures.js';

let target: Awaited<ReturnType<typeof cliTarget>>;
let dir: string;
const open = () => openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });

beforeAll(async () => {
  // Migrated and seeded on both engines (test/kit/cli.ts).
  target = await cliTarget();
  dir = scratchDir();
});
afterAll(() => target.drop());

const lastLine = (stdout: string) => stdout.trim().split('\n').pop()!;

describe('yiwang import', () => {
  it('prints per-row results on a dry run and a JSON summary as the last line', () => {
    const file = write12345Csv(dir, 'cli.csv');
    const dry = yiwang(['import', file, '--source', 'cli', '--dry-run', ...target.args], target.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('第 2 行：新建');
    expect(dry.stdout).toContain('第 5 行：失败（诉求时间「三月某日」不是可识别的日期）');
    expect(dry.stdout).toContain('试运行（未写入）：读取 5 行，新建 3，更新 0，跳过 0，失败 2');

    const real = yiwang(['import', file, '--source', 'cli', '--json', ...target.args], target.env);
    expect(real.code, real.stderr).toBe(0);
    expect(JSON.parse(lastLine(real.stdout))).toEqual({ read: 5, created: 3, updated: 0, skipped: 0, failed: 2 });
    const again = yiwang(['import', file, '--source', 'cli', '--json', ...target.args], target.env);
    expect(JSON.parse(lastLine(again.stdout))).toEqual({ read: 5, created: 0, updated: 0, skipped: 3, failed: 2 });
  }, 180_000);

  it('exits non-zero with a Chinese message when the file cannot be read at all', () => {
    const missing = yiwang(['import', path.join(dir, 'nope.csv'), ...target.args], target.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('文件无法读取');
    const bomb = yiwang(['import', writeZipBomb(dir), '--source', 'bomb', ...target.args], target.env);
    expect(bomb.code).toBe(1);
    expect(bomb.stderr).toContain('IMPORT_ZIP_BOMB');
    const badMapping = path.join(dir, 'mapping.json');
    writeFileSync(badMapping, '{"columns":{"title":5}}');
    expect(yiwang(['import', write12345Csv(dir), '--mapping', badMapping, ...target.args], target.env).code).toBe(2);
  }, 180_000);

  it('resumes after kill -9 without creating anything twice, and the event chains verify', async () => {
    const rows = 12_000;
    const file = writeManyRows(dir, rows);
    const env: NodeJS.ProcessEnv = { ...process.env, ...target.env };
    if (!target.env.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin/yiwang.js'), 'import', file, '--source', 'resume', '--batch', '200', ...target.args], {
      cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // The first progress line comes after the first committed batch: kill the process mid-file.
        if (stderr.includes('已处理')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`import ended before it was killed: ${stderr}`)));
    });
    await new Promise((r) => child.once('exit', r));

    let database = await open();
    const run = await database.db.selectFrom('import_runs').selectAll().where('source', '=', 'resume').executeTakeFirstOrThrow();
    const countImported = async () => Number((await database.db.selectFrom('import_records').select(database.db.fn.countAll<number>().as('n')).where('source', '=', 'resume').executeTakeFirstOrThrow()).n);
    const before = await countImported();
    await database.close();
    expect(run.status).toBe('running');
    expect(run.position).toBeGreaterThan(0);
    expect(run.position).toBeLessThan(rows + 1);
    expect(before).toBe(run.created_count);

    const resumed = yiwang(['import', file, '--source', 'resume', '--batch', '2000', ...target.args], target.env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`继续上次中断的导入（运行 #${run.id}）`);
    expect(resumed.stdout).toContain(`读取 ${rows} 行，新建 ${rows}，更新 0，跳过 0，失败 0`);

    database = await open();
    const cases = await database.db.selectFrom('cases').innerJoin('import_records', 'import_records.case_id', 'cases.id')
      .select(database.db.fn.countAll<number>().as('n')).where('import_records.source', '=', 'resume').executeTakeFirstOrThrow();
    const runs = await database.db.selectFrom('import_runs').select(['status', 'created_count']).where('source', '=', 'resume').execute();
    await database.close();
    expect(Number(cases.n)).toBe(rows);
    expect(runs).toEqual([{ status: 'finished', created_count: rows }]);
    const verify = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('事件链完整');
  }, 300_000);
});
