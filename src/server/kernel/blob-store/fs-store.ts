import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { moveIntoPlace } from '../durable-file.js';
import { newBlobKey, Measure } from './keys.js';
import { BlobNotFound, checkKey, isBlobKey, type BlobStore, type StoredBlob } from './types.js';

const tmpFolder = 'tmp';
const staleTempMs = 3_600_000;

/**
 * Blobs as files under one folder: `ROOT/ab/cd/<key>`. A put writes `ROOT/tmp/<random>.part`, fsyncs it, renames it
 * under its key and fsyncs the folder, so a crash at any moment leaves either no file under the key or the whole
 * one; half-written temp files are removed when a later store opens the folder.
 */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  readonly location: string;
  #swept = false;

  constructor(readonly root: string) {
    this.root = path.resolve(root);
    this.location = this.root;
  }

  pathOf(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async put(body: Readable | Buffer, _opts: { contentType: string }): Promise<StoredBlob> {
    await this.#sweepTemp();
    const key = newBlobKey();
    const tmpDir = path.join(this.root, tmpFolder);
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${key.slice(6)}.part`);
    const measure = new Measure();
    try {
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, measure, createWriteStream(tmp, { fd: fh.fd, autoClose: false }));
        await fh.sync();
      } finally {
        await fh.close();
      }
      const target = path.join(this.root, key);
      await mkdir(path.dirname(target), { recursive: true });
      await moveIntoPlace(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { key, size: measure.bytes, sha256: measure.digest() };
  }

  async get(key: string): Promise<{ stream: Readable; size: number }> {
    const file = this.pathOf(key);
    // Open first so a missing file is BlobNotFound here, not an error event on the stream mid-reply.
    let fh;
    try {
      fh = await open(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFound(key);
      throw err;
    }
    let size: number;
    try {
      size = (await fh.stat()).size;
    } catch (err) {
      await fh.close();
      throw err;
    }
    // The stream owns the handle and closes it at its end or when destroyed (a client gone mid-download).
    return { stream: createReadStream(file, { fd: fh }), size };
  }

  async exists(key: string): Promise<boolean> {
    if (!isBlobKey(key)) return false;
    try {
      return (await stat(path.join(this.root, key))).isFile();
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date; size: number }> {
    for (const a of await entries(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of await entries(path.join(this.root, a))) {
        for (const name of await entries(path.join(this.root, a, b))) {
          const key = `${a}/${b}/${name}`;
          if (!isBlobKey(key)) continue;
          const s = await stat(path.join(this.root, key)).catch(() => null);
          if (s?.isFile()) yield { key, modifiedAt: s.mtime, size: s.size };
        }
      }
    }
  }

  async close(): Promise<void> {}

  /** Temp files older than an hour were left by a process that died mid-write. */
  async #sweepTemp() {
    if (this.#swept) return;
    this.#swept = true;
    const dir = path.join(this.root, tmpFolder);
    const now = Date.now();
    for (const name of await entries(dir)) {
      const file = path.join(dir, name);
      const s = await stat(file).catch(() => null);
      if (s && now - s.mtimeMs > staleTempMs) await rm(file, { force: true });
    }
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}
