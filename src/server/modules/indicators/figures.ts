import type { z } from 'zod';
import type { ReviewFigure, zFileFigure } from '../../../contracts/indicators.js';
import { plausibilityWarnings } from '../../../domain/indicators/light.js';
import { isPeriod, previousPeriod, yearOfPeriod } from '../../../domain/indicators/period.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser, type Tx } from '../../kernel/index.js';
import { linkFiles } from './files.js';
import { getIndicatorRow, type IndicatorRow } from './repository.js';

// Figures: a lead unit files a sub-measure's value for a period with its evidence; the 营商办 accepts, sends it back
// with a reason, or corrects it (the value before and after are kept). Every step is a row of indicator_figure_steps
// written with the figure in one transaction.

type FileFigure = z.infer<typeof zFileFigure>;

/** The first-level indicator a sub-measure belongs to (its lead unit leads the sub-measure). */
export async function leadOf(db: Tx, measure: IndicatorRow): Promise<IndicatorRow> {
  if (measure.parentId === null) return measure;
  const parent = await getIndicatorRow(db, measure.parentId);
  if (!parent) throw new AppError('INDICATOR_NOT_FOUND');
  return parent;
}

/** Whether the user's unit leads the indicator (a lead unit files and sees the problems of its indicator). */
export function isLeadUnit(user: StaffUser, first: IndicatorRow): boolean {
  return first.leadDepartmentId === user.departmentId;
}

/** Files a figure; answers its id and the plausibility warnings of the value (filed all the same). */
export async function fileFigure(deps: AppDeps, user: StaffUser, measureId: number, input: FileFigure): Promise<{ id: number; warnings: string[] }> {
  const now = deps.now();
  return inTransaction(deps.database.db, async (tx) => {
    const measure = await getIndicatorRow(tx, measureId);
    if (!measure) throw new AppError('INDICATOR_NOT_FOUND');
    if (measure.parentId === null) throw new AppError('FIGURE_NOT_SUB_MEASURE');
    const first = await leadOf(tx, measure);
    if (!isLeadUnit(user, first)) throw new AppError('INDICATOR_NOT_LEAD');
    if (!isPeriod(input.period)) throw new AppError('FIGURE_PERIOD_INVALID');
    if (yearOfPeriod(input.period) !== measure.year) throw new AppError('FIGURE_YEAR_MISMATCH', { year: measure.year });
    const previous = await tx.selectFrom('indicator_figures').select('value').where('indicator_id', '=', measureId)
      .where('period', '=', previousPeriod(input.period)).where('status', '=', 'accepted').executeTakeFirst();
    const warnings = plausibilityWarnings(measure.unit, input.value, previous ? Number(previous.value) : null);
    const existing = await tx.selectFrom('indicator_figures').selectAll().where('indicator_id', '=', measureId).where('period', '=', input.period)
      .forUpdate().executeTakeFirst();
    if (!existing) {
      if (!input.evidenceIds.length) throw new AppError('FIGURE_EVIDENCE_REQUIRED');
      const row = await tx.insertInto('indicator_figures').values({
        indicator_id: measureId, period: input.period, value: input.value, note: input.note, status: 'filed', return_reason: null,
        department_id: user.departmentId, filed_by: user.id, filed_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      const id = Number(row.id);
      await linkFiles(tx, user.id, input.evidenceIds, { figureId: id }, 'FIGURE_EVIDENCE_INVALID');
      await tx.insertInto('indicator_figure_steps').values({ figure_id: id, action: 'file', value_before: null, value_after: input.value, reason: null, user_id: user.id, at: now }).execute();
      return { id, warnings };
    }
    // A period filed before: only its latest version may be refiled, and never once accepted.
    if (existing.status === 'accepted') throw new AppError('FIGURE_ALREADY_ACCEPTED');
    if (input.version !== existing.version) throw new AppError('FIGURE_STALE', { version: existing.version });
    const id = Number(existing.id);
    await linkFiles(tx, user.id, input.evidenceIds, { figureId: id }, 'FIGURE_EVIDENCE_INVALID');
    await tx.updateTable('indicator_figures').set({
      value: input.value, note: input.note, status: 'filed', filed_by: user.id, filed_at: now, department_id: user.departmentId, version: existing.version + 1,
    }).where('id', '=', id).execute();
    await tx.insertInto('indicator_figure_steps').values({
      figure_id: id, action: 'refile', value_before: existing.value, value_after: input.value, reason: null, user_id: user.id, at: now,
    }).execute();
    return { id, warnings };
  });
}

export async function reviewFigure(deps: AppDeps, user: StaffUser, figureId: number, input: ReviewFigure): Promise<number> {
  if (!user.permissions.includes('indicator:review')) throw new AppError('FIGURE_REVIEW_FORBIDDEN');
  const now = deps.now();
  return inTransaction(deps.database.db, async (tx) => {
    const f = await tx.selectFrom('indicator_figures').selectAll().where('id', '=', figureId).forUpdate().executeTakeFirst();
    if (!f) throw new AppError('FIGURE_NOT_FOUND');
    if (f.version !== input.version) throw new AppError('FIGURE_STALE', { version: f.version });
    const reason = input.action === 'accept' ? null : input.reason.trim();
    if (input.action !== 'accept' && !reason) throw new AppError('FIGURE_REASON_REQUIRED');
    // A correction may be made to a filed or a sent-back figure; accept and send back need a figure waiting for review.
    if (input.action === 'correct' ? f.status === 'accepted' : f.status !== 'filed') throw new AppError('FIGURE_NOT_UNDER_REVIEW');
    const value = input.action === 'correct' ? input.value : Number(f.value);
    const status = input.action === 'return' ? 'returned' : 'accepted';
    await tx.updateTable('indicator_figures').set({
      status, value, return_reason: input.action === 'return' ? reason : f.return_reason, reviewed_by: user.id, reviewed_at: now, version: f.version + 1,
    }).where('id', '=', figureId).execute();
    await tx.insertInto('indicator_figure_steps').values({
      figure_id: figureId, action: input.action, value_before: f.value, value_after: value, reason, user_id: user.id, at: now,
    }).execute();
    return Number(f.indicator_id);
  });
}
