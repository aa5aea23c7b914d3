import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { resolveRecord, type ResolvedRecord } from '../../src/server/modules/import/plan-case.js';
import { readImportRecords } from '../../src/server/import-file/read-file.js';
import { buildImportResolver, runImport, type RunImportOptions } from '../../src/server/modules/import/run-import.js';
import { insertCases, planCreates, reserveIds } from '../../src/server/modules/import/write-batch.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { scratchDir, writeManyRows } from './fixtures.js';

// The pipeline (run-import.ts): batch N+1 is read, looked up and planned while batch N is being written. These runs
// use small batches so that many batches overlap, and check what a user relies on: an interrupted run resumes with
// every row imported exactly once, and a record repeated in the next batch updates the case the previous one made.

let rt: TestRuntime;
let dir: string;
const system = { userId: null, role: 'system' as const, departmentId: null };

beforeAll(async () => {
  rt = await testRuntime();
  dir = scratchDir();
});
afterAll(() => rt.close());

const run = (file: string, source: string, extra: Partial<RunImportOptions> = {}) =>
  runImport(rt.deps, { filePath: file, fileName: path.basename(file), source, mapping: {}, actor: system, ...extra });

async function importCaseCount(): Promise<number> {
  const { db } = rt.deps.database;
  return Number((await db.selectFrom('cases').select(db.fn.countAll<number>().as('n')).where('channel', '=', 'import').executeTakeFirstOrThrow()).n);
}

describe('pipelined import', () => {
  it('resumes a run stopped mid-file with no row missing and none twice', async () => {
    const rows = 1200;
    const file = writeManyRows(dir, rows, 'stopped.csv');
    const casesBefore = await importCaseCount();
    const stop = new AbortController();
    let batches = 0;
    const first = run(file, 'stopped', {
      batchSize: 100, signal: stop.signal,
      // Stop after the third committed batch: the fourth is being prepared or written by then.
      onProgress: () => {
        if (++batches === 3) stop.abort();
      },
    });
    await expect(first).rejects.toThrow('import interrupted');

    const { db } = rt.deps.database;
    const stopped = await db.selectFrom('import_runs').selectAll().where('source', '=', 'stopped').executeTakeFirstOrThrow();
    expect(stopped.status).toBe('interrupted');
    expect(stopped.position).toBeGreaterThanOrEqual(301);
    expect(stopped.position).toBeLessThan(rows + 1);
    const indexed = async () => db.selectFrom('import_records').select(['record_key', 'case_id', 'row_number']).where('source', '=', 'stopped').execute();
    // Everything committed is counted by the run, and nothing past its position was written.
    const partial = await indexed();
    expect(partial).toHaveLength(stopped.created_count);
    expect(partial.length).toBe(stopped.position - 1);
    expect(Math.max(...partial.map((r) => r.row_number))).toBe(stopped.position);
    expect(await importCaseCount()).toBe(casesBefore + partial.length);

    const resumed = await run(file, 'stopped', { batchSize: 100 });
    expect(resumed.runId).toBe(Number(stopped.id));
    expect(resumed.resumedFrom).toBe(stopped.position);
    expect(resumed.counts).toEqual({ read: rows, created: rows, updated: 0, skipped: 0, failed: 0, warned: 0 });

    const all = await indexed();
    expect(all).toHaveLength(rows);
    expect(new Set(all.map((r) => r.record_key)).size).toBe(rows);
    expect(new Set(all.map((r) => Number(r.case_id))).size).toBe(rows);
    expect(all.map((r) => r.row_number).sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i + 2));
    // No case was made for a row outside the index (an attempt that stopped leaves no stray case behind).
    expect(await importCaseCount()).toBe(casesBefore + rows);
    const finished = await db.selectFrom('import_runs').selectAll().where('source', '=', 'stopped').execute();
    expect(finished).toMatchObject([{ status: 'finished', position: rows + 1, created_count: rows }]);
    expect((await verifyChains(db)).firstBroken).toBeFalsy();
  });

  it('updates, in the next batch, the case that the batch still being written creates', async () => {
    const file = path.join(dir, 'overlap.csv');
    writeFileSync(file, [
      '工单编号,留言主题,留言详情,留言时间,承办单位,状态,答复意见,办结时间',
      'P-1,停车难,园区门口停车难,2024-03-01 10:00,市城管局,办理中,,',
      'P-2,噪音,夜间噪音,2024-03-02 22:00,市生态环境局,办理中,,',
      // Batch 2 (batch size 2): P-1 again, prepared while batch 1 may not have committed yet.
      'P-1,停车难,园区门口停车难,2024-03-01 10:00,市城管局,已办结,已增设停车位。,2024-03-05 10:00',
      'P-3,路灯,路灯不亮,2024-03-03 20:00,市城管局,办理中,,',
      // Batch 3: P-3 unchanged (skipped), then P-3 finished, which waits for batch 4 since its key is in this batch.
      'P-3,路灯,路灯不亮,2024-03-03 20:00,市城管局,办理中,,',
      'P-3,路灯,路灯不亮,2024-03-03 20:00,市城管局,已办结,已修复。,2024-03-04 10:00',
      'P-2,噪音,夜间噪音,2024-03-02 22:00,市生态环境局,已办结,已约谈施工单位。,2024-03-06 10:00',
    ].join('\n'));
    const result = await run(file, 'overlap', { batchSize: 2 });
    expect(result.counts).toMatchObject({ read: 7, created: 3, updated: 3, skipped: 1, failed: 0 });
    const { db } = rt.deps.database;
    const cases = await db.selectFrom('cases').innerJoin('import_records', 'import_records.case_id', 'cases.id')
      .select(['import_records.record_key', 'cases.status', 'cases.reply_text', 'cases.event_count'])
      .where('import_records.source', '=', 'overlap').orderBy('import_records.record_key').execute();
    expect(cases).toEqual([
      { record_key: 'P-1', status: 'closed', reply_text: '已增设停车位。', event_count: 2 },
      { record_key: 'P-2', status: 'closed', reply_text: '已约谈施工单位。', event_count: 2 },
      { record_key: 'P-3', status: 'closed', reply_text: '已修复。', event_count: 2 },
    ]);
    // The same file again creates nothing (its earlier rows of a key differ from the last one, so they are compared again).
    expect((await run(file, 'overlap', { batchSize: 2 })).counts).toMatchObject({ read: 7, created: 0, failed: 0 });
    expect(await db.selectFrom('import_records').select('case_id').where('source', '=', 'overlap').execute()).toHaveLength(3);
    expect((await verifyChains(db)).firstBroken).toBeFalsy();
  });

  it('writes a case whose tracking code clashes with an earlier one under a new code, with its event, lead and index row', async () => {
    const { db } = rt.deps.database;
    const taken = await db.selectFrom('cases').select('code').where('channel', '=', 'import').executeTakeFirstOrThrow();
    const file = writeManyRows(dir, 3, 'clash.csv');
    const resolver = await buildImportResolver(rt.deps, {});
    const records: ResolvedRecord[] = [];
    for await (const row of readImportRecords(file, { now: rt.deps.now() })) {
      records.push(resolveRecord(row.rowNumber, row.record!, resolver, []) as ResolvedRecord);
    }
    const ids = await reserveIds(db, records.length, rt.deps.database.kind);
    const planned = await planCreates('clash', records, ids, system, rt.deps.now(), 0);
    // Give the second case the code of a case already there.
    const codeAt = 1;
    planned.cases[1][codeAt] = taken.code;
    planned.json.cases = JSON.stringify(planned.cases);
    await db.transaction().execute((tx) => insertCases(tx, planned));

    const written = await db.selectFrom('cases').select(['id', 'code', 'event_count']).where('id', 'in', ids).orderBy('id').execute();
    expect(written.map((c) => Number(c.id))).toEqual(ids);
    expect(written[1].code).not.toBe(taken.code);
    expect(written[1].code).toMatch(/^YW\d{8}-[2-9A-HJ-NP-Z]{8}$/);
    expect(await db.selectFrom('case_events').select('case_id').where('case_id', 'in', ids).execute()).toHaveLength(3);
    expect(await db.selectFrom('assignments').select('case_id').where('case_id', 'in', ids).execute()).toHaveLength(3);
    expect(await db.selectFrom('import_records').select('case_id').where('source', '=', 'clash').execute()).toHaveLength(3);
    expect((await verifyChains(db)).firstBroken).toBeFalsy();
  });
});
