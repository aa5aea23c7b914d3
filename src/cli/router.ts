import { parseArgs } from 'node:util';
import { messageFor } from '../contracts/errors.js';
import { AppError } from '../server/errors.js';
import type { AppDeps } from '../server/deps.js';
import { evaluateFile } from '../server/modules/routing/evaluate-file.js';
import { trainAndMaybeDeploy } from '../server/modules/routing/models.js';
import type { CliIo } from './io.js';
import { consoleActor } from '../server/modules/admin-audit/index.js';

const usage = `yiwang router train [--json] [--split time]  训练派单模型（已办结诉求与导入的历史诉求；优于在用模型才启用；--split time 以最近五分之一为留出集）
yiwang router eval --test FILE [--json]       用测试文件（导入格式，承办单位列为最终办理单位）评估在用模型`;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** `yiwang router train [--json] | yiwang router eval --test FILE [--json]` */
export async function routerCommand(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, test: { type: 'string' }, split: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const sub = positionals[0];
  if (values.help || !sub) {
    (values.help ? io.out : io.err)(usage);
    return values.help ? 0 : 1;
  }
  try {
    if (sub === 'train') {
      if (values.split && values.split !== 'time' && values.split !== 'stratified') {
        io.err(`--split 只能是 time 或 stratified\n\n${usage}`);
        return 1;
      }
      // time: the latest fifth (by case id, i.e. in order of arrival) is held out — a test on what came later.
      const r = await trainAndMaybeDeploy(deps, { trigger: 'cli', actor: consoleActor, options: values.split === 'time' ? { split: 'time' } : undefined });
      if (values.json) {
        io.out(JSON.stringify(r));
      } else {
        io.out(`模型 v${r.version}：训练 ${r.trainingSize} 件，留出 ${r.heldOutSize} 件，用时 ${r.seconds.toFixed(1)} 秒`);
        io.out(`留出集准确率 ${pct(r.accuracy)}，宏F1 ${pct(r.macroF1)}，校准误差 ECE ${pct(r.ece)}`);
        const cv = r.crossValidation;
        io.out(`${cv.folds} 折交叉验证（${cv.cases} 件）：正则化系数 ${cv.grid.map((l, i) => `${l} 宏F1 ${pct(cv.macroF1ByL2[i])}`).join('，')}；选用 ${cv.chosenL2}`);
        if (r.baseline) io.out(`在用模型 v${r.baseline.version} 在同一留出集：准确率 ${pct(r.baseline.accuracy)}，宏F1 ${pct(r.baseline.macroF1)}`);
        io.out(r.deployed ? `已启用 v${r.version}` : `未启用：${r.decision}`);
      }
      return 0;
    }
    if (sub === 'eval') {
      if (!values.test) {
        io.err(`缺少 --test FILE\n\n${usage}`);
        return 1;
      }
      const r = await evaluateFile(deps, values.test);
      if (values.json) {
        io.out(JSON.stringify(r));
        return 0;
      }
      io.out(`模型 v${r.modelVersion} 在 ${r.file}：${r.total} 件，准确率 ${pct(r.accuracy)}，宏F1 ${pct(r.macroF1)}，ECE ${pct(r.ece)}` +
        (r.skipped.length ? `（跳过 ${r.skipped.length} 行）` : ''));
      const a = r.atPrecision;
      io.out(a.blocked
        ? `目标精确率 ${pct(a.targetPrecision)}：${messageFor(a.blocked)}`
        : `目标精确率 ${pct(a.targetPrecision)}（阈值${a.thresholds === 'fixed' ? '：固定置信度' : '：由训练数据交叉验证选出'}）：免人工派单 ${pct(a.coverage)}（${a.dispatched} 件），其中派对 ${pct(a.precision)}`);
      io.out('单位\t件数\t精确率\t召回率\tF1');
      for (const d of r.perDepartment.filter((x) => x.support > 0).sort((a, b) => b.support - a.support)) {
        io.out(`${d.departmentName}\t${d.support}\t${pct(d.precision)}\t${pct(d.recall)}\t${pct(d.f1)}`);
      }
      if (r.confusions.length) {
        io.out('\n最常见的误派（实际 → 模型）：');
        for (const c of r.confusions.slice(0, 20)) io.out(`${c.actual} → ${c.predicted}\t${c.count}`);
      }
      for (const s of r.skipped.slice(0, 10)) io.err(`跳过第 ${s.rowNumber} 行：${s.reason}`);
      return 0;
    }
    io.err(`未知子命令：${sub}\n\n${usage}`);
    return 1;
  } catch (err) {
    if (err instanceof AppError) {
      io.err(`${err.code}: ${messageFor(err.code)}`);
      return 1;
    }
    throw err;
  }
}
