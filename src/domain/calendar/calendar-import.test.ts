import { describe, expect, it } from 'vitest';
import { parseCalendarImport, validateYearDays, workingHoursProblem } from './calendar-import';
import { chinaCalendarNotices } from './china-notices';
import { chinaCalendarData } from './china-holidays';

describe('parseCalendarImport', () => {
  it('reads CSV lines with a header, comments and Chinese kinds', () => {
    const r = parseCalendarImport('date,kind,name\n# 2027\n2027-10-01,放假,国庆节\n2027-09-26,调休上班,国庆节\n');
    expect(r.problems).toEqual([]);
    expect(r.days.map((d) => [d.date, d.kind, d.name])).toEqual([
      ['2027-10-01', 'holiday', '国庆节'],
      ['2027-09-26', 'makeup_workday', '国庆节'],
    ]);
  });

  it('reads JSON and names every malformed line', () => {
    const r = parseCalendarImport('[{"date":"2027-02-30","kind":"holiday"},{"date":"2027-01-01","kind":"rest"}]');
    expect(r.days).toEqual([]);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('第 1 行：日期“2027-02-30”格式不正确'),
      expect.stringContaining('第 2 行：类型“rest”无效'),
    ]);
    expect(parseCalendarImport('{oops').problems[0].message).toBe('导入内容不是有效的 JSON');
  });
});

describe('validateYearDays', () => {
  it('refuses duplicates, other years, overlaps and make-up days on weekdays; allows weekend holidays', () => {
    const problems = validateYearDays(
      2027,
      [
        { date: '2027-10-02', kind: 'holiday', name: '国庆节', line: 1 }, // Saturday: fine
        { date: '2027-10-02', kind: 'holiday', name: '国庆节', line: 2 },
        { date: '2027-09-29', kind: 'makeup_workday', name: '国庆节', line: 3 }, // Wednesday
        { date: '2025-10-01', kind: 'holiday', name: '国庆节', line: 4 },
        { date: '2026-12-31', kind: 'holiday', name: '元旦', line: 5 },
      ],
      new Map([['2026-12-31', 2026]]),
    );
    expect(problems.map((p) => p.message)).toEqual([
      '第 2 行：2027-10-02 重复出现（与第 1 行重复）',
      '第 3 行：调休上班日 2027-09-29 不是周六或周日',
      expect.stringContaining('第 4 行：2025-10-01 不属于 2027 年的安排'),
      '第 5 行：2026-12-31 已在 2026 年的安排中，不能重叠',
    ]);
  });

  it('accepts every transcribed notice, which together make chinaCalendarData', () => {
    for (const n of chinaCalendarNotices) expect(validateYearDays(n.year, n.days, new Map())).toEqual([]);
    const holidays = chinaCalendarNotices.flatMap((n) => n.days.filter((d) => d.kind === 'holiday').map((d) => d.date));
    expect(holidays).toEqual([...chinaCalendarData.holidays]);
    expect(chinaCalendarNotices.find((n) => n.year === 2024)?.source).toBe('国办发明电〔2023〕7号');
  });
});

describe('workingHoursProblem', () => {
  it('accepts sorted periods and explains bad ones', () => {
    expect(workingHoursProblem([['08:30', '12:00'], ['14:30', '17:30']])).toBeNull();
    expect(workingHoursProblem([['14:30', '17:30'], ['08:30', '12:00']])).toContain('重叠或未按时间顺序');
    expect(workingHoursProblem([['8:30', '12:00']])).toContain('格式不正确');
    expect(workingHoursProblem([])).toBe('至少需要一个工作时段');
  });
});
