import { describe, expect, it } from 'vitest';
import { changeLines, fieldChanges } from './diff.js';

describe('audit diff', () => {
  it('lists only changed fields, nested with labels, values as text', () => {
    expect(fieldChanges({ cityName: '示例市', hotlineName: '12345', autoDispatch: true }, { cityName: '示例市', hotlineName: '12345热线', autoDispatch: false })).toEqual([
      { field: '热线名称', before: '12345', after: '12345热线' },
      { field: '自动派单', before: '是', after: '否' },
    ]);
    expect(fieldChanges(null, { settings: { cityName: '示例市' } })).toEqual([{ field: '城市设置 · 城市名称', before: '—', after: '示例市' }]);
    expect(fieldChanges({ keywords: ['a', 'b'] }, null)).toEqual([{ field: '关键词', before: 'a、b', after: '—' }]);
    expect(changeLines({ threshold: 0.85 }, { threshold: 0.9 })).toBe('置信度阈值：0.85 → 0.9');
  });
});
