import { describe, expect, it } from 'vitest';
import { storyFigureLine } from './story.js';

describe('storyFigureLine', () => {
  it('writes the label, both figures and the unit; a percent sign sits on the number; long fractions are cut', () => {
    expect(storyFigureLine({ label: '开办时间', unit: '个工作日', before: 3, after: 0.5 })).toBe('开办时间：3 个工作日 → 0.5 个工作日');
    expect(storyFigureLine({ label: '全程网办率', unit: '%', before: 40, after: 92.12345 })).toBe('全程网办率：40% → 92.123%');
  });
});
