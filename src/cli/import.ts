import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { zImportMapping, zSourceName, type ImportCounts, type ImportMapping } from '../contracts/import.js';
import type { AppDeps } from '../server/deps.js';
import { AppError } from '../server/errors.js';
import { countLines, runImport, type ImportProgress } from '../server/modules/import/run-import.js';
import type { RowOutcome } from '../server/modules/import/write-batch.js';
import type { CliIo } from './io.js';

const usage = 'yiwang import FILE [--source NAME] [--mapping FILE] [--dry-run] [--json] [--batch N]';

const outcomeLabel = { create: '新建', update: '更新', skip: '跳过', fail: '失败' } as const;

function detailsText(err: AppError): string {
  const d = err.details as { message?: string; reason?: string } | undefined;
  return d?.message ?? d?.reason ?? '';
}

/**
 * `yiwang import FILE [--source NAME] [--mapping FILE] [--dry-run] [--json]`
 * Exit 0 when the file was read (rows that failed are reported, the good rows imported), 1 when it could not be read
 * at all, 2 for wrong arguments.
 */
export async function importCommand(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  let values: { source?: string; mapping?: string; 'dry-run'?: boolean; json?: boolean; batch?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: {
        source: { type: 'string' }, mapping: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
        batch: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help || positionals.length !== 1) {
    io.err(usage);
    return values.help ? 0 : 2;
  }
  const filePath = path.resolve(positionals[0]);
  // Without --source the file's name is the source: importing the same file again is then idempotent.
  const sourceParse = zSourceName.safeParse(values.source ?? path.basename(filePath).replace(/\.[^.]+$/, '').slice(0, 50));
  if (!sourceParse.success) {
    io.err(`来源名称不正确：${sourceParse.error.issues[0]?.message}（用 --source 指定）`);
    return 2;
  }
  const source = sourceParse.data;
  let mapping: ImportMapping = {};
  if (values.mapping) {
    try {
      const parsed = zImportMapping.safeParse(JSON.parse(await readFile(values.mapping, 'utf8')));
      if (!parsed.success) {
        io.err(`映射文件格式不正确：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
        return 2;
      }
      mapping = parsed.data;
    } catch (err) {
      io.err(`映射文件无法读取：${(err as Error).message}`);
      return 2;
    }
  }
  const json = values.json === true;
  const dryRun = values['dry-run'] === true;
  const batchSize = values.batch ? Math.max(1, Math.min(20_000, Number(values.batch) || 1000)) : undefined;

  const tty = process.stderr.isTTY === true && !json;
  let bar: cliProgress.SingleBar | null = null;
  let lastLine = 0;
  const onProgress = (p: ImportProgress) => {
    if (bar) {
      bar.setTotal(Math.max(bar.getTotal(), p.read));
      bar.update(p.read, { created: p.created, updated: p.updated, skipped: p.skipped, failed: p.failed });
      return;
    }
    const t = Date.now();
    if (t - lastLine >= 2000) {
      lastLine = t;
      io.err(`已处理 ${p.read} 行：新建 ${p.created}，更新 ${p.updated}，跳过 ${p.skipped}，失败 ${p.failed}`);
    }
  };
  if (tty) {
    const total = /\.(csv|tsv|txt|jsonl|ndjson)$/i.test(filePath) ? await countLines(filePath).catch(() => 0) : 0;
    bar = new cliProgress.SingleBar({
      format: '导入 [{bar}] {percentage}% | {value}/{total} 行 | 新建 {created} 更新 {updated} 跳过 {skipped} 失败 {failed} | {eta_formatted}',
      stream: process.stderr, hideCursor: true,
    }, cliProgress.Presets.shades_classic);
    bar.start(Math.max(total - 1, 1), 0, { created: 0, updated: 0, skipped: 0, failed: 0 });
  }

  const shownFailures = 50;
  let failuresShown = 0;
  const onRow = (o: RowOutcome) => {
    if (dryRun) {
      if (json) io.out(JSON.stringify({ rowNumber: o.rowNumber, outcome: o.outcome, key: o.key, errors: o.errors, warnings: o.warnings, changes: o.changes }));
      else {
        const notes = [...o.errors, ...o.changes.filter(() => o.outcome !== 'create'), ...o.warnings];
        io.out(`第 ${o.rowNumber} 行：${outcomeLabel[o.outcome]}${notes.length ? `（${notes.join('；')}）` : ''}`);
      }
      return;
    }
    if (o.outcome === 'fail' && failuresShown < shownFailures) {
      failuresShown++;
      if (json) io.out(JSON.stringify({ rowNumber: o.rowNumber, outcome: o.outcome, errors: o.errors }));
      else io.out(`第 ${o.rowNumber} 行未导入：${o.errors.join('；')}`);
    }
  };

  let counts: ImportCounts;
  let runId: number | null;
  let resumedFrom: number;
  try {
    const result = await runImport(deps, {
      filePath, fileName: path.basename(filePath), source, mapping, actor: { userId: null, role: 'system', departmentId: null },
      dryRun, batchSize, previewLimit: 0, onRow, onProgress,
      onRunStarted: (id, from) => {
        if (from > 0 && !json) io.err(`继续上次中断的导入（运行 #${id}），从第 ${from} 行之后开始`);
      },
    });
    counts = result.counts;
    runId = result.runId;
    resumedFrom = result.resumedFrom;
  } catch (err) {
    bar?.stop();
    if (err instanceof AppError) {
      const extra = detailsText(err);
      io.err(`导入失败：${err.message}${extra ? `（${extra}）` : ''} [${err.code}]`);
      return 1;
    }
    throw err;
  }
  bar?.stop();
  if (json) {
    io.out(JSON.stringify({ read: counts.read, created: counts.created, updated: counts.updated, skipped: counts.skipped, failed: counts.failed }));
    return 0;
  }
  if (counts.failed > failuresShown && !dryRun) io.out(`……另有 ${counts.failed - failuresShown} 行未导入，完整错误表可在控制台“批量导入”下载`);
  const what = dryRun ? '试运行（未写入）' : `导入完成（运行 #${runId}${resumedFrom ? `，从第 ${resumedFrom} 行之后继续` : ''}）`;
  io.out(`${what}：读取 ${counts.read} 行，新建 ${counts.created}，更新 ${counts.updated}，跳过 ${counts.skipped}，失败 ${counts.failed}`);
  return 0;
}
