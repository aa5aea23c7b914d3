import type { ItemErrorCode } from '../errors.js';
import { endOfBeijingDay } from './schedule.js';
import type { MilestoneDue, ReportSchedule } from './types.js';

// An item's plan checked and completed before anything is written (pure): dates in order, milestones inside
// [start, end] with their due dates resolved on the working calendar, targets well-formed, the schedule valid.

export interface PlanInput {
  startDate: string;
  endDate: string;
  schedule: ReportSchedule;
  leadDepartmentId: number;
  coDepartmentIds: readonly number[];
  targets: ReadonlyArray<{ name: string; measure: string; value: number }>;
  milestones: ReadonlyArray<{ title: string; due: MilestoneDue }>;
}

export interface ResolvedMilestone {
  title: string;
  dueDate: string;
  dueWorkingDays: number | null;
  dueAt: Date;
}

/** The calendar functions the plan needs (the runtime's working calendar). */
export interface PlanCalendar {
  addWorkingDays(from: Date, n: number): Date;
  localDate(instant: Date): string;
}

export function startOfBeijingDay(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function resolveMilestone(startDate: string, due: MilestoneDue, calendar: PlanCalendar): { dueDate: string; dueWorkingDays: number | null } {
  if ('date' in due) return { dueDate: due.date, dueWorkingDays: null };
  return { dueDate: calendar.localDate(calendar.addWorkingDays(startOfBeijingDay(startDate), due.workingDays)), dueWorkingDays: due.workingDays };
}

export function checkMilestone(startDate: string, endDate: string, dueDate: string): ItemErrorCode | null {
  if (dueDate > endDate) return 'MILESTONE_AFTER_END';
  if (dueDate < startDate) return 'MILESTONE_BEFORE_START';
  return null;
}

export function checkPlan(input: PlanInput, calendar: PlanCalendar): { error: ItemErrorCode; index?: number } | { milestones: ResolvedMilestone[] } {
  if (input.startDate > input.endDate) return { error: 'ITEM_DATES_INVALID' };
  const s = input.schedule;
  if (s.frequency !== 'none' && !(Number.isInteger(s.day) && s.day >= 1 && s.day <= 28)) return { error: 'ITEM_SCHEDULE_INVALID' };
  if (input.coDepartmentIds.includes(input.leadDepartmentId)) return { error: 'ITEM_CO_UNIT_IS_LEAD' };
  for (const t of input.targets) {
    if (!t.name.trim() || !t.measure.trim() || !(t.value > 0) || !Number.isFinite(t.value)) return { error: 'ITEM_TARGETS_INVALID' };
  }
  const milestones: ResolvedMilestone[] = [];
  for (const [index, m] of input.milestones.entries()) {
    const r = resolveMilestone(input.startDate, m.due, calendar);
    const bad = checkMilestone(input.startDate, input.endDate, r.dueDate);
    if (bad) return { error: bad, index };
    milestones.push({ title: m.title, ...r, dueAt: endOfBeijingDay(r.dueDate) });
  }
  return { milestones };
}

/** Warnings of a report's figures: a figure above its target is kept, and warned (FIGURE_ABOVE_TARGET). */
export function figureWarnings(figures: ReadonlyArray<{ targetId: number; value: number }>, targets: ReadonlyMap<number, number>): Array<{ code: string; targetId: number }> {
  return figures.filter((f) => f.value > (targets.get(f.targetId) ?? Infinity)).map((f) => ({ code: 'FIGURE_ABOVE_TARGET', targetId: f.targetId }));
}
