import { isIn, statusGroups, type CaseStatus } from '../case/status.js';
import type { WarningLevel } from './warnings.js';

// 超期 (overdue): the one definition every screen counts — the inbox tabs, the dashboard, the supervision centre.
// A case is overdue while it is with the departments (dispatched or handling, not suspended) and one of its running
// clocks (runningClock: sign while pending, a co-handler's opinion, the lead's reply) has passed its deadline. The SLA
// sweep records exactly that as the assignment's `assignment_sla.level = 'red'` and the case's `warning_level = 'red'` (红色预警),
// so a red case is an overdue case and the count of one equals the count of the other. For one department it is the
// department's own clock that is red.

/** The statuses in which a case can be overdue (the clock runs only there). */
export const overdueStatuses = statusGroups.clockRunning;

export function isOverdue(c: { status: CaseStatus; suspended: boolean; warningLevel: WarningLevel }): boolean {
  return isIn('clockRunning', c.status) && !c.suspended && c.warningLevel === 'red';
}
