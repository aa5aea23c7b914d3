import { can } from '../../../domain/access/permissions.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { addDays, daysBetween, isDay } from './periods.js';

/**
 * The department a dashboard request is about: whatever the caller asked for when the role reads every case
 * (leader, supervisor, admin), otherwise always the caller's own department (handler, head) — asking for another
 * one is refused rather than silently answered with their own.
 */
export async function scopeDepartment(deps: AppDeps, user: StaffUser, requested: number | undefined): Promise<number | null> {
  let id: number | null = requested ?? null;
  if (!can(user.roles, 'case:read-all')) {
    if (requested !== undefined && requested !== user.departmentId) throw new AppError('DASHBOARD_DEPARTMENT_FORBIDDEN');
    id = user.departmentId;
  }
  if (id !== null && !(await deps.directory.ready()).department(id)) throw new AppError('DEPARTMENT_NOT_FOUND');
  return id;
}

export const maxRangeDays = 400;

/** A [from, until) range of Beijing days, checked: both days real, until after from, at most 400 days. */
export function checkRange(from: string | undefined, until: string | undefined): { from: string; until: string } {
  if (!from || !until || !isDay(from) || !isDay(until)) throw new AppError('DASHBOARD_RANGE_INVALID', { from, until });
  const span = daysBetween(from, until);
  if (span <= 0 || span > maxRangeDays) throw new AppError('DASHBOARD_RANGE_INVALID', { from, until });
  return { from, until: addDays(from, span) };
}
