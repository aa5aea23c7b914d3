import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { EngineKind } from '../../db/engine.js';

/**
 * A backup file is a fixed 4 KiB header followed by the engine's own dump (the payload):
 *   "YIWANG-BACKUP\n" + one JSON manifest line, padded with spaces to 4095 bytes, + "\n"
 * PGlite's payload is its data folder as a gzip tarball (dumpDataDir); PostgreSQL's is a `pg_dump -Fc` archive.
 * The manifest carries the payload's length and sha256, so a truncated or altered file is refused before use.
 */
export const headerBytes = 4096;
export const backupMagic = 'YIWANG-BACKUP\n';
export const backupFormat = 1;
/** Format 2: a files section (a tar of the filesystem store's blobs) follows the payload; see files-section.ts. */
export const backupFormatWithFiles = 2;

export interface BackupManifest {
  format: number;
  engine: EngineKind;
  /** What the payload is: `pglite-datadir-tgz` or `pg_dump-custom`. */
  payload: 'pglite-datadir-tgz' | 'pg_dump-custom';
  appVersion: string;
  /** Migrations applied in the backed-up database (count and last name), to migrate forward on restore. */
  migrations: number;
  lastMigration: string | null;
  createdAt: string;
  cases: number;
  events: number;
  users: number;
  /** PostgreSQL: the server's and pg_dump's major versions. */
  serverMajor?: number;
  toolMajor?: number;
  payloadBytes: number;
  sha256: string;
  /** Where the attachments' files are: in the payload (PGlite folder), in the files section, in S3 (not copied), none. */
  filesIn?: 'payload' | 'section' | 's3' | 'none';
  /** Format 2: the files section after the payload (its length, sha256 and number of files). */
  files?: { count: number; bytes: number; sha256: string };
}

/**
 * Exit codes of `yiwang backup` / `yiwang restore`, stable for scripts:
 * 0 done, 1 usage, 2 restored but audit verify failed, 3 file refused, 4 target not empty, 5 PostgreSQL tools.
 */
export const backupExit = { ok: 0, usage: 1, verifyFailed: 2, fileRefused: 3, targetNotEmpty: 4, tools: 5 } as const;

/** A refusal with a stable code, a Chinese and an English sentence, and the exit code the CLI returns. */
export class BackupError extends Error {
  constructor(
    readonly code: string,
    readonly exitCode: number,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'BackupError';
  }
}

const refused = (code: string, zh: string, en: string) => new BackupError(code, backupExit.fileRefused, zh, en);

export function encodeHeader(manifest: BackupManifest): Buffer {
  const text = `${backupMagic}${JSON.stringify(manifest)}`;
  const body = Buffer.from(text, 'utf8');
  if (body.length > headerBytes - 1) throw new Error('backup manifest too long');
  const out = Buffer.alloc(headerBytes, 0x20);
  body.copy(out);
  out[headerBytes - 1] = 0x0a;
  return out;
}

/** Reads and checks a backup file's header, length and checksum; returns its manifest. */
export async function readManifest(file: string): Promise<BackupManifest> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw refused('BACKUP_FILE_NOT_FOUND', `找不到备份文件：${file}`, `Backup file not found: ${file}`);
  }
  const head = Buffer.alloc(Math.min(size, headerBytes));
  const fh = await open(file, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (!head.subarray(0, backupMagic.length).equals(Buffer.from(backupMagic))) {
    throw refused('BACKUP_NOT_A_BACKUP', '这不是一网督办的备份文件。', 'This is not a Yiwang backup file.');
  }
  if (size < headerBytes) throw truncated(headerBytes, size);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(head.subarray(backupMagic.length).toString('utf8').trim()) as BackupManifest;
  } catch {
    throw refused('BACKUP_CORRUPTED', '备份文件头已损坏。', 'The backup file header is corrupted.');
  }
  if (manifest.format !== backupFormat && manifest.format !== backupFormatWithFiles) {
    throw refused('BACKUP_FORMAT_UNSUPPORTED', `不支持的备份格式版本 ${manifest.format}（本程序支持 ${backupFormat}）。`, `Unsupported backup format ${manifest.format} (this program reads ${backupFormat} and ${backupFormatWithFiles}).`);
  }
  const expected = headerBytes + manifest.payloadBytes + (manifest.files?.bytes ?? 0);
  if (size !== expected) {
    if (size < expected) throw truncated(expected, size);
    throw refused('BACKUP_CORRUPTED', `备份文件长度不符：应为 ${expected} 字节，实为 ${size} 字节。`, `Backup file length mismatch: expected ${expected} bytes, found ${size}.`);
  }
  const sha = await sha256Of(file, headerBytes, manifest.payloadBytes);
  const filesSha = manifest.files ? await sha256Of(file, headerBytes + manifest.payloadBytes, manifest.files.bytes) : null;
  if (sha !== manifest.sha256 || (manifest.files && filesSha !== manifest.files.sha256)) {
    throw refused('BACKUP_CORRUPTED', '备份文件已损坏：校验和（SHA-256）不符。', 'The backup file is corrupted: its SHA-256 checksum does not match.');
  }
  return manifest;
}

function truncated(expected: number, size: number) {
  return refused('BACKUP_TRUNCATED', `备份文件不完整（可能被截断）：应为 ${expected} 字节，实为 ${size} 字节。`, `The backup file is truncated: expected ${expected} bytes, found ${size}.`);
}

export async function sha256Of(file: string, start = 0, length?: number): Promise<string> {
  const hash = createHash('sha256');
  if (length === 0) return hash.digest('hex');
  const end = length === undefined ? undefined : start + length - 1;
  for await (const chunk of createReadStream(file, { start, end })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Refuses a backup made on the other engine. */
export function checkEngine(manifest: BackupManifest, target: EngineKind) {
  if (manifest.engine === target) return;
  const name = (k: EngineKind) => (k === 'pglite' ? 'PGlite（内置数据目录）' : 'PostgreSQL');
  const nameEn = (k: EngineKind) => (k === 'pglite' ? 'PGlite (embedded data folder)' : 'PostgreSQL');
  throw refused(
    'BACKUP_WRONG_ENGINE',
    `这个备份来自 ${name(manifest.engine)}，不能恢复到 ${name(target)}。`,
    `This backup was made on ${nameEn(manifest.engine)} and cannot be restored into ${nameEn(target)}.`,
  );
}
