import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateRouter } from '../../src/domain/routing/router.js';
import { openDatabase, pgliteParsers, type Database } from '../../src/server/db/engine.js';
import { decodeModel } from '../../src/server/modules/routing/models.js';
import { unpackScored } from '../../src/server/modules/routing/precision.js';
import { chooseThresholds, dispatchOutcome } from '../../src/domain/routing/threshold.js';
import { cliTarget, yiwang } from '../kit/cli.js';
import { testEngine } from '../kit/runtime.js';

// The router from the command line, on a demo database: train, then evaluate on a file in the import formats.

let target: Awaited<ReturnType<typeof cliTarget>>;
const dir = mkdtempSync(path.join(tmpdir(), 'yw-router-'));

async function open(): Promise<Database> {
  if (testEngine === 'postgres') return openDatabase({ databaseUrl: target.env.DATABASE_URL, poolSize: 2 });
  return openDatabase({ pglite: await PGlite.create({ dataDir: target.args[1], parsers: pgliteParsers }) });
}

const csvCell = (s: string) => `"${s.replaceAll('"', '""')}"`;

beforeAll(async () => {
  target = await cliTarget();
  const demo = yiwang(['demo', '--cases', '400', ...target.args], target.env);
  expect(demo.code, demo.stderr).toBe(0);
}, 300_000);
afterAll(() => target.drop());

describe('yiwang router', () => {
  it('train prints the figures and keeps the demo model when the new one is no better', () => {
    const r = yiwang(['router', 'train', '--json', ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ version: 2, deployed: false, baseline: { version: 1 } });
    expect(out.accuracy).toBeGreaterThan(0);
    expect(out.macroF1).toBeLessThanOrEqual(out.baseline.macroF1);
    expect(out.crossValidation).toMatchObject({ folds: 3, grid: [0.001, 0.0001, 0.00001] });
    expect(out.crossValidation.grid).toContain(out.crossValidation.chosenL2);
  }, 120_000);

  it('eval --json scores the model in use on a file exactly as the model does in process', async () => {
    const db = await open();
    const rows = await db.db.selectFrom('cases as c').innerJoin('departments as d', 'd.id', 'c.lead_department_id')
      .select(['c.title', 'c.description', 'c.created_at', 'd.name', 'd.id']).where('c.status', '=', 'closed').orderBy('c.id').limit(120).execute();
    const stored = await db.db.selectFrom('routing_models').select(['data', 'calibration']).where('status', '=', 'active').executeTakeFirstOrThrow();
    const model = decodeModel(stored.data!);
    await db.close();
    const lines = ['标题,内容,时间,承办单位', ...rows.map((r) => [r.title, r.description, r.created_at.toISOString(), r.name].map(csvCell).join(','))];
    lines.push([csvCell('未知单位的诉求'), csvCell('内容'), csvCell('2026-01-05T10:00:00+08:00'), csvCell('不存在的某某局')].join(','));
    const file = path.join(dir, 'test.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const report = evaluateRouter(model, rows.map((r) => ({ doc: { title: r.title, body: r.description }, departmentId: r.id })));
    const expected = report.evaluation;
    // Coverage at the configured precision (none set: 95 %), thresholds from the model's stored out-of-fold cases.
    const choice = chooseThresholds(unpackScored(stored.calibration!.outOfFold), 0.95, model.classes.length);
    const at = dispatchOutcome(report.scored, choice);

    const r = yiwang(['router', 'eval', '--test', file, '--json', ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.modelVersion).toBe(1);
    expect(out.total).toBe(rows.length);
    expect(out.accuracy).toBeCloseTo(expected.accuracy, 10);
    expect(out.macroF1).toBeCloseTo(expected.macroF1, 10);
    expect(out.atPrecision).toEqual({ targetPrecision: 0.95, thresholds: 'out-of-fold', blocked: choice.blocked, coverage: at.coverage, precision: at.precision, dispatched: at.dispatched });
    expect(out.perDepartment.length).toBeGreaterThan(3);
    expect(out.perDepartment[0]).toEqual(expect.objectContaining({ departmentName: expect.any(String), precision: expect.any(Number), recall: expect.any(Number) }));
    expect(Array.isArray(out.confusions)).toBe(true);
    expect(out.skipped).toEqual([{ rowNumber: rows.length + 2, reason: expect.stringContaining('不存在的某某局') }]);

    const text = yiwang(['router', 'eval', '--test', file, ...target.args], target.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('宏F1');
    expect(text.stdout).toContain('精确率');
    expect(text.stdout).toContain('目标精确率 95.0%');
  }, 120_000);

  it('eval refuses a missing --test and a file without the needed columns', () => {
    const none = yiwang(['router', 'eval', '--json', ...target.args], target.env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('--test');
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, '甲,乙\n1,2\n');
    const r = yiwang(['router', 'eval', '--test', bad, ...target.args], target.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/IMPORT_/);
  }, 120_000);
});
