import { describe, expect, it } from 'vitest';
import { classifyStatus, cleanPhone, parseDateValue, parseRating } from './values.js';

const iso = (v: Parameters<typeof parseDateValue>[0], opts = {}) => {
  const r = parseDateValue(v, opts);
  return r.ok ? r.value.toISOString() : `error: ${r.reason}`;
};

describe('parseDateValue', () => {
  it.each([
    ['2024/3/5', '2024-03-04T16:00:00.000Z'],
    ['2024-03-05 14:30', '2024-03-05T06:30:00.000Z'],
    ['2024-03-05T14:30:15', '2024-03-05T06:30:15.000Z'],
    ['2024-03-05T14:30:00+08:00', '2024-03-05T06:30:00.000Z'],
    ['2024-03-05T06:30:00.000Z', '2024-03-05T06:30:00.000Z'],
    ['2024年3月5日', '2024-03-04T16:00:00.000Z'],
    ['2024年3月5日 14时30分', '2024-03-05T06:30:00.000Z'],
    ['2024年3月5日下午2:30', '2024-03-05T06:30:00.000Z'],
    ['二〇二四年三月五日', '2024-03-04T16:00:00.000Z'], ['二〇二四年三月十五日', 'error: 「2024年3月十5日」不是可识别的日期'],
    ['2024.3.5', '2024-03-04T16:00:00.000Z'],
    ['20240305', '2024-03-04T16:00:00.000Z'],
    ['20240305143000', '2024-03-05T06:30:00.000Z'],
    ['45356', '2024-03-04T16:00:00.000Z'],
    ['45356.604166667', '2024-03-05T06:30:00.000Z'],
    [45356.5, '2024-03-05T04:00:00.000Z'],
    ['03/05/2024 02:30:00 PM', '2024-03-05T06:30:00.000Z'],
    ['25/12/2024', '2024-12-24T16:00:00.000Z'],
    ['2024-02-30', 'error: 2024年2月没有30日'],
    ['2024-13-01', 'error: 日期或时间超出范围'],
    ['', 'error: 为空'],
    [12, 'error: 数字 12 不像 Excel 日期'],
  ])('%s → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it('reads an XLSX Date cell as wall-clock time at the source', () => {
    expect(iso(new Date(Date.UTC(2024, 2, 5, 14, 30)))).toBe('2024-03-05T06:30:00.000Z');
    expect(iso(new Date(Date.UTC(2024, 2, 5, 14, 30)), { utcOffsetMinutes: 0 })).toBe('2024-03-05T14:30:00.000Z');
  });

  it('honours dayFirst for ambiguous slash dates', () => {
    expect(iso('05/03/2024', { dayFirst: true })).toBe('2024-03-04T16:00:00.000Z');
    expect(iso('05/03/2024')).toBe('2024-05-02T16:00:00.000Z');
  });
});

describe('parseRating', () => {
  it.each([
    ['满意', 'satisfied'], ['非常满意', 'satisfied'], ['基本满意', 'basically'], ['比较满意', 'basically'], ['一般', 'basically'],
    ['不满意', 'unsatisfied'], ['非常不满意', 'unsatisfied'], ['5', 'satisfied'], ['3', 'basically'], ['1', 'unsatisfied'],
    ['未评价', null], ['', null], ['Satisfied', 'satisfied'],
  ])('%s → %s', (input, expected) => {
    expect(parseRating(input)).toEqual({ ok: true, value: expected });
  });
  it('reports what it cannot read', () => {
    expect(parseRating('很好吧')).toEqual({ ok: false, reason: '满意度「很好吧」无法识别' });
  });
});

describe('classifyStatus', () => {
  it.each([
    ['已办结', 'finished'], ['办结', 'finished'], ['已关闭', 'finished'], ['Closed', 'finished'], ['待受理', 'open'], ['办理中', 'open'],
    ['In Progress', 'open'], ['未办结', 'open'], ['不予受理', 'rejected'], ['', 'unknown'], ['某种状态', 'unknown'],
  ])('%s → %s', (input, expected) => {
    expect(classifyStatus(input)).toBe(expected);
  });
});

describe('cleanPhone', () => {
  it.each([
    ['138 0013 8000', '138 0013 8000'], ["'13800138000", '13800138000'], ['0734-8888888', '0734-8888888'], ['无', null], ['', null],
  ])('%s → %s', (input, expected) => {
    expect(cleanPhone(input)).toBe(expected);
  });
});
