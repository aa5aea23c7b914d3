import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar/index';
import { deadlinePolicy, findRule, warningShare, type PolicyRule } from './policy';

const at = (iso: string) => new Date(iso);
const rule = (categoryId: number | null, replyDays: number, share = 0.7): PolicyRule => ({
  categoryId, caseType: null, urgency: 'normal', sign: { value: 2, unit: 'hours' }, opinion: { value: 2, unit: 'days' },
  reply: { value: replyDays, unit: 'days' }, rating: { value: 1, unit: 'days' }, warningShare: share,
});

describe('deadlinePolicy with time-limit rules', () => {
  const from = at('2024-09-30T10:00:00+08:00');

  it('keeps the built-in limits without rules', () => {
    const p = deadlinePolicy(defaultCalendar);
    expect(p.replyBy(from, 'consultation', 'normal', 7)).toEqual(at('2024-10-10T17:30:00+08:00'));
    expect(p.warningShare(7, 'normal')).toBe(0.8);
    expect(p.ruleFor(7, 'normal')).toBeNull();
  });

  it("prefers the category's own rule, then the rule for every category, per urgency", () => {
    const rules = [rule(null, 5, 0.6), rule(7, 3)];
    const p = deadlinePolicy(defaultCalendar, undefined, rules);
    expect(p.replyBy(from, 'complaint', 'normal', 7)).toEqual(at('2024-10-10T17:30:00+08:00'));
    expect(p.replyBy(from, 'complaint', 'normal', 8)).toEqual(at('2024-10-12T17:30:00+08:00')); // the make-up Saturday counts
    expect(p.replyBy(from, 'complaint', 'urgent', 7)).toEqual(defaultCalendar.addWorkingDays(from, 3)); // built-in urgent cap
    expect(p.signBy(from, 'normal', 7)).toEqual(at('2024-09-30T12:00:00+08:00')); // a limit that runs out at 12:00 ends at 12:00
    expect(p.ratingBy(from, 'normal', 7)).toEqual(at('2024-10-08T17:30:00+08:00'));
    expect(p.ratingBy(from)).toEqual(defaultCalendar.addWorkingDays(from, 5));
    expect(warningShare(p, 7, 'normal')).toBe(0.7);
    expect(warningShare(p, 8, 'normal')).toBe(0.6);
    expect(warningShare(p, 8, 'emergency')).toBe(0.8);
    expect(findRule(rules, null, 'normal')?.categoryId).toBeNull();
  });

  it('applies the built-in limit of the case type (a 咨询 gets 3 working days, a 投诉 15)', () => {
    const p = deadlinePolicy(defaultCalendar);
    const monday = at('2024-11-04T10:00:00+08:00');
    expect(p.replyBy(monday, 'consultation', 'normal', 7)).toEqual(defaultCalendar.addWorkingDays(monday, 3));
    expect(p.replyBy(monday, 'complaint', 'normal', 7)).toEqual(defaultCalendar.addWorkingDays(monday, 15));
  });

  it('picks the most specific rule: category and type, then category, then type, then every', () => {
    const typed = (categoryId: number | null, caseType: PolicyRule['caseType'], replyDays: number, share: number): PolicyRule => ({ ...rule(categoryId, replyDays, share), caseType });
    const rules = [typed(null, null, 20, 0.5), typed(null, 'consultation', 2, 0.6), typed(7, null, 10, 0.7), typed(7, 'consultation', 4, 0.75)];
    const monday = at('2024-11-04T10:00:00+08:00');
    const p = deadlinePolicy(defaultCalendar, undefined, rules);
    const days = (n: number) => defaultCalendar.addWorkingDays(monday, n);
    expect(p.replyBy(monday, 'consultation', 'normal', 7)).toEqual(days(4)); // category and type
    expect(p.replyBy(monday, 'complaint', 'normal', 7)).toEqual(days(10)); // the category's rule beats the type's and every
    expect(p.replyBy(monday, 'consultation', 'normal', 8)).toEqual(days(2)); // the type's rule beats the rule for every
    expect(p.replyBy(monday, 'complaint', 'normal', 8)).toEqual(days(20));
    expect(p.warningShare(8, 'normal', 'consultation')).toBe(0.6);
    expect(p.ruleFor(8, 'normal')?.caseType).toBeNull(); // without a type only rules for every type match
    expect(p.signBy(monday, 'normal', 8, 'consultation')).toEqual(defaultCalendar.addWorkingHours(monday, 2));
    // A category rule beats the built-in type default; another urgency keeps the built-in limits.
    const only = deadlinePolicy(defaultCalendar, undefined, [typed(7, null, 10, 0.7)]);
    expect(only.replyBy(monday, 'consultation', 'normal', 7)).toEqual(days(10));
    expect(only.replyBy(monday, 'consultation', 'normal', 8)).toEqual(days(3));
    expect(findRule(rules, 9, 'urgent', 'consultation')).toBeNull();
  });

  it('reads 0.8 from a policy object that has no warning shares', () => {
    const { warningShare: _drop, ...plain } = deadlinePolicy(defaultCalendar);
    expect(warningShare(plain, 1, 'normal')).toBe(0.8);
  });
});
