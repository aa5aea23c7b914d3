import type { AppDeps } from '../../deps.js';
import { catchUpFacts } from './facts-store.js';
import { factDepsOf } from './periods.js';

/**
 * The fact job: derives assessment facts for every case with events after the cursor. Run by the scheduler with
 * the sweeps, so a monthly run only has the last minute's events left to read; the run catches up itself too.
 */
export async function runAssessmentFactJob(deps: AppDeps): Promise<{ cursor: number; casesChanged: number }> {
  return catchUpFacts(await factDepsOf(deps));
}
