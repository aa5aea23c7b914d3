import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppDeps } from '../server/deps.js';
import type { EngineKind, EngineOptions } from '../server/db/engine.js';
import { defaultWebRoot, startRuntime } from '../server/runtime.js';
import { auditVerify } from './audit.js';
import { countsOf, writeBackup } from '../server/modules/backup/dump.js';
import { backupExit, BackupError, checkEngine, readManifest, type BackupManifest } from '../server/modules/backup/manifest.js';
import { checkSchemaNotNewer, folderState, restorePglite, restorePostgres } from '../server/modules/backup/restore.js';
import type { CliIo } from './io.js';
import { blobStoreFromEnv, FsBlobStore } from '../server/kernel/index.js';
import { restoreFilesSection } from '../server/modules/backup/files-section.js';
import { headerBytes } from '../server/modules/backup/manifest.js';

const backupUsage = `用法：yiwang backup FILE [--data DIR]
  把当前数据库备份到 FILE（PostgreSQL：pg_dump 自定义格式；PGlite：数据目录压缩包），先写 FILE.tmp 再改名。
  PGlite 数据目录同一时间只能由一个进程打开：服务运行时请由管理员在“系统设置”下载备份（POST /api/admin/backup）。`;

const restoreUsage = `用法：yiwang restore FILE [--force] [--data DIR]
  从 FILE 恢复到当前数据库（DATABASE_URL 或 --data 目录）。目标已有诉求或用户时拒绝，除非加 --force。
  恢复后自动升级到本程序的数据库结构并运行事件链校验（同 yiwang audit verify）。
  退出码：0 成功；1 用法错误；2 已恢复但校验失败；3 备份文件被拒绝（不是备份、不完整、已损坏、引擎不符、版本过新）；
         4 目标非空（需 --force）；5 PostgreSQL 工具缺失、版本过旧或执行失败。`;

/** One line on where the attachments' files went. */
function filesNote(m: BackupManifest, deps: AppDeps): string {
  switch (m.filesIn) {
    case 'section': return `附件文件：${m.files!.count} 个（${mb(m.files!.bytes)}），已随备份写入。`;
    case 'payload': return `附件文件：在 PGlite 数据目录（${deps.files.location}）中，已随数据目录备份。`;
    case 's3': return `附件文件在对象存储 ${deps.files.location} 中，未写入本备份：请用存储桶的版本控制或复制备份（见 docs/deployment.md）。`;
    default: return '附件文件：无。';
  }
}

/** Puts the backup's files section into the target's filesystem store (the one the restored database will use). */
async function restoreFiles(file: string, manifest: BackupManifest, engine: EngineOptions, io: CliIo) {
  if (!manifest.files) return;
  const store = blobStoreFromEnv(process.env, { pgliteDir: engine.dataDir ? path.resolve(engine.dataDir) : undefined });
  if (!(store instanceof FsBlobStore)) {
    await store.close();
    throw new BackupError('RESTORE_FILES_TARGET_S3', backupExit.usage,
      '备份中的附件文件只能恢复到文件目录：请先设 YIWANG_FILES_DIR（不设 YIWANG_S3_BUCKET）恢复，再把该目录同步到存储桶（目录结构与对象名相同）。',
      'The backup\'s files restore into a folder only: restore with YIWANG_FILES_DIR set (no YIWANG_S3_BUCKET), then sync that folder to the bucket (same layout as the object names).');
  }
  const r = await restoreFilesSection(file, headerBytes + manifest.payloadBytes, manifest.files.bytes, store.root);
  io.out(`已恢复附件文件 ${r.count} 个到 ${store.root}。`);
  if (r.keptAt) io.out(`原附件目录已移至 ${r.keptAt}，确认恢复无误后可删除。`);
}

const engineName = (k: EngineKind) => (k === 'pglite' ? 'PGlite' : 'PostgreSQL');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function report(io: CliIo, err: unknown): number {
  if (err instanceof BackupError) {
    io.err(`${err.code}: ${err.zh}\n${err.en}`);
    return err.exitCode;
  }
  throw err;
}

/** `yiwang backup FILE`: a consistent backup of the open database (the runtime has opened and migrated it). */
export async function backupCommand(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals.length !== 1) {
    (values.help ? io.out : io.err)(backupUsage);
    return values.help ? backupExit.ok : backupExit.usage;
  }
  try {
    const m = await writeBackup(deps.database, positionals[0], deps.files);
    io.out(`备份完成：${path.resolve(positionals[0])}（${engineName(m.engine)}，${m.cases} 件诉求，${m.events} 条事件，${m.users} 个用户，${mb(m.payloadBytes)}，SHA-256 ${m.sha256.slice(0, 16)}…）`);
    io.out(filesNote(m, deps));
    return backupExit.ok;
  } catch (err) {
    return report(io, err);
  }
}

const open = (engine: EngineOptions) => startRuntime({ ...engine, logLevel: 'warn', webRoot: defaultWebRoot });

/** Cases and users in the target, opened the way every command opens it (so a folder a server holds is refused). */
async function targetContents(engine: EngineOptions): Promise<{ cases: number; users: number } | 'foreign' | null> {
  if (engine.dataDir) {
    const state = folderState(path.resolve(engine.dataDir));
    if (state === 'absent' || state === 'empty') return null;
    if (state === 'other') return 'foreign';
  }
  const deps = await open(engine);
  try {
    const c = await countsOf(deps.database.db);
    return c.cases === 0 && c.users === 0 ? null : { cases: c.cases, users: c.users };
  } finally {
    await deps.database.close();
  }
}

/** `yiwang restore FILE [--force]`: checks the file, refuses a non-empty target, restores, migrates, verifies. */
export async function restoreCommand(args: string[], engine: EngineOptions, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${restoreUsage}`);
    return backupExit.usage;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals.length !== 1) {
    (values.help ? io.out : io.err)(restoreUsage);
    return values.help ? backupExit.ok : backupExit.usage;
  }
  const file = path.resolve(positionals[0]);
  const kind: EngineKind = engine.databaseUrl ? 'postgres' : 'pglite';
  let manifest: BackupManifest;
  try {
    manifest = await readManifest(file);
    checkEngine(manifest, kind);
    checkSchemaNotNewer(manifest);
    const contents = await targetContents(engine);
    if (contents && !values.force) {
      const what = contents === 'foreign' ? '目录中已有其他文件' : `已有 ${contents.cases} 件诉求、${contents.users} 个用户`;
      const whatEn = contents === 'foreign' ? 'the folder holds other files' : `it holds ${contents.cases} cases and ${contents.users} users`;
      throw new BackupError('RESTORE_TARGET_NOT_EMPTY', backupExit.targetNotEmpty, `目标数据库不是空的（${what}）：确认要覆盖请加 --force。`, `The target is not empty (${whatEn}): add --force to overwrite it.`);
    }
    io.out(`正在恢复 ${engineName(kind)} 备份（${manifest.createdAt}，版本 ${manifest.appVersion}，${manifest.cases} 件诉求，${manifest.events} 条事件）…`);
    if (kind === 'pglite') {
      const { keptAt } = await restorePglite(file, engine.dataDir!, contents !== null, manifest.payloadBytes);
      if (keptAt) io.out(`原数据目录已移至 ${keptAt}，确认恢复无误后可删除。`);
    } else await restorePostgres(file, manifest, engine.databaseUrl!);
    await restoreFiles(file, manifest, engine, io);
  } catch (err) {
    return report(io, err);
  }
  // Opening through the runtime applies the migrations newer than the backup.
  const deps = await open(engine);
  try {
    const after = await countsOf(deps.database.db);
    if (after.migrations > manifest.migrations) io.out(`数据库结构已升级：新增 ${after.migrations - manifest.migrations} 个迁移（至 ${after.lastMigration}）。`);
    io.out(`已恢复：${after.cases} 件诉求，${after.events} 条事件，${after.users} 个用户。`);
    return (await auditVerify(deps.database.db, io)) === 0 ? backupExit.ok : backupExit.verifyFailed;
  } finally {
    await deps.database.close();
  }
}
