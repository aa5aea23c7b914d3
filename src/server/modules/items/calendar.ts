import { defaultCalendar } from '../../../domain/calendar/index.js';
import type { WorkingTime } from '../../../domain/sla/policy.js';
import type { AppDeps } from '../../deps.js';

/** The runtime's working calendar (data, reloaded on change), else the national default. */
export function workingTimeOfDeps(deps: AppDeps): WorkingTime {
  return deps.calendar?.workingTime ?? defaultCalendar;
}
