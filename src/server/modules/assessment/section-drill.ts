import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { Tx, StaffUser } from '../../kernel/index.js';
import type { Period } from '../../../domain/assessment/period.js';
import { checkDepartmentScope } from './drill.js';
import { getPeriodRow, periodOf } from './periods.js';

// The frame every section's drill-down shares: the caller's scope, the snapshot's section, its facts derived again
// from the event record at the section's cursor (so the list's length is the figure), one page of them, and the
// records that page names.

export interface SectionDrillQuery { period: string; department: number; part?: 'numerator' | 'denominator'; offset: number; limit: number }

export interface SectionDrillSpec<S, F extends { hit: boolean }, I> {
  /** The section stored in the snapshot, or null (a snapshot made before it). */
  sectionOf: (sections: unknown) => S | null;
  /** The unit's facts of the measure asked, as the section counted them, in list order. */
  facts: (db: Tx, p: Period, section: S) => Promise<F[]>;
  /** The snapshot's figure the list stands behind. */
  figure: (section: S) => number;
  /** The page's list items, with whatever the facts' records add (code, title). */
  items: (db: Tx, page: F[]) => Promise<I[]>;
  /** Department 0 (city-wide) is allowed to the office only. */
  cityWide?: boolean;
}

export async function sectionDrill<S, F extends { hit: boolean }, I>(deps: AppDeps, user: StaffUser, q: SectionDrillQuery, spec: SectionDrillSpec<S, F, I>) {
  const p = periodOf(q.period);
  if (q.department === 0 && spec.cityWide) checkDepartmentScope(user, -1);
  else checkDepartmentScope(user, q.department);
  const { db } = deps.database;
  const period = await getPeriodRow(db, q.period);
  if (!period) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: q.period });
  const section = spec.sectionOf(period.sections);
  const facts = section ? (await spec.facts(db, p, section)).filter((f) => q.part !== 'numerator' || f.hit) : [];
  const page = facts.slice(q.offset, q.offset + q.limit);
  const names = (await deps.directory.ready()).names();
  return {
    period: q.period, departmentId: q.department, departmentName: q.department === 0 ? '全市' : names.department(q.department) ?? '',
    figure: section ? spec.figure(section) : 0, total: facts.length, items: page.length ? await spec.items(db, page) : [],
  };
}
