import type { ItemLight } from './types.js';

// The light of a supervised item (亮灯), pure. Documented in docs/items.md:
// - red (红灯): a milestone is overdue (its due instant passed and it is not done), or a scheduled report is missing
//   (the last period whose due date passed has no report that was not sent back);
// - yellow (黄灯): a milestone is at risk: at least `riskShare` (0.8) of the time between the previous milestone (or
//   the start) and its due has been used and it is not done; or the progress is behind plan: the share of the
//   item's time used exceeds the mean share of the targets reached by more than `behindMargin` (0.25);
// - green (绿灯): on plan. A closed item keeps the light it had; the sweep does not look at it.
// Each reason carries a key, so the sweep's crossings (one row per item, level and key) are written once.

export const riskShare = 0.8;
export const behindMargin = 0.25;

export interface LightReason {
  level: 'yellow' | 'red';
  /** milestone:<id>, report:<period>, risk:<id>, behind */
  key: string;
  text: string;
}

export interface LightInput {
  now: Date;
  /** The item's start and end instants (start of the first day, end of the last). */
  startAt: Date;
  endAt: Date;
  /** Open milestones already overdue (due before now), in due order. */
  overdue: ReadonlyArray<{ id: number; title: string }>;
  /** The first open milestone not yet due, with the instant its window starts (the previous milestone's due or the start). */
  next: { id: number; title: string; dueAt: Date; windowStart: Date } | null;
  /** The period due last, when it has no report (else null). */
  missingReport: string | null;
  /** Each target's reached share (progress / target, capped at 1); empty when the item has no targets. */
  targetShares: readonly number[];
}

export function timeShare(from: Date, to: Date, now: Date): number {
  const span = to.getTime() - from.getTime();
  if (span <= 0) return now.getTime() >= to.getTime() ? 1 : 0;
  return Math.min(1, Math.max(0, (now.getTime() - from.getTime()) / span));
}

export function progressShare(shares: readonly number[]): number | null {
  if (!shares.length) return null;
  return shares.reduce((s, x) => s + Math.min(1, Math.max(0, x)), 0) / shares.length;
}

export function lightReasons(input: LightInput): LightReason[] {
  const out: LightReason[] = [];
  for (const m of input.overdue) out.push({ level: 'red', key: `milestone:${m.id}`, text: `节点“${m.title}”已逾期` });
  if (input.missingReport) out.push({ level: 'red', key: `report:${input.missingReport}`, text: `${input.missingReport} 期进展未按时报送` });
  const n = input.next;
  if (n && timeShare(n.windowStart, n.dueAt, input.now) >= riskShare) {
    out.push({ level: 'yellow', key: `risk:${n.id}`, text: `节点“${n.title}”临近到期尚未完成` });
  }
  const progress = progressShare(input.targetShares);
  const used = timeShare(input.startAt, input.endAt, input.now);
  if (progress !== null && used - progress > behindMargin) {
    out.push({ level: 'yellow', key: 'behind', text: `时间已过 ${Math.round(used * 100)}%，目标完成 ${Math.round(progress * 100)}%，进度滞后` });
  }
  return out;
}

/**
 * The earliest instant after `now` at which the reasons can change with no command: the next milestone reaches its
 * risk share or falls due, the next report period falls due, or the progress falls behind plan. Null when none.
 */
export function nextLightCheck(input: LightInput, nextReportDue: Date | null): Date | null {
  const now = input.now.getTime();
  const candidates: number[] = [];
  const n = input.next;
  if (n) {
    const span = n.dueAt.getTime() - n.windowStart.getTime();
    candidates.push(n.windowStart.getTime() + Math.ceil(span * riskShare), n.dueAt.getTime() + 1);
  }
  if (nextReportDue) candidates.push(nextReportDue.getTime() + 1);
  const progress = progressShare(input.targetShares);
  if (progress !== null) {
    const span = input.endAt.getTime() - input.startAt.getTime();
    candidates.push(input.startAt.getTime() + Math.floor((progress + behindMargin) * span) + 1);
  }
  const future = candidates.filter((t) => t > now);
  return future.length ? new Date(Math.min(...future)) : null;
}

export function lightOf(reasons: readonly LightReason[]): ItemLight {
  if (reasons.some((r) => r.level === 'red')) return 'red';
  if (reasons.some((r) => r.level === 'yellow')) return 'yellow';
  return 'green';
}
