import { parseArgs } from 'node:util';
import type { AppDeps } from '../server/deps.js';
import { attachmentsInDatabase, moveAttachmentsToStore } from '../server/modules/portal/move-to-store.js';
import { defaultOrphanGraceMs, sweepOrphanBlobs } from '../server/modules/portal/orphan-blobs.js';
import type { CliIo } from './io.js';

const usage = `用法：yiwang files migrate [--batch N] [--data DIR]
       yiwang files status [--data DIR]
       yiwang files sweep [--dry-run] [--grace-hours N] [--data DIR]
  migrate：把仍存放在数据库中的附件（0028 迁移之前上传的）搬到文件存储（YIWANG_FILES_DIR 或 S3），并清空数据库中的内容。
           可重复运行、可中断后继续；两个进程同时运行也不会重复搬运。服务启动时也会在后台自动搬运。
  status：文件存储的位置，以及仍在数据库中的附件数量。
  sweep：删除文件存储中没有任何附件记录引用、且超过宽限期（默认 24 小时）的文件（上传失败或中断留下的）。
         宽限期内的文件不删，以免删掉正在上传的附件；--dry-run 只统计不删除。`;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** `yiwang files migrate | status`: attachments out of the database into the blob store. */
export async function filesCommand(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: {
      batch: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'grace-hours': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    } });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${usage}`);
    return 1;
  }
  const { positionals, values } = parsed;
  const sub = positionals[0];
  if (values.help || positionals.length !== 1 || !['migrate', 'status', 'sweep'].includes(sub!)) {
    (values.help ? io.out : io.err)(usage);
    return values.help ? 0 : 1;
  }
  if (sub === 'sweep') {
    const hours = values['grace-hours'] === undefined ? defaultOrphanGraceMs / 3_600_000 : Number(values['grace-hours']);
    if (!(Number.isFinite(hours) && hours >= 0 && hours <= 24 * 365)) {
      io.err('--grace-hours 应为 0 到 8760 之间的数（小时）。');
      return 1;
    }
    const dryRun = values['dry-run'] === true;
    const r = await sweepOrphanBlobs(deps, { graceMs: hours * 3_600_000, dryRun });
    io.out(`文件存储 ${deps.files.location}：共 ${r.stored} 个文件。`);
    io.out(dryRun
      ? `试运行：${r.orphans} 个无引用且超过 ${hours} 小时的文件（${mb(r.orphanBytes)}）将被删除；未删除任何文件。`
      : `已删除 ${r.deleted} 个无引用且超过 ${hours} 小时的文件（${mb(r.orphanBytes)}）。`);
    if (r.young) io.out(`另有 ${r.young} 个无引用的文件还在宽限期内（可能正在上传），未处理。`);
    return 0;
  }
  const left = await attachmentsInDatabase(deps);
  if (sub === 'status') {
    io.out(`文件存储：${deps.files.kind === 's3' ? '对象存储' : '文件目录'} ${deps.files.location}`);
    io.out(`仍在数据库中的附件：${left} 个`);
    return 0;
  }
  const batch = values.batch ? Number(values.batch) : undefined;
  if (batch !== undefined && !(Number.isInteger(batch) && batch > 0 && batch <= 1000)) {
    io.err('--batch 应为 1 到 1000 之间的整数。');
    return 1;
  }
  io.out(`正在把 ${left} 个附件搬到 ${deps.files.location} …`);
  const r = await moveAttachmentsToStore(deps, { batch, onBatch: (t) => io.out(`  已搬运 ${t.moved} 个（${mb(t.bytes)}）`) });
  io.out(`完成：本次搬运 ${r.moved} 个附件（${mb(r.bytes)}），数据库中还剩 ${await attachmentsInDatabase(deps)} 个。`);
  return 0;
}
