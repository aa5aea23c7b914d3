import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar/index.js';
import { deadlinePolicy } from './policy.js';
import {
  levelAt, levelsReached, nextCheck, runningClock, shareFor, worstLevel, yellowInstant, type ClockInput,
} from './warnings.js';

const at = (s: string) => new Date(s);

describe('yellowInstant counts the share of WORKING time (Asia/Shanghai, 08:30–12:00 / 14:30–17:30)', () => {
  const rows: Array<[string, string, number, number, string, string]> = [
    // start, what, working days, share, deadline, yellow
    ['2024-09-27T10:00:00+08:00', 'Friday before National Day, 3 days: 29 Sep (make-up Sunday), 30 Sep, 8 Oct', 3, 0.8, '2024-10-08T17:30:00+08:00', '2024-10-08T10:06:00+08:00'],
    ['2024-09-27T10:00:00+08:00', 'same, half used before the holiday', 3, 0.5, '2024-10-08T17:30:00+08:00', '2024-09-30T09:15:00+08:00'],
    ['2024-09-27T10:00:00+08:00', '1 day: the make-up Sunday 29 Sep is the working day', 1, 0.8, '2024-09-29T17:30:00+08:00', '2024-09-29T15:12:00+08:00'],
    ['2024-09-30T16:00:00+08:00', '1 day over the holiday: yellow and red on 8 Oct', 1, 0.8, '2024-10-08T17:30:00+08:00', '2024-10-08T15:54:00+08:00'],
    ['2024-10-09T09:00:00+08:00', '3 days ending on the make-up Saturday 12 Oct', 3, 0.8, '2024-10-12T17:30:00+08:00', '2024-10-12T09:54:00+08:00'],
    ['2024-10-09T09:00:00+08:00', 'same, half used', 3, 0.5, '2024-10-12T17:30:00+08:00', '2024-10-11T08:45:00+08:00'],
  ];
  it.each(rows)('%s + %s', (start, _what, days, share, deadline, yellow) => {
    const dl = defaultCalendar.addWorkingDays(at(start), days);
    expect(dl.toISOString()).toBe(at(deadline).toISOString());
    expect(yellowInstant(at(start), dl, share, defaultCalendar).toISOString()).toBe(at(yellow).toISOString());
  });

  it('never lands after the deadline, and a limit without working time is yellow at its deadline', () => {
    const start = at('2024-10-01T09:00:00+08:00');
    const inHoliday = at('2024-10-03T09:00:00+08:00');
    expect(yellowInstant(start, inHoliday, 0.8, defaultCalendar)).toEqual(inHoliday);
    expect(yellowInstant(start, start, 0.8, defaultCalendar)).toEqual(start);
  });
});

describe('levels', () => {
  const yellow = at('2024-10-08T10:06:00+08:00');
  const deadline = at('2024-10-08T17:30:00+08:00');
  it.each([
    ['2024-10-07T23:00:00+08:00', 'none', [], yellow],
    ['2024-10-08T10:06:00+08:00', 'yellow', ['yellow'], deadline],
    ['2024-10-08T17:29:59+08:00', 'yellow', ['yellow'], deadline],
    ['2024-10-08T17:30:00+08:00', 'red', ['yellow', 'red'], null],
    ['2024-10-12T09:00:00+08:00', 'red', ['yellow', 'red'], null],
  ] as const)('at %s the level is %s', (now, level, reached, next) => {
    expect(levelAt(at(now), yellow, deadline)).toBe(level);
    expect(levelsReached(level)).toEqual(reached);
    expect(nextCheck(level, yellow, deadline)).toEqual(next);
  });

  it('worstLevel', () => {
    expect(worstLevel([])).toBe('none');
    expect(worstLevel(['none', 'yellow', 'none'])).toBe('yellow');
    expect(worstLevel(['yellow', 'red', 'none'])).toBe('red');
  });

  it('shareFor reads the policy (0.8 by default)', () => {
    expect(shareFor(null, 1, 'normal')).toBe(0.8);
    const rule = { categoryId: 7, caseType: null, urgency: 'normal' as const, warningShare: 0.6, sign: { value: 1, unit: 'days' as const },
      opinion: { value: 3, unit: 'days' as const }, reply: { value: 3, unit: 'days' as const }, rating: { value: 5, unit: 'days' as const } };
    const policy = deadlinePolicy(defaultCalendar, undefined, [rule]);
    expect(shareFor(policy, 7, 'normal')).toBe(0.6);
    expect(shareFor(policy, 8, 'normal')).toBe(0.8);
  });
});

describe('runningClock', () => {
  const signDeadline = at('2024-09-29T17:30:00+08:00');
  const opinionDeadline = at('2024-10-08T17:30:00+08:00');
  const replyDeadline = at('2024-10-12T17:30:00+08:00');
  const base: ClockInput = {
    caseStatus: 'dispatched', suspended: false, caseReplyDeadline: replyDeadline, role: 'lead', status: 'pending',
    signedAt: null, signDeadline, opinionAt: null, opinionDeadline: null, replyDeadline,
  };
  const signed = { status: 'signed' as const, signedAt: at('2024-09-27T11:00:00+08:00') };
  it.each<[string, Partial<ClockInput>, ReturnType<typeof runningClock>]>([
    ['pending lead: sign', {}, { clock: 'sign', deadline: signDeadline }],
    ['pending co: sign', { role: 'co', opinionDeadline }, { clock: 'sign', deadline: signDeadline }],
    ['signed lead, dispatched: reply', { ...signed }, { clock: 'reply', deadline: replyDeadline }],
    ['signed lead, handling: reply', { ...signed, caseStatus: 'handling' }, { clock: 'reply', deadline: replyDeadline }],
    ['signed lead falls back to the case deadline', { ...signed, replyDeadline: null }, { clock: 'reply', deadline: replyDeadline }],
    ['signed co without opinion: opinion', { ...signed, role: 'co', opinionDeadline, replyDeadline: null }, { clock: 'opinion', deadline: opinionDeadline }],
    ['signed co with opinion: none', { ...signed, role: 'co', opinionDeadline, opinionAt: at('2024-09-30T10:00:00+08:00') }, null],
    ['suspended: none', { ...signed, suspended: true }, null],
    ['suspended pending: none', { suspended: true }, null],
    ['replied: none', { ...signed, caseStatus: 'replied' }, null],
    ['awaiting rating: none', { ...signed, caseStatus: 'awaiting_rating' }, null],
    ['closed: none', { ...signed, caseStatus: 'closed' }, null],
    ['submitted: none', { caseStatus: 'submitted' }, null],
    ['returned assignment: none', { status: 'returned' }, null],
    ['done assignment: none', { status: 'done' }, null],
  ])('%s', (_name, patch, expected) => {
    expect(runningClock({ ...base, ...patch })).toEqual(expected);
  });
});
