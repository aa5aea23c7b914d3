import { buildResolver } from '../../../domain/import/resolve.js';
import { evaluateRouter, type LabelledCase } from '../../../domain/routing/router.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { readImportRecords } from '../../import-file/read-file.js';
import { activeModel } from './models.js';
import { cityShortName } from '../../../domain/settings/city.js';
import { cityTexts } from '../settings/index.js';
import { getSettings } from './settings.js';
import { choiceFor } from './precision.js';
import { dispatchOutcome } from '../../../domain/routing/threshold.js';

// `yiwang router eval --test FILE`: the model in use scored on a file in the import formats whose department
// column holds the department that finally handled each case.

export interface FileEvaluation {
  modelVersion: number;
  file: string;
  total: number;
  accuracy: number;
  macroF1: number;
  ece: number;
  /**
   * At the configured precision (the settings' target, else 95 %): the thresholds the model dispatches at (chosen on
   * its out-of-fold training cases, never on this file) applied to the file — share dispatched with no human, and
   * how many of those went to the right department. `thresholds: 'fixed'` for a model from before 0040 or without a
   * target: the settings' fixed threshold. `blocked`: too few training cases, the model dispatches nothing.
   */
  atPrecision: { targetPrecision: number; thresholds: 'out-of-fold' | 'fixed'; blocked: string | null; coverage: number; precision: number; dispatched: number };
  perDepartment: { departmentId: number; departmentName: string; support: number; predicted: number; precision: number; recall: number; f1: number }[];
  confusions: { actual: string; predicted: string; count: number }[];
  /** Rows left out: unreadable rows, and rows whose department is not one of ours. */
  skipped: { rowNumber: number; reason: string }[];
}

export async function readLabelledFile(deps: AppDeps, file: string): Promise<{ cases: LabelledCase[]; skipped: FileEvaluation['skipped'] }> {
  const { db } = deps.database;
  const [departments, categories] = await Promise.all([
    db.selectFrom('departments').select(['id', 'code', 'name', 'kind']).execute(),
    db.selectFrom('categories').select(['id', 'code', 'name', 'parent_id as parentId', 'default_lead_department_id as defaultLeadDepartmentId']).execute(),
  ]);
  const resolver = buildResolver(departments, categories, { city: cityShortName((await cityTexts(db)).cityName) });
  const cases: LabelledCase[] = [];
  const skipped: FileEvaluation['skipped'] = [];
  for await (const row of readImportRecords(file, { now: deps.now() })) {
    if (!row.record) {
      skipped.push({ rowNumber: row.rowNumber, reason: (row.errors ?? []).join('；') });
      continue;
    }
    const r = row.record;
    const dept = resolver.department(r.departmentName);
    if (!dept) {
      skipped.push({ rowNumber: row.rowNumber, reason: r.departmentName ? `承办单位「${r.departmentName}」不在本系统组织机构中` : '缺少承办单位' });
      continue;
    }
    const category = resolver.category(r.subcategoryText ?? null) ?? resolver.category(r.categoryText ?? null);
    const district = resolver.district(r.districtText ?? null);
    cases.push({ doc: { title: r.title, body: r.description, categoryId: category?.id ?? null, districtId: district?.id ?? null }, departmentId: dept.id });
  }
  return { cases, skipped };
}

export async function evaluateFile(deps: AppDeps, file: string): Promise<FileEvaluation> {
  const current = await activeModel(deps);
  if (!current) throw new AppError('ROUTER_NO_MODEL');
  const { cases, skipped } = await readLabelledFile(deps, file);
  if (cases.length === 0) throw new AppError('ROUTER_TEST_FILE_INVALID', { skipped: skipped.slice(0, 20) });
  const report = evaluateRouter(current.model, cases);
  const settings = await getSettings(deps);
  const target = settings.targetPrecision ?? 0.95;
  const choice = choiceFor(current, target);
  let atPrecision: FileEvaluation['atPrecision'];
  if (choice) {
    const o = dispatchOutcome(report.scored, choice);
    atPrecision = { targetPrecision: target, thresholds: 'out-of-fold', blocked: choice.blocked, coverage: o.coverage, precision: o.precision, dispatched: o.dispatched };
  } else {
    const sent = report.scored.filter((s) => s.confidence >= settings.threshold);
    const right = sent.filter((s) => s.correct).length;
    atPrecision = { targetPrecision: target, thresholds: 'fixed', blocked: null, coverage: sent.length / report.scored.length, precision: sent.length ? right / sent.length : 0, dispatched: sent.length };
  }
  const dir = await deps.directory.ready();
  const name = (id: number) => dir.department(id)?.name ?? `#${id}`;
  const ev = report.evaluation;
  return {
    modelVersion: current.version, file, total: ev.total, accuracy: ev.accuracy, macroF1: ev.macroF1, ece: report.ece, atPrecision,
    perDepartment: ev.perClass.map((c) => ({ departmentId: c.label, departmentName: name(c.label), support: c.support, predicted: c.predicted, precision: c.precision, recall: c.recall, f1: c.f1 })),
    confusions: ev.confusions.map((c) => ({ actual: name(c.actual), predicted: name(c.predicted), count: c.count })),
    skipped,
  };
}
