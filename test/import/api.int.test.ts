import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { header12345, rows12345, scratchDir, write12345Csv, writeZipBomb } from './fixtures.js';

let rt: TestRuntime;
let dir: string;

beforeAll(async () => {
  rt = await testRuntime();
  dir = scratchDir();
});
afterAll(() => rt.close());

function multipart(file: string, name = path.basename(file)) {
  const boundary = '----yiwangtest' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, readFileSync(file), tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function session(username: string) {
  const res = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo@2021' } });
  const cookie = `yw_session=${res.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const csrf = res.json().csrfToken as string;
  const upload = async (file: string, name?: string) => {
    const body = multipart(file, name);
    const r = await rt.app.inject({ method: 'POST', url: '/api/import/uploads', payload: body.payload, headers: { cookie, 'x-csrf-token': csrf, 'content-type': body.contentType } });
    return { status: r.statusCode, body: r.json() };
  };
  const request = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const r = await rt.app.inject({ method, url, payload, headers: { cookie, 'x-csrf-token': csrf } });
    return { status: r.statusCode, body: r.body && r.headers['content-type']?.toString().includes('json') ? r.json() : r.body, headers: r.headers };
  };
  return { upload, request };
}

async function waitForRun(s: Awaited<ReturnType<typeof session>>, id: number) {
  for (let i = 0; i < 200; i++) {
    const r = await s.request('GET', `/api/import/runs/${id}`);
    if (r.body.status !== 'running') return r.body;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('run did not finish');
}

describe('import API', () => {
  it('lets only admins and intake operators import; others are refused, the public is unauthenticated', async () => {
    const file = write12345Csv(dir, 'auth.csv');
    for (const user of ['admin', 'intake']) {
      const s = await session(user);
      expect((await s.request('GET', '/api/import/runs')).status).toBe(200);
      expect((await s.upload(file)).status).toBe(201);
    }
    const uploadId = '00000000-0000-0000-0000-000000000000';
    const endpoints: ['GET' | 'POST' | 'PUT' | 'DELETE', string, object?][] = [
      ['GET', '/api/import/runs'], ['GET', '/api/import/runs/1'], ['POST', '/api/import/runs/1/resume', {}],
      ['GET', '/api/import/runs/1/errors'], ['GET', '/api/import/runs/1/errors.csv'],
      ['POST', '/api/import/dry-run', { uploadId, source: 'x' }], ['POST', '/api/import/runs', { uploadId, source: 'x' }],
      ['GET', '/api/import/mappings'], ['PUT', '/api/import/mappings/x', { mapping: {} }], ['DELETE', '/api/import/mappings/x'],
    ];
    for (const user of ['supervisor', 'leader', 'zjj-handler', 'zjj-head']) {
      const s = await session(user);
      expect((await s.upload(file)).status, user).toBe(403);
      for (const [method, url, body] of endpoints) expect((await s.request(method, url, body)).status, `${user} ${method} ${url}`).toBe(403);
    }
    for (const [method, url, body] of [...endpoints, ['POST', '/api/import/uploads', {}] as const]) {
      const anon = await rt.app.inject({ method, url, payload: body as object | undefined });
      expect(anon.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('uploads, shows recognised columns, dry-runs, runs as a job, and serves the error table as safe CSV', async () => {
    const s = await session('intake');
    const rows = rows12345.map((r) => [...r]);
    rows[3][0] = '=HYPERLINK("http://evil.example","点我")';
    const file = path.join(dir, 'api.csv');
    writeFileSync(file, '\uFEFF' + [header12345, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'));
    const up = await s.upload(file);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 1 });
    expect(up.body.columns.slice(0, 4).map((c: { field: string }) => c.field)).toEqual(['externalId', 'title', 'description', 'createdAt']);

    const dry = await s.request('POST', '/api/import/dry-run', { uploadId: up.body.uploadId, source: 'api-12345' });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toMatchObject({ read: 5, created: 3, updated: 0, skipped: 0, failed: 2 });
    expect((await s.request('GET', '/api/import/runs')).body.items).toHaveLength(0);

    const started = await s.request('POST', '/api/import/runs', { uploadId: up.body.uploadId, source: 'api-12345' });
    expect(started.status).toBe(202);
    const done = await waitForRun(s, started.body.id);
    expect(done).toMatchObject({ status: 'finished', counts: { read: 5, created: 3, failed: 2 }, startedBy: expect.stringContaining('受理员') });

    const errors = await s.request('GET', `/api/import/runs/${started.body.id}/errors`);
    expect(errors.body.items.filter((e: { kind: string }) => e.kind === 'error').map((e: { rowNumber: number }) => e.rowNumber)).toEqual([5, 6]);
    const csv = await s.request('GET', `/api/import/runs/${started.body.id}/errors.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);

    // The intake queue has the open row at once.
    const open = await rt.deps.database.db.selectFrom('cases').select(['status', 'channel']).where('title', '=', '企业开办咨询').execute();
    expect(open).toContainEqual({ status: 'submitted', channel: 'import' });
    expect((await verifyChains(rt.deps.database.db)).firstBroken).toBeFalsy();
    // A second run of the same upload creates nothing.
    const second = await s.request('POST', '/api/import/runs', { uploadId: up.body.uploadId, source: 'api-12345' });
    expect(await waitForRun(s, second.body.id)).toMatchObject({ counts: { created: 0, skipped: 3, failed: 2 } });
  });

  it('saves, applies and deletes named mappings', async () => {
    const s = await session('admin');
    const file = path.join(dir, 'custom.csv');
    writeFileSync(file, '案由,经过,立案日,去向\n摊贩占道,夜市占道经营,2024-03-05,城管\n');
    // No header the recogniser knows: the upload still shows the columns, so a mapping can be chosen.
    const first = await s.upload(file);
    expect(first.status).toBe(201);
    expect(first.body.columns.map((c: { header: string; field: string | null }) => [c.header, c.field])).toEqual([['案由', null], ['经过', null], ['立案日', null], ['去向', null]]);
    expect((await s.request('POST', '/api/import/dry-run', { uploadId: first.body.uploadId, source: 'legacy' })).body.error.code).toBe('IMPORT_NO_HEADER');
    const bad = await s.request('PUT', '/api/import/mappings/legacy', { mapping: { columns: { nonsense: 'x' } } });
    expect(bad.status).toBe(400);
    const saved = await s.request('PUT', '/api/import/mappings/legacy', { mapping: { columns: { title: '案由', description: '经过', createdAt: '立案日', departmentName: '去向' } } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ name: 'legacy', updatedBy: '系统管理员' });
    expect((await s.request('GET', '/api/import/mappings')).body.items.map((m: { name: string }) => m.name)).toEqual(['legacy']);
    // Uploading reads the header without a mapping; the dry run applies the saved one.
    writeFileSync(file, '标题,案由,经过,立案日,去向\n,摊贩占道,夜市占道经营,2024-03-05,城管\n');
    const up = await s.upload(file);
    const dry = await s.request('POST', '/api/import/dry-run', { uploadId: up.body.uploadId, source: 'legacy', mappingName: 'legacy' });
    expect(dry.status).toBe(200);
    expect(dry.body.rows[0]).toMatchObject({ outcome: 'create', summary: { title: '摊贩占道', department: '市城市管理和综合执法局' } });
    expect((await s.request('DELETE', '/api/import/mappings/legacy')).status).toBe(204);
    expect((await s.request('POST', '/api/import/dry-run', { uploadId: up.body.uploadId, source: 'legacy', mappingName: 'legacy' })).body.error.code).toBe('IMPORT_MAPPING_NOT_FOUND');
  });

  it('refuses zip bombs and files that are not tables, with stable codes', async () => {
    const s = await session('intake');
    const bomb = await s.upload(writeZipBomb(dir), '工单.xlsx');
    expect(bomb.status).toBe(422);
    expect(bomb.body.error).toMatchObject({ code: 'IMPORT_ZIP_BOMB', message: expect.stringContaining('压缩炸弹') });
    const png = path.join(dir, 'x.csv');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.alloc(100)]));
    expect((await s.upload(png)).body.error.code).toBe('IMPORT_FORMAT_UNSUPPORTED');
    expect((await s.request('POST', '/api/import/dry-run', { uploadId: '../../etc/passwd', source: 'x' })).body.error.code).toBe('IMPORT_UPLOAD_NOT_FOUND');
    expect((await s.request('POST', '/api/import/dry-run', { uploadId: '00000000-0000-0000-0000-000000000000', source: 'a b' })).status).toBe(400);
  });
});
