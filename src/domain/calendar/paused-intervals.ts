import { instantMillis } from './local-time';

/** A suspension of the clock; `end: null` means it is still open and counts as never ending. */
export interface Interval {
  start: Date;
  end: Date | null;
}

/** A paused span in UTC milliseconds, end exclusive; `Infinity` for a suspension still open. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Validates, sorts and merges paused intervals so the calendar can walk them once, in order,
 * without counting an overlap twice (two suspensions recorded over the same days are common
 * when a case is suspended by two departments).
 */
export function normalizePaused(paused: readonly Interval[] | undefined): Span[] {
  if (!paused || paused.length === 0) return [];
  const spans: Span[] = [];
  for (const interval of paused) {
    const start = instantMillis(interval.start, 'paused interval start');
    const end = interval.end === null ? Infinity : instantMillis(interval.end, 'paused interval end');
    if (end < start) {
      throw new RangeError(
        `paused interval ends before it starts: ${interval.start.toISOString()} > ${interval.end?.toISOString()}`,
      );
    }
    if (end > start) spans.push({ start, end });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    } else {
      merged.push(span);
    }
  }
  return merged;
}
