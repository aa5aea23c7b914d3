// Attachments through the file store: upload and download throughput over HTTP, and the server's memory while it
// streams a 100 MB file out (it should stay flat: the file is never held in memory whole).
//
//   node --import tsx bench/files.ts [--engine pglite|postgres|both] [--uploads 40] [--big-mb 100]
//
// Each engine: a scratch database with the demo organisation and one submitted case, a filesystem store in a temp
// folder; `yiwang serve` in a child process; the load from this process. Server RSS is read from /proc every 20 ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { FsBlobStore } from '../src/server/kernel/blob-store/index.js';
import { startRuntime } from '../src/server/runtime.js';
import { enginesFrom, log, scratchTarget } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string' }, uploads: { type: 'string' }, 'big-mb': { type: 'string' } } });
const uploads = Number(values.uploads ?? 40);
const bigBytes = Number(values['big-mb'] ?? 100) * 1024 * 1024;
const root = path.resolve(import.meta.dirname, '..');
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const mbps = (bytes: number, ms: number) => (bytes / 1_048_576 / (ms / 1000)).toFixed(0);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Samples a process's RSS until stopped; returns the peak. */
function sampleRss(pid: number) {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  return { stop: () => (clearInterval(timer), peak) };
}

async function runEngine(engine: string) {
  const target = await scratchTarget(engine, 'files');
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'yw-bench-files-'));
  const env: NodeJS.ProcessEnv = { ...process.env, YIWANG_FILES_DIR: filesDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (target.url) env.DATABASE_URL = target.url;
  const engineOpts = target.url ? { databaseUrl: target.url } : { dataDir: target.dataDir };
  let child: ChildProcess | undefined;
  try {
    // Setup in this process: the organisation, one case, and a big attachment put straight into the store.
    log(`${engine}: setting up`);
    const store = new FsBlobStore(filesDir);
    const deps = await startRuntime({ ...engineOpts, logLevel: 'warn', files: store });
    let caseId: number;
    let bigId: number;
    try {
      await seedOrganisation(deps.database.db);
      const category = await deps.database.db.selectFrom('categories').select('id').where('default_lead_department_id', 'is not', null).executeTakeFirstOrThrow();
      const app = await buildApp(deps);
      const r = await app.inject({
        method: 'POST', url: '/api/public/cases', headers: { 'idempotency-key': 'bench-files-1' },
        payload: { categoryId: category.id, title: '附件基准', description: '附件基准测试用诉求：施工许可证超时未办。', submitterName: '测试', submitterPhone: '13800000000', isPublic: false },
      });
      if (r.statusCode !== 201) throw new Error(`submission failed: ${r.body}`);
      await app.close();
      caseId = Number((await deps.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id);
      let left = bigBytes;
      const started = Date.now();
      const blob = await store.put(new Readable({
        read() {
          if (!left) return void this.push(null);
          const n = Math.min(left, 1024 * 1024);
          left -= n;
          this.push(n === 1024 * 1024 ? chunkMb : randomBytes(n));
        },
      }), { contentType: 'application/pdf' });
      log(`${engine}: store put ${bigBytes / 1_048_576} MB in ${Date.now() - started} ms`);
      bigId = Number((await deps.database.db.insertInto('case_attachments').values({
        case_id: caseId, token_hash: randomBytes(16).toString('hex'), file_name: '大文件.pdf', mime: 'application/pdf', size_bytes: blob.size,
        sha256: blob.sha256, content: null, storage_key: blob.key, uploaded_ip: null, uploaded_at: new Date(), attached_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow()).id);
    } finally {
      await deps.database.close();
    }

    const port = await freePort();
    const args = [path.join(root, 'bin/yiwang.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'];
    if (target.dataDir) args.push('--data', target.dataDir);
    child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error('server did not start');
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'intake', password: 'Demo@2021' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const pid = child.pid!;
    const idle = rssMb(pid);

    // Uploads: 10 MB files (the portal's limit), four at a time.
    const body = Buffer.concat([png, randomBytes(10 * 1024 * 1024 - png.length - 200)]);
    const upRss = sampleRss(pid);
    let t = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < uploads) {
        next += 1;
        const form = new FormData();
        form.append('file', new Blob([body], { type: 'image/png' }), '照片.png');
        const r = await fetch(`${base}/api/public/uploads`, { method: 'POST', body: form });
        if (r.status !== 201) throw new Error(`upload ${r.status}: ${await r.text()}`);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const upMs = Date.now() - t;
    const upPeak = upRss.stop();

    // The big download, read as it arrives (this process never holds it either).
    const before = rssMb(pid);
    const downRss = sampleRss(pid);
    t = Date.now();
    const res = await fetch(`${base}/api/cases/${caseId}/attachments/${bigId}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`download ${res.status}`);
    let got = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) got += chunk.length;
    const downMs = Date.now() - t;
    const downPeak = downRss.stop();
    if (got !== bigBytes) throw new Error(`downloaded ${got} of ${bigBytes}`);

    return {
      engine,
      uploads: `${uploads} × 10 MB in ${upMs} ms = ${mbps(uploads * 10 * 1_048_576, upMs)} MB/s (${(uploads / (upMs / 1000)).toFixed(1)} files/s)`,
      uploadRss: `idle ${idle.toFixed(0)} MB → peak ${upPeak.toFixed(0)} MB`,
      download: `${bigBytes / 1_048_576} MB in ${downMs} ms = ${mbps(bigBytes, downMs)} MB/s`,
      downloadRss: `before ${before.toFixed(0)} MB → peak ${downPeak.toFixed(0)} MB (+${(downPeak - before).toFixed(0)} MB for a ${bigBytes / 1_048_576} MB file)`,
    };
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await target.drop();
    rmSync(filesDir, { recursive: true, force: true });
  }
}

const chunkMb = randomBytes(1024 * 1024);
const results = [];
for (const engine of enginesFrom(values.engine)) results.push(await runEngine(engine));
for (const r of results) {
  console.log(`\n${r.engine}`);
  console.log(`  upload     ${r.uploads}`);
  console.log(`  server RSS ${r.uploadRss}`);
  console.log(`  download   ${r.download}`);
  console.log(`  server RSS ${r.downloadRss}`);
}
