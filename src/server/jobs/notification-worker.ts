import type { AppDeps } from '../deps.js';

/** Delivers notifications produced from committed events. Started by startJobs. */
export function startNotificationWorker(_deps: AppDeps): { stop(): void } {
  return { stop() {} };
}
