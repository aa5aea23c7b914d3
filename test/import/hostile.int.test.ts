import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadDir } from '../../src/server/modules/import/uploads.js';
import { testEngine, testRuntime, type TestRuntime } from '../kit/runtime.js';
import { scratchDir } from './fixtures.js';
import {
  writeCsvWithBigCell, writeDeepJson, writeDeepJsonLines, writeHugeInlineStringXlsx, writeHugeJsonRecord, writeHugeSharedStringXlsx, writeWideCsv,
} from './hostile-files.js';

// PGlite only (vitest.config.ts, engineFree): hostile files are refused by the reader (its worker and limits) before a run row is written.

// Hostile import files (issue 16): one .xlsx with a 900 MB inline string, under the zip-bomb limits, froze the server
// for minutes. Such files are refused with a stable code at upload (or before a run writes anything), read in a
// worker thread that has its own heap cap and time limit, and the server answers /healthz all the while.

let rt: TestRuntime;
let dir: string;
const mb = 1024 * 1024;

beforeAll(async () => {
  rt = await testRuntime();
  dir = scratchDir();
  // This file's own upload folder, to see that refused files are not kept.
  process.env.YIWANG_IMPORT_DIR = path.join(dir, 'uploads');
});
afterAll(() => rt.close());

function multipart(file: string) {
  const boundary = '----yiwanghostile' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, readFileSync(file), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Intake operators may import: the hostile files come from them here. */
async function intake() {
  const res = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'intake', password: 'Demo@2021' } });
  const cookie = `yw_session=${res.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  const upload = async (file: string) => {
    const body = multipart(file);
    const r = await rt.app.inject({ method: 'POST', url: '/api/import/uploads', payload: body.payload, headers: { cookie, 'x-csrf-token': csrf, 'content-type': body.contentType } });
    return { status: r.statusCode, body: r.json() };
  };
  const post = async (url: string, payload: object) => {
    const r = await rt.app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } });
    return { status: r.statusCode, body: r.json() };
  };
  return { upload, post };
}

/**
 * Runs `work` while asking /healthz over and over (one request after the other), then reports how many were sent
 * and answered, and the peak memory of the process (the reader's worker included) and of the main thread's heap.
 */
async function whileProbingHealth<T>(label: string, work: Promise<T>) {
  let settled = false;
  const outcome: Promise<{ value?: T; error?: unknown }> = work.then((value) => ({ value }), (error: unknown) => ({ error })).finally(() => {
    settled = true;
  });
  const base = process.memoryUsage();
  let sent = 0;
  let answered = 0;
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  while (!settled) {
    sent++;
    const r = await rt.app.inject({ method: 'GET', url: '/healthz' });
    if (r.statusCode === 200 && r.json().ok === true) answered++;
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const heapGrowth = peakHeap - base.heapUsed;
  console.log(`[${testEngine}] ${label}: /healthz answered ${answered} of ${sent} during the import; peak RSS ${(peakRss / mb).toFixed(0)} MB `
    + `(start ${(base.rss / mb).toFixed(0)} MB), main-thread heap growth ${(heapGrowth / mb).toFixed(0)} MB`);
  return { ...(await outcome), sent, answered, heapGrowth };
}

async function importRuns(): Promise<number> {
  const r = await rt.deps.database.db.selectFrom('import_runs').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function caseCount(): Promise<number> {
  const r = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

function keptUploads(): string[] {
  try {
    return readdirSync(uploadDir());
  } catch {
    return [];
  }
}

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('hostile import files', () => {
  it('refuses an .xlsx with one 256 MB inline string (under the zip-bomb limits) while /healthz keeps answering', async () => {
    const file = await writeHugeInlineStringXlsx(dir, 256 * mb);
    const ratio = (256 * mb) / statSync(file).size;
    console.log(`[${testEngine}] hostile .xlsx: ${(statSync(file).size / mb).toFixed(1)} MB, inflates ${ratio.toFixed(0)}×`);
    expect(ratio).toBeLessThan(100); // the zip-bomb check alone lets it through
    const s = await intake();
    const uploadsBefore = keptUploads().length;
    const runsBefore = await importRuns();

    const probe = await whileProbingHealth('256 MB inline string', s.upload(file));
    expect(probe.error).toBeUndefined();
    expect(probe.value).toMatchObject({ status: 422, body: { error: { code: 'IMPORT_CELL_TOO_LARGE', message: expect.stringContaining('单元格内容过长') } } });
    expect(probe.answered).toBe(probe.sent);
    expect(probe.sent).toBeGreaterThanOrEqual(3);
    // The string never reached the main thread.
    expect(probe.heapGrowth).toBeLessThan(128 * mb);
    expect(keptUploads().length).toBe(uploadsBefore);
    expect(await importRuns()).toBe(runsBefore);
  });

  it('stops a reader past its heap cap or its time limit, with a code, and keeps answering', async () => {
    const file = await writeHugeInlineStringXlsx(dir, 64 * mb, 'huge-64.xlsx');
    const s = await intake();
    // With the cell and row limits lifted the string reaches exceljs: the worker's own heap cap stops it.
    const probe = await withEnv({ YIWANG_IMPORT_MAX_CELL_CHARS: String(1e9), YIWANG_IMPORT_MAX_ROW_CHARS: String(1e9), YIWANG_IMPORT_WORKER_HEAP_MB: '64' },
      () => whileProbingHealth('64 MB string, limits lifted, 64 MB worker heap', s.upload(file)));
    expect(probe.value).toMatchObject({ status: 422, body: { error: { code: 'IMPORT_READ_MEMORY_EXCEEDED' } } });
    expect(probe.answered).toBe(probe.sent);
    expect(probe.heapGrowth).toBeLessThan(128 * mb);

    const small = writeCsvWithBigCell(dir, 'fine.csv', 10, 2, 5);
    const slow = await withEnv({ YIWANG_IMPORT_READ_TIMEOUT_MS: '1' }, () => s.upload(small));
    expect(slow).toMatchObject({ status: 422, body: { error: { code: 'IMPORT_READ_TIMEOUT' } } });
    // Under the normal limits the same file is fine.
    expect((await s.upload(small)).status).toBe(201);
  });

  it('refuses over-limit cells, rows, columns, nesting and shared strings with stable codes', async () => {
    const s = await intake();
    const cases: [string, string, string][] = [
      ['huge shared string', await writeHugeSharedStringXlsx(dir, 8 * mb), 'IMPORT_CELL_TOO_LARGE'],
      ['CSV cell of 40,000 characters', writeCsvWithBigCell(dir, 'cell-40k.csv', 40_000), 'IMPORT_CELL_TOO_LARGE'],
      ['CSV cell of 10 MB', writeCsvWithBigCell(dir, 'cell-10mb.csv', 10 * mb), 'IMPORT_ROW_TOO_LARGE'],
      ['CSV row of 1,500 columns', writeWideCsv(dir, 1_500), 'IMPORT_ROW_TOO_LARGE'],
      ['JSON record nested 100,000 deep', writeDeepJson(dir, 100_000), 'IMPORT_NESTING_TOO_DEEP'],
      ['JSON Lines record nested 100,000 deep', writeDeepJsonLines(dir, 100_000), 'IMPORT_NESTING_TOO_DEEP'],
      ['JSON record of 10 MB', writeHugeJsonRecord(dir, 10 * mb), 'IMPORT_ROW_TOO_LARGE'],
    ];
    const runsBefore = await importRuns();
    for (const [label, file, code] of cases) {
      const r = await s.upload(file);
      expect({ label, status: r.status, code: r.body.error?.code }).toEqual({ label, status: 422, code });
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await importRuns()).toBe(runsBefore);
  });

  it('refuses a file whose over-limit row comes late before writing anything: no run, no case, dry run refused too', async () => {
    // Upload reads only the first rows; the run reads the whole file against the limits before it writes.
    const file = writeCsvWithBigCell(dir, 'late.csv', 40_000, 2_999, 3_000);
    const s = await intake();
    const up = await s.upload(file);
    expect(up.status).toBe(201);
    const runsBefore = await importRuns();
    const casesBefore = await caseCount();

    const dry = await s.post('/api/import/dry-run', { uploadId: up.body.uploadId, source: 'hostile-late' });
    expect(dry).toMatchObject({ status: 422, body: { error: { code: 'IMPORT_CELL_TOO_LARGE', details: { rowNumber: 2_999, column: 3 } } } });
    const run = await s.post('/api/import/runs', { uploadId: up.body.uploadId, source: 'hostile-late' });
    expect(run).toMatchObject({ status: 422, body: { error: { code: 'IMPORT_CELL_TOO_LARGE', details: { rowNumber: 2_999 } } } });

    expect(await importRuns()).toBe(runsBefore);
    expect(await caseCount()).toBe(casesBefore);
  });
});
