import { parseArgs } from 'node:util';
import type { Difference, PeriodDetail } from '../contracts/assessment.js';
import { AppError } from '../server/errors.js';
import type { AppDeps } from '../server/deps.js';
import { runPeriod } from '../server/modules/assessment/periods.js';
import { verifyPeriod } from '../server/modules/assessment/verify.js';
import type { CliIo } from './io.js';

const usage = 'yiwang assess run --period 2026-10|2026-Q3|2026 [--json]\nyiwang assess verify --period 2026-10|2026-Q3|2026 [--json]';
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function printTable(io: CliIo, p: PeriodDetail) {
  io.out(`考核期 ${p.key}（${p.status === 'published' ? '已发布' : '已计算，未发布'}），方案第 ${p.schemeVersion} 版，事件游标 ${p.eventCursor}`);
  io.out(['分组', '名次', '单位', '件数', '响应率', '解决率', '满意率', '扣分', '综合得分'].join('\t'));
  for (const r of p.rows) {
    io.out([r.group, r.rank ?? '不排名', r.departmentName, r.cases, pct(r.rates.response.rate), pct(r.rates.resolution.rate),
      pct(r.rates.satisfaction.rate), r.deductionPoints, r.composite ?? '—'].join('\t'));
  }
  if (p.exclusions.length) io.out(`不纳入考核：${p.exclusions.map((e) => `${e.caseCode}（${e.departmentName}，${e.decidedByName ?? ''}批准）`).join('；')}`);
}

const describe = (d: Difference) => `${d.departmentName ?? d.departmentId ?? '快照'} ${d.field}：快照 ${JSON.stringify(d.snapshot)}，重算 ${JSON.stringify(d.recomputed)}`;

/** `yiwang assess run --period YYYY-MM [--json] | yiwang assess verify --period YYYY-MM [--json]` */
export async function assessCommand(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { period: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const sub = positionals[0];
  if ((sub !== 'run' && sub !== 'verify') || !values.period) {
    io.err(usage);
    return 1;
  }
  try {
    if (sub === 'run') {
      const r = await runPeriod(deps, null, values.period);
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else {
        printTable(io, r.period);
        if (r.frozen) {
          io.out(r.differences.length ? `该期已发布，快照未改动；重算与快照有 ${r.differences.length} 处差异：` : '该期已发布，快照未改动；重算与快照一致。');
          for (const d of r.differences) io.out(`  ${describe(d)}`);
        }
      }
      return 0;
    }
    const v = await verifyPeriod(deps, values.period);
    if (values.json) io.out(JSON.stringify(v, null, 2));
    if (v.ok) {
      if (!values.json) io.out(`考核期 ${v.period} 快照与事件日志重算一致（核对诉求 ${v.casesChecked} 件，事件游标 ${v.eventCursor}）。`);
      return 0;
    }
    io.err(`考核期 ${v.period} 快照与事件日志重算不一致，共 ${v.differences.length} 处：`);
    for (const d of v.differences) io.err(`  ${describe(d)}`);
    return 2;
  } catch (err) {
    if (err instanceof AppError) {
      io.err(`${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
