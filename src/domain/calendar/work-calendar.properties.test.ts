import { describe, expect, it } from 'vitest';
import { defaultCalendar as cal, type Interval } from './index';

/** mulberry32: a tiny seeded PRNG, so a failing case is reproducible from its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RANGE_START = Date.parse('2018-12-25T00:00:00+08:00');
const RANGE_DAYS = 8 * 365 + 10; // through the last notice (2026)
const RUNS = 400;

const intBelow = (random: () => number, n: number) => Math.floor(random() * n);

/** Any instant in 2019–2026 on a whole minute (working hours are whole minutes too). */
function anyInstant(random: () => number): Date {
  return new Date(RANGE_START + intBelow(random, RANGE_DAYS * 24 * 60) * MINUTE);
}

/** An instant strictly inside working time: a working day, a period, a minute inside it. */
function workingInstant(random: () => number): Date {
  for (;;) {
    const midnight = RANGE_START + intBelow(random, RANGE_DAYS) * DAY;
    if (!cal.isWorkday(cal.localDate(new Date(midnight)))) continue;
    const [start, end] = random() < 0.5 ? [8.5 * HOUR, 12 * HOUR] : [14.5 * HOUR, 17.5 * HOUR];
    return new Date(midnight + start + intBelow(random, (end - start) / MINUTE) * MINUTE);
  }
}

/** Hours as a whole number of minutes, up to about three working weeks. */
function anyHours(random: () => number): number {
  return (1 + intBelow(random, 100 * 60)) / 60;
}

/** Up to three closed suspensions around `t` (some overlapping, some before `t`). */
function somePauses(random: () => number, t: Date): Interval[] {
  return Array.from({ length: intBelow(random, 4) }, () => {
    const start = t.getTime() + (intBelow(random, 14 * 24 * 60) - 2 * 24 * 60) * MINUTE;
    return { start: new Date(start), end: new Date(start + intBelow(random, 4 * 24 * 60) * MINUTE) };
  });
}

/** True when the millisecond just before `instant` is working time and not suspended. */
function endsWorkingTime(instant: Date, paused: readonly Interval[] = []): boolean {
  const before = new Date(instant.getTime() - 1);
  return cal.workingMillisBetween(before, instant, paused) === 1;
}

describe('calendar properties (seeded)', () => {
  // n = 0 and n = 1 coincide when the start is on a day off or after close, hence n ≥ 1 for "strictly".
  it('addWorkingDays is monotone in the start and in n, strictly from n = 1', () => {
    const random = prng(1);
    for (let run = 0; run < RUNS; run += 1) {
      const a = anyInstant(random);
      const b = new Date(a.getTime() + intBelow(random, 5 * 24 * 60) * MINUTE);
      const n = intBelow(random, 20);
      const context = `seed 1 run ${run}: ${a.toISOString()} ≤ ${b.toISOString()}, n=${n}`;
      expect(cal.addWorkingDays(a, n).getTime(), context).toBeLessThanOrEqual(cal.addWorkingDays(b, n).getTime());
      const [current, next] = [cal.addWorkingDays(a, n).getTime(), cal.addWorkingDays(a, n + 1).getTime()];
      if (n === 0) expect(next, context).toBeGreaterThanOrEqual(current);
      else expect(next, context).toBeGreaterThan(current);
    }
  });

  it('addWorkingDays ends at the close of a working day, never before the start, and inverts workingDaysBetween', () => {
    const random = prng(2);
    for (let run = 0; run < RUNS; run += 1) {
      const t = anyInstant(random);
      const n = intBelow(random, 30);
      const deadline = cal.addWorkingDays(t, n);
      const context = `seed 2 run ${run}: ${t.toISOString()} + ${n}`;
      expect(cal.isWorkday(cal.localDate(deadline)), context).toBe(true);
      expect(new Date(deadline.getTime() + 8 * HOUR).toISOString().slice(11, 16), context).toBe('17:30');
      expect(deadline.getTime(), context).toBeGreaterThan(t.getTime());
      if (n >= 1) expect(cal.workingDaysBetween(t, deadline), context).toBe(n);
    }
  });

  it('suspensions only ever move a day-counted deadline later, by exactly the suspended working time', () => {
    const random = prng(3);
    for (let run = 0; run < RUNS; run += 1) {
      const t = anyInstant(random);
      const n = 1 + intBelow(random, 15);
      const paused = somePauses(random, t);
      const plain = cal.addWorkingDays(t, n);
      const suspended = cal.addWorkingDays(t, n, paused);
      const context = `seed 3 run ${run}: ${t.toISOString()} + ${n}, ${JSON.stringify(paused)}`;
      expect(suspended.getTime(), context).toBeGreaterThanOrEqual(plain.getTime());
      expect(cal.workingMillisBetween(t, suspended, paused), context).toBe(cal.workingMillisBetween(t, plain));
      expect(endsWorkingTime(suspended, paused), context).toBe(true);
    }
  });

  it('addWorkingHours is monotone in the start, with and without suspensions', () => {
    const random = prng(4);
    for (let run = 0; run < RUNS; run += 1) {
      const a = anyInstant(random);
      const b = new Date(a.getTime() + intBelow(random, 3 * 24 * 60) * MINUTE);
      const h = anyHours(random);
      const paused = somePauses(random, a);
      const context = `seed 4 run ${run}: ${a.toISOString()} ≤ ${b.toISOString()}, h=${h}`;
      expect(cal.addWorkingHours(a, h).getTime(), context).toBeLessThanOrEqual(cal.addWorkingHours(b, h).getTime());
      expect(cal.addWorkingHours(a, h, paused).getTime(), context).toBeLessThanOrEqual(
        cal.addWorkingHours(b, h, paused).getTime(),
      );
    }
  });

  it('addWorkingHours is additive from inside working time', () => {
    const random = prng(5);
    for (let run = 0; run < RUNS; run += 1) {
      const t = workingInstant(random);
      const [a, b] = [anyHours(random), anyHours(random)];
      const paused = random() < 0.5 ? [] : somePauses(random, t);
      const context = `seed 5 run ${run}: ${t.toISOString()} + ${a} + ${b}, ${JSON.stringify(paused)}`;
      expect(cal.addWorkingHours(cal.addWorkingHours(t, a, paused), b, paused).getTime(), context).toBe(
        cal.addWorkingHours(t, a + b, paused).getTime(),
      );
    }
  });

  it('addWorkingHours never lands on non-working time and measures back to exactly h hours', () => {
    const random = prng(6);
    for (let run = 0; run < RUNS; run += 1) {
      const t = random() < 0.5 ? workingInstant(random) : anyInstant(random);
      const h = anyHours(random);
      const paused = random() < 0.5 ? [] : somePauses(random, t);
      const result = cal.addWorkingHours(t, h, paused);
      const context = `seed 6 run ${run}: ${t.toISOString()} + ${h} h, ${JSON.stringify(paused)}`;
      expect(endsWorkingTime(result, paused), context).toBe(true);
      expect(cal.workingMillisBetween(t, result, paused), context).toBe(Math.round(h * HOUR));
    }
  });

  it('workingDaysBetween agrees with counting isWorkday day by day', () => {
    const random = prng(7);
    for (let run = 0; run < 100; run += 1) {
      const from = anyInstant(random);
      const to = new Date(from.getTime() + intBelow(random, 60) * DAY);
      let counted = 0;
      for (let day = from.getTime() + DAY; cal.localDate(new Date(day)) <= cal.localDate(to); day += DAY) {
        if (cal.isWorkday(cal.localDate(new Date(day)))) counted += 1;
      }
      expect(cal.workingDaysBetween(from, to), `seed 7 run ${run}`).toBe(counted);
      expect(cal.workingDaysBetween(to, from), `seed 7 run ${run}`).toBe(counted === 0 ? 0 : -counted);
    }
  });
});
