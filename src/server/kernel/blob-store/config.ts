import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StartRefused } from '../../db/start-refused.js';
import { FsBlobStore } from './fs-store.js';
import { S3BlobStore, type S3StoreConfig } from './s3-store.js';
import type { BlobStore } from './types.js';

/**
 * Which store this process uses, from the environment (or the --config file, which fills the environment):
 * YIWANG_FILES_STORE=s3 (or any YIWANG_S3_BUCKET) → S3-compatible storage; otherwise files in YIWANG_FILES_DIR, by
 * default `files` inside the PGlite data folder, or inside YIWANG_DATA_DIR (./data) on PostgreSQL.
 * `pgliteDir` is the open PGlite folder; `memory` is an in-memory database (tests), whose files go to a temp folder.
 */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv, where: { pgliteDir?: string; memory?: boolean }): BlobStore {
  const kind = env.YIWANG_FILES_STORE ?? (env.YIWANG_S3_BUCKET ? 's3' : 'fs');
  if (kind === 's3') return new S3BlobStore(s3ConfigFromEnv(env));
  if (kind !== 'fs') {
    throw new StartRefused(`YIWANG_FILES_STORE 只能是 fs 或 s3，而不是「${kind}」。\nYIWANG_FILES_STORE must be fs or s3, not "${kind}".`);
  }
  if (env.YIWANG_FILES_DIR) return new FsBlobStore(env.YIWANG_FILES_DIR);
  if (where.pgliteDir) return new FsBlobStore(path.join(where.pgliteDir, 'files'));
  // Only named here: the folder is made by the first put, so the many in-memory runtimes of a test run leave nothing.
  if (where.memory) return new FsBlobStore(path.join(tmpdir(), `yiwang-files-${process.pid}-${randomBytes(6).toString('hex')}`));
  return new FsBlobStore(path.join(env.YIWANG_DATA_DIR ?? './data', 'files'));
}

export function s3ConfigFromEnv(env: NodeJS.ProcessEnv): S3StoreConfig {
  const bucket = env.YIWANG_S3_BUCKET;
  if (!bucket) throw new StartRefused('使用对象存储（YIWANG_FILES_STORE=s3）须设置 YIWANG_S3_BUCKET。\nS3 storage (YIWANG_FILES_STORE=s3) needs YIWANG_S3_BUCKET.');
  const keyId = env.YIWANG_S3_ACCESS_KEY_ID;
  const secret = env.YIWANG_S3_SECRET_ACCESS_KEY;
  if (!!keyId !== !!secret) {
    throw new StartRefused('YIWANG_S3_ACCESS_KEY_ID 与 YIWANG_S3_SECRET_ACCESS_KEY 须同时设置（或都不设，使用实例角色）。\nSet both YIWANG_S3_ACCESS_KEY_ID and YIWANG_S3_SECRET_ACCESS_KEY, or neither (instance role).');
  }
  let prefix = (env.YIWANG_S3_PREFIX ?? '').replace(/^\/+/, '');
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  return {
    bucket,
    prefix,
    region: env.YIWANG_S3_REGION ?? 'us-east-1',
    endpoint: env.YIWANG_S3_ENDPOINT || undefined,
    // MinIO and most self-hosted servers want path-style URLs; AWS takes either.
    forcePathStyle: (env.YIWANG_S3_FORCE_PATH_STYLE ?? (env.YIWANG_S3_ENDPOINT ? '1' : '0')) === '1',
    accessKeyId: keyId,
    secretAccessKey: secret,
  };
}
