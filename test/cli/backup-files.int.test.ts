import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { FsBlobStore } from '../../src/server/kernel/blob-store/index.js';
import { startRuntime } from '../../src/server/runtime.js';
import { yiwang } from '../kit/cli.js';
import { serverDatabase } from '../kit/engine.js';
import { loginAs } from '../kit/http.js';
import { testEngine } from '../kit/runtime.js';
import { caseIdOfCode, files, goodSubmission, publicIds, submit, upload } from '../portal/kit.js';

// Backup → restore into a fresh place → the attachment still downloads and audit verify passes. PGlite keeps its
// files in DIR/files, inside the folder its own dump carries; PostgreSQL's files folder travels in the backup's
// files section.

const work = mkdtempSync(path.join(tmpdir(), 'yw-bkfiles-'));
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const d of drops) await d();
  rmSync(work, { recursive: true, force: true });
});

interface Place {
  env: Record<string, string>;
  args: string[];
  engine: { dataDir?: string; databaseUrl?: string };
  filesDir: string;
}

async function newPlace(): Promise<Place> {
  const id = randomBytes(4).toString('hex');
  if (testEngine === 'pglite') {
    const dir = path.join(work, `data-${id}`);
    return { env: {}, args: ['--data', dir], engine: { dataDir: dir }, filesDir: path.join(dir, 'files') };
  }
  const server = await serverDatabase('yw_bkf');
  drops.push(server.drop);
  const filesDir = path.join(work, `files-${id}`);
  return { env: { DATABASE_URL: server.url, YIWANG_FILES_DIR: filesDir }, args: [], engine: { databaseUrl: server.url }, filesDir };
}

/** The runtime on a place, as `serve` would open it, with the app. */
async function openPlace(place: Place) {
  const deps = await startRuntime({ ...place.engine, logLevel: 'silent', files: new FsBlobStore(place.filesDir) });
  const app = await buildApp(deps);
  return { deps, app, async close() { await app.close(); await deps.database.close(); } };
}

describe('backup and restore carry the attachments', () => {
  it('an attachment uploaded before the backup downloads byte-identical after restoring into a fresh place', async () => {
    const source = await newPlace();
    const content = Buffer.concat([files.pdf, randomBytes(300_000)]);
    let code: string;
    {
      const rt = await openPlace(source);
      try {
        const n = await rt.deps.database.db.selectFrom('users').select(rt.deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        if (Number(n.n) === 0) await seedOrganisation(rt.deps.database.db);
        const ids = await publicIds(rt.app);
        const token = (await upload(rt.app, '营业执照.pdf', content, 'application/pdf')).body.token;
        const ok = await submit(rt.app, goodSubmission(ids.construction, { attachments: [token], description: '备份附件测试：施工许可证超时未办，附材料。' }), 'bk-files-1');
        expect(ok.status).toBe(201);
        code = ok.body.code;
      } finally {
        await rt.close();
      }
    }
    const file = path.join(work, `files-${testEngine}.backup`);
    const b = yiwang(['backup', file, ...source.args], source.env);
    expect(b.code, b.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(file).subarray(0, 4096).toString('utf8').slice('YIWANG-BACKUP\n'.length).trim());
    if (testEngine === 'pglite') {
      expect(manifest).toMatchObject({ format: 1, filesIn: 'payload' });
      expect(b.stdout).toContain('已随数据目录备份');
    } else {
      expect(manifest).toMatchObject({ format: 2, filesIn: 'section', files: { count: 1, bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(b.stdout).toContain('附件文件：1 个');
    }

    // The source disappears: only the backup file is left.
    rmSync(source.filesDir, { recursive: true, force: true });
    const target = await newPlace();
    const r = yiwang(['restore', file, ...target.args], target.env);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('事件链完整');
    expect(r.stdout).toContain('记录与事件一致');
    const rt = await openPlace(target);
    try {
      const intake = await loginAs(rt.app, 'intake');
      const caseId = await caseIdOfCode(rt.app, intake, code!);
      const list = await intake.get(`/api/cases/${caseId}/attachments`);
      expect(list.body.items).toHaveLength(1);
      const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'intake', password: 'Demo@2021' } });
      const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
      const dl = await rt.app.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments/${list.body.items[0].id}`, headers: { cookie } });
      expect(dl.statusCode).toBe(200);
      expect(Buffer.compare(dl.rawPayload, content)).toBe(0);
    } finally {
      await rt.close();
    }
  }, 240_000);

  it('a files folder outside the data folder travels in the files section; an altered section is refused', async () => {
    // Both engines: PGlite with YIWANG_FILES_DIR elsewhere, PostgreSQL as always.
    const id = randomBytes(4).toString('hex');
    const filesDir = path.join(work, `outside-${id}`);
    const source = await newPlace();
    source.env.YIWANG_FILES_DIR = filesDir;
    const blob = await new FsBlobStore(filesDir).put(Buffer.from('一个附件的内容'), { contentType: 'text/plain' });
    const file = path.join(work, `outside-${id}.backup`);
    const b = yiwang(['backup', file, ...source.args], source.env);
    expect(b.code, b.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(file).subarray(0, 4096).toString('utf8').slice('YIWANG-BACKUP\n'.length).trim());
    expect(manifest).toMatchObject({ format: 2, filesIn: 'section', files: { count: 1 } });

    const bytes = readFileSync(file);
    bytes[bytes.length - 600] ^= 0xff;
    const bad = path.join(work, `altered-${id}.backup`);
    writeFileSync(bad, bytes);
    const refusedTarget = await newPlace();
    refusedTarget.env.YIWANG_FILES_DIR = path.join(work, `refused-${id}`);
    const refused = yiwang(['restore', bad, ...refusedTarget.args], refusedTarget.env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('BACKUP_CORRUPTED');
    expect(existsSync(refusedTarget.env.YIWANG_FILES_DIR)).toBe(false);

    const target = await newPlace();
    target.env.YIWANG_FILES_DIR = path.join(work, `restored-${id}`);
    const r = yiwang(['restore', file, ...target.args], target.env);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain('已恢复附件文件 1 个');
    const got = await new FsBlobStore(target.env.YIWANG_FILES_DIR).get(blob.key);
    const chunks: Buffer[] = [];
    for await (const c of got.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('一个附件的内容');
  }, 240_000);
});
