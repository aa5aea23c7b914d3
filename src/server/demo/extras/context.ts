import type { DeadlinePolicy } from '../../../domain/case/types.js';

/** What every part of the demo extras needs: the demo's clock and its deadline policy. */
export interface DemoContext {
  now: Date;
  policy: DeadlinePolicy;
}
