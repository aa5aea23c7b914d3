import { describe, expect, it } from 'vitest';
import { lightOf, lightReasons, timeShare, type LightInput } from './light.js';
import { lastDuePeriod, periodFor, reportPeriods } from './schedule.js';
import { checkPlan, figureWarnings } from './plan.js';
import { defaultCalendar } from '../calendar/index.js';
import { beijingDate } from '../calendar/local-time.js';

const at = (s: string) => new Date(`${s}+08:00`);
const base: LightInput = {
  now: at('2026-03-01T12:00:00'), startAt: at('2026-01-01T00:00:00'), endAt: at('2026-12-31T23:59:59'),
  overdue: [], next: null, missingReport: null, targetShares: [],
};

describe('the light of an item', () => {
  const cases: Array<[string, Partial<LightInput>, 'green' | 'yellow' | 'red', string[]]> = [
    ['on plan', { targetShares: [0.2] }, 'green', []],
    ['a milestone overdue', { overdue: [{ id: 7, title: '摸底' }] }, 'red', ['milestone:7']],
    ['a report missing', { missingReport: '2026-02' }, 'red', ['report:2026-02']],
    ['a milestone at risk: 80% of its window used', {
      next: { id: 8, title: '首批安装', dueAt: at('2026-03-06T23:59:59'), windowStart: at('2026-02-06T00:00:00') },
    }, 'yellow', ['risk:8']],
    ['a milestone with time left', {
      next: { id: 8, title: '首批安装', dueAt: at('2026-06-30T23:59:59'), windowStart: at('2026-02-28T00:00:00') },
    }, 'green', []],
    ['progress behind plan by more than 25 points', { now: at('2026-07-01T00:00:00'), targetShares: [0.1, 0.3] }, 'yellow', ['behind']],
    ['red wins over yellow', { overdue: [{ id: 1, title: 'a' }], targetShares: [0], now: at('2026-09-01T00:00:00') }, 'red', ['milestone:1', 'behind']],
  ];
  for (const [name, patch, light, keys] of cases) {
    it(name, () => {
      const reasons = lightReasons({ ...base, ...patch });
      expect(lightOf(reasons)).toBe(light);
      expect(reasons.map((r) => r.key)).toEqual(keys);
    });
  }
  it('time share is clamped to [0, 1]', () => {
    expect(timeShare(at('2026-01-01T00:00:00'), at('2026-01-11T00:00:00'), at('2026-01-06T00:00:00'))).toBe(0.5);
    expect(timeShare(at('2026-01-01T00:00:00'), at('2026-01-11T00:00:00'), at('2025-12-01T00:00:00'))).toBe(0);
    expect(timeShare(at('2026-01-01T00:00:00'), at('2026-01-11T00:00:00'), at('2026-02-01T00:00:00'))).toBe(1);
  });
});

describe('the report schedule', () => {
  it('monthly by the 28th inside the item time; quarterly in the quarter’s last month', () => {
    const m = reportPeriods({ frequency: 'monthly', day: 28 }, '2026-01-12', '2026-04-20');
    expect(m.map((p) => [p.period, p.dueDate])).toEqual([['2026-01', '2026-01-28'], ['2026-02', '2026-02-28'], ['2026-03', '2026-03-28']]);
    expect(m[0].dueAt.toISOString()).toBe('2026-01-28T15:59:59.999Z');
    const q = reportPeriods({ frequency: 'quarterly', day: 10 }, '2026-01-01', '2026-12-31');
    expect(q.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(reportPeriods({ frequency: 'none' }, '2026-01-01', '2026-12-31')).toEqual([]);
  });
  it('a late report fills the oldest unreported past period; the last due period is found', () => {
    const p = reportPeriods({ frequency: 'monthly', day: 28 }, '2026-01-01', '2026-12-31');
    expect(periodFor(p, new Set(['2026-01']), '2026-03-02')!.period).toBe('2026-02');
    expect(periodFor(p, new Set(['2026-01', '2026-02']), '2026-03-02')!.period).toBe('2026-03');
    expect(lastDuePeriod(p, at('2026-03-02T00:00:00'))!.period).toBe('2026-02');
    expect(lastDuePeriod(p, at('2026-01-28T23:00:00'))).toBeNull();
  });
});

describe('the plan', () => {
  const cal = { addWorkingDays: (d: Date, n: number) => defaultCalendar.addWorkingDays(d, n), localDate: beijingDate };
  const plan = {
    startDate: '2026-01-12', endDate: '2026-06-30', schedule: { frequency: 'monthly' as const, day: 28 }, leadDepartmentId: 1, coDepartmentIds: [2],
    targets: [{ name: '希望小屋', measure: '个', value: 12 }], milestones: [{ title: '选址', due: { workingDays: 10 } }],
  };
  it('resolves working days on the calendar (Spring Festival 2026 counted out)', () => {
    const r = checkPlan({ ...plan, startDate: '2026-02-13', milestones: [{ title: '选址', due: { workingDays: 3 } }] }, cal);
    // 14 Feb (make-up working Saturday), then the holiday 15–23 Feb, then 24 and 25 Feb.
    expect(r).toMatchObject({ milestones: [{ dueDate: '2026-02-25', dueWorkingDays: 3 }] });
  });
  it('refuses what cannot be planned', () => {
    expect(checkPlan({ ...plan, milestones: [{ title: 'x', due: { date: '2026-07-01' } }] }, cal)).toEqual({ error: 'MILESTONE_AFTER_END', index: 0 });
    expect(checkPlan({ ...plan, milestones: [{ title: 'x', due: { date: '2026-01-01' } }] }, cal)).toEqual({ error: 'MILESTONE_BEFORE_START', index: 0 });
    expect(checkPlan({ ...plan, coDepartmentIds: [1] }, cal)).toEqual({ error: 'ITEM_CO_UNIT_IS_LEAD' });
    expect(checkPlan({ ...plan, targets: [{ name: '书桌', measure: '套', value: 0 }] }, cal)).toEqual({ error: 'ITEM_TARGETS_INVALID' });
    expect(checkPlan({ ...plan, schedule: { frequency: 'monthly', day: 29 } }, cal)).toEqual({ error: 'ITEM_SCHEDULE_INVALID' });
  });
  it('warns a figure above its target', () => {
    expect(figureWarnings([{ targetId: 1, value: 13 }, { targetId: 2, value: 100 }], new Map([[1, 12], [2, 200]]))).toEqual([{ code: 'FIGURE_ABOVE_TARGET', targetId: 1 }]);
  });
});
