import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotFound, blobStoreFromEnv, FsBlobStore, S3BlobStore, type BlobStore } from '../../src/server/kernel/blob-store/index.js';
import { projectRoot, spawnTs } from '../kit/cli.js';

// One contract, two adapters: the filesystem store and the S3 store against a real S3-compatible server (s3rver,
// started here on a free port with a temp folder).

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
/** 20 MB in 64 KB chunks, generated as it is read: the store gets a stream, not one buffer. */
function bigStream(bytes: number): { stream: Readable; hash: () => string } {
  const h = createHash('sha256');
  let left = bytes;
  let i = 0;
  const stream = new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const n = Math.min(65_536, left);
      const chunk = Buffer.alloc(n, i++ % 251);
      h.update(chunk);
      left -= n;
      this.push(chunk);
    },
  });
  return { stream, hash: () => h.digest('hex') };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'yw-blob-'));
let s3rver: S3rver;
let s3Endpoint = '';
const bucket = 'yiwang-files';

beforeAll(async () => {
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(tmp, 's3rver') });
  const { port } = await s3rver.run();
  s3Endpoint = `http://127.0.0.1:${port}`;
  const admin = new S3Client({ endpoint: s3Endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  admin.destroy();
});
afterAll(async () => {
  await s3rver?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const adapters: Array<[string, () => BlobStore]> = [
  ['filesystem', () => new FsBlobStore(mkdtempSync(path.join(tmp, 'fs-')))],
  ['s3 (s3rver)', () => blobStoreFromEnv({
    YIWANG_S3_BUCKET: bucket, YIWANG_S3_ENDPOINT: s3Endpoint, YIWANG_S3_REGION: 'us-east-1', YIWANG_S3_PREFIX: `t${Math.random().toString(36).slice(2, 8)}`,
    YIWANG_S3_ACCESS_KEY_ID: 'S3RVER', YIWANG_S3_SECRET_ACCESS_KEY: 'S3RVER',
  }, {})],
];

describe.each(adapters)('blob store contract: %s', (_name, make) => {
  let store: BlobStore;
  beforeAll(() => {
    store = make();
  });
  afterAll(() => store.close());

  it('puts a buffer and gets the same bytes back with size and sha256', async () => {
    const body = Buffer.from('%PDF-1.4 一网督办 附件');
    const put = await store.put(body, { contentType: 'application/pdf' });
    expect(put.key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(put.size).toBe(body.length);
    expect(put.sha256).toBe(sha(body));
    expect(await store.exists(put.key)).toBe(true);
    const got = await store.get(put.key);
    expect(got.size).toBe(body.length);
    expect(await readAll(got.stream)).toEqual(body);
  });

  it('streams 20 MB in and out byte-identical', async () => {
    const big = bigStream(20 * 1024 * 1024);
    const put = await store.put(big.stream, { contentType: 'application/octet-stream' });
    expect(put.size).toBe(20 * 1024 * 1024);
    expect(put.sha256).toBe(big.hash());
    const got = await store.get(put.key);
    expect(got.size).toBe(put.size);
    const h = createHash('sha256');
    for await (const c of got.stream) h.update(c as Buffer);
    expect(h.digest('hex')).toBe(put.sha256);
  });

  it('gives every put its own key, lists them and deletes one without touching the other', async () => {
    const a = await store.put(Buffer.from('same'), { contentType: 'text/plain' });
    const b = await store.put(Buffer.from('same'), { contentType: 'text/plain' });
    expect(a.key).not.toBe(b.key);
    const keys: string[] = [];
    for await (const e of store.list()) keys.push(e.key);
    expect(keys).toEqual(expect.arrayContaining([a.key, b.key]));
    await store.delete(a.key);
    await store.delete(a.key); // already gone: no error
    expect(await store.exists(a.key)).toBe(false);
    expect(await store.exists(b.key)).toBe(true);
    await expect(store.get(a.key)).rejects.toBeInstanceOf(BlobNotFound);
  });

  it('refuses keys it did not make (no path from outside reaches the store)', async () => {
    for (const key of ['../../etc/passwd', '/etc/passwd', 'ab/cd/../../x', 'AB/CD/00000000000000000000000000000000', '']) {
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFound);
    }
  });

  it('leaves nothing under any key when the body fails mid-way', async () => {
    const before: string[] = [];
    for await (const e of store.list()) before.push(e.key);
    let n = 0;
    const failing = new Readable({
      read() {
        n += 1;
        if (n < 5) this.push(Buffer.alloc(1024 * 1024, n));
        else this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing, { contentType: 'image/png' })).rejects.toThrow();
    const after: string[] = [];
    for await (const e of store.list()) after.push(e.key);
    expect(after.sort()).toEqual(before.sort());
  });
});

describe('filesystem store under a crash', () => {
  it('a process killed mid-write leaves only a temp file, which a later store sweeps', async () => {
    const root = mkdtempSync(path.join(tmp, 'crash-'));
    const child = spawnTs(path.join(projectRoot, 'test/kernel/blob-crash-writer.ts'), [root]);
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`child never started writing: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        if (out.includes('writing')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    child.kill('SIGKILL');
    await once(child, 'exit');
    const store = new FsBlobStore(root);
    const keys: string[] = [];
    for await (const e of store.list()) keys.push(e.key);
    expect(keys).toEqual([]);
    const temps = readdirSync(path.join(root, 'tmp'));
    expect(temps).toHaveLength(1);
    expect(temps[0]).toMatch(/\.part$/);
    // An hour later the next put clears the dead process's temp file.
    const old = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(path.join(root, 'tmp', temps[0]), old, old);
    await store.put(Buffer.from('next'), { contentType: 'text/plain' });
    expect(readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });
});

describe('store configuration', () => {
  it('puts files inside the PGlite folder by default, in YIWANG_FILES_DIR when set, and in S3 when a bucket is named', () => {
    expect((blobStoreFromEnv({}, { pgliteDir: '/srv/yw/data' }) as FsBlobStore).root).toBe('/srv/yw/data/files');
    expect((blobStoreFromEnv({ YIWANG_FILES_DIR: '/mnt/files' }, { pgliteDir: '/srv/yw/data' }) as FsBlobStore).root).toBe('/mnt/files');
    expect((blobStoreFromEnv({ YIWANG_DATA_DIR: '/var/lib/yiwang' }, {}) as FsBlobStore).root).toBe('/var/lib/yiwang/files');
    const s3 = blobStoreFromEnv({ YIWANG_S3_BUCKET: 'b-1', YIWANG_S3_ENDPOINT: 'http://minio:9000', YIWANG_S3_PREFIX: 'yw' }, {});
    expect(s3).toBeInstanceOf(S3BlobStore);
    expect((s3 as S3BlobStore).config).toMatchObject({ bucket: 'b-1', prefix: 'yw/', forcePathStyle: true, region: 'us-east-1' });
    expect(s3.location).not.toMatch(/secret/i);
    expect(() => blobStoreFromEnv({ YIWANG_FILES_STORE: 's3' }, {})).toThrow(/YIWANG_S3_BUCKET/);
    expect(() => blobStoreFromEnv({ YIWANG_S3_BUCKET: 'b-1', YIWANG_S3_ACCESS_KEY_ID: 'x' }, {})).toThrow(/SECRET/);
    expect(() => blobStoreFromEnv({ YIWANG_FILES_STORE: 'ftp' }, {})).toThrow(/fs or s3/);
  });
});
