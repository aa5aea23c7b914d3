import { describe, expect, it } from 'vitest';
import { differenceFieldLabel, differenceValue } from './labels.js';

describe('verify differences in words', () => {
  it.each([
    ['suggestions.replies.numerator', '建议提案 · 按时答复 · 分子'],
    ['items.items', '督办事项 · 事项数'],
    ['directAnswers.city.denominator', '直接答复 · 全市 · 分母'],
    ['satisfaction.numerator', '满意率 · 分子'],
    ['rank', '排名'],
    ['facts.overdue', '考核事实 · 超期'],
    ['digest', '快照摘要'],
  ])('%s → %s', (field, words) => {
    expect(differenceFieldLabel(field)).toBe(words);
  });

  it('says values as a person reads them', () => {
    expect([differenceValue(null), differenceValue('listed'), differenceValue(3), differenceValue({ a: 1 })]).toEqual(['无', '在列', '3', '{"a":1}']);
  });
});
