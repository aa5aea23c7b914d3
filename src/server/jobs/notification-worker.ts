import type { AppDeps } from '../deps.js';
import { deliverDue, type DeliverResult } from '../modules/notifications/deliver.js';
import { processOutbox, type FanOutResult } from '../modules/notifications/fan-out.js';
import { outboxChannel } from '../modules/notifications/wake.js';

export interface NotificationRun extends FanOutResult, DeliverResult {}

/** One pass without a worker around it (tests, benchmarks, CLI). */
export async function runNotificationPass(deps: AppDeps): Promise<NotificationRun> {
  const fanned = await processOutbox(deps);
  return { ...fanned, ...(await deliverAll(deps)) };
}

/** Channels side by side: a slow SMTP server does not hold back webhooks or SMS. */
async function deliverAll(deps: AppDeps): Promise<DeliverResult> {
  const results = await Promise.all((['webhook', 'email', 'sms'] as const).map((channel) => deliverDue(deps, { channel })));
  return { sent: results.reduce((n, r) => n + r.sent, 0), failed: results.reduce((n, r) => n + r.failed, 0) };
}

export interface NotificationWorker {
  stop(): void;
  /** One full pass: fan out every committed event in the outbox, then send every due delivery. */
  runOnce(): Promise<NotificationRun>;
}

/**
 * Delivers notifications produced from committed events. Started by startJobs; polls on a short interval and, on
 * PostgreSQL, wakes at once on NOTIFY from the outbox trigger (any process may have written the event). Several
 * processes may run it together: the outbox and deliveries are claimed with SKIP LOCKED. Failures are logged and
 * retried; they never reach the request that changed the case.
 */
export function startNotificationWorker(deps: AppDeps, everyMs = 2_000): NotificationWorker {
  let stopped = false;
  // Two lanes, each running one pass at a time with at most one more queued: fan-out (inbox + live stream) never waits
  // behind a slow SMTP backlog, and deliveries pick up whatever fan-out queued.
  const lane = <T>(work: () => Promise<T>) => {
    let tail: Promise<unknown> = Promise.resolve();
    let queued = false;
    const run = (): Promise<T> => {
      const next = tail.then(work);
      tail = next.catch(() => undefined);
      return next;
    };
    const wake = () => {
      if (stopped || queued) return;
      queued = true;
      void tail.then(() => {
        queued = false;
        if (!stopped) return run().catch((err) => deps.log.error({ err }, 'notification worker failed'));
      });
    };
    return { run, wake };
  };
  const delivery = lane(() => deliverAll(deps));
  const fanOut = lane(async () => {
    const r = await processOutbox(deps);
    if (r.deliveries > 0) delivery.wake();
    return r;
  });
  const wake = () => {
    fanOut.wake();
    delivery.wake();
  };
  const timer = setInterval(wake, everyMs);
  timer.unref();
  const unwake = deps.notifications.hub.onWake(wake);
  let unlisten: (() => Promise<void>) | null = null;
  if (deps.database.listen) {
    deps.database.listen(outboxChannel, wake, wake)
      .then((stop) => (stopped ? void stop() : (unlisten = stop)))
      .catch((err) => deps.log.warn({ err }, 'notification outbox listen failed; polling only'));
  }
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      unwake();
      void unlisten?.();
      deps.notifications.mailer.close();
    },
    async runOnce() {
      const fanned = await fanOut.run();
      return { ...fanned, ...(await delivery.run()) };
    },
  };
}
