import { describe, expect, it } from 'vitest';
import { analyseRule, covers, firstMatchingRule, ruleMatches, type Hierarchy, type RoutingRule } from './rules.js';

const rule = (id: number, position: number, over: Partial<RoutingRule> = {}): RoutingRule => ({
  id, version: 1, name: `r${id}`, position, isActive: true, categoryIds: [], districtIds: [], keywords: [], keywordMode: 'any',
  locations: [], leadDepartmentId: 100 + id, coDepartmentIds: [], ...over,
});
const subject = (title: string, body = '', over: Partial<{ categoryId: number; districtId: number; address: string; enterpriseName: string }> = {}) => ({ title, body, ...over });
// Category 11 under 10; town 51 under district 50.
const h: Hierarchy = {
  categoryLineage: (id) => (id === 11 ? [11, 10] : [id]),
  departmentLineage: (id) => (id === 51 ? [51, 50] : [id]),
};

describe('rule matching', () => {
  it.each([
    ['any keyword', rule(1, 1, { keywords: ['燃气报装', '开户'] }), subject('餐馆燃气报装'), true],
    ['no keyword present', rule(1, 1, { keywords: ['燃气报装'] }), subject('停水三天'), false],
    ['all keywords needed', rule(1, 1, { keywords: ['燃气', '报装'], keywordMode: 'all' }), subject('燃气开户'), false],
    ['all keywords present, full-width and spaces ignored', rule(1, 1, { keywords: ['燃气', 'ＡＢ'], keywordMode: 'all' }), subject('燃 气 ab 报装'), true],
    ['parent category covers child', rule(1, 1, { categoryIds: [10] }), subject('x', '', { categoryId: 11 }), true],
    ['other category', rule(1, 1, { categoryIds: [10] }), subject('x', '', { categoryId: 12 }), false],
    ['district covers its town', rule(1, 1, { districtIds: [50] }), subject('x', '', { districtId: 51 }), true],
    ['district condition needs a district', rule(1, 1, { districtIds: [50] }), subject('x'), false],
    ['location in address', rule(1, 1, { locations: ['高新区'] }), subject('x', '', { address: '衡阳高新区解放大道1号' }), true],
    ['location in enterprise name', rule(1, 1, { locations: ['白沙'] }), subject('x', '', { enterpriseName: '白沙洲物流公司' }), true],
    ['location absent', rule(1, 1, { locations: ['高新区'] }), subject('高新区'), false],
    ['no conditions never fires', rule(1, 1), subject('anything'), false],
    ['blank keywords only never fire', rule(1, 1, { keywords: [' ', ''] }), subject('anything'), false],
  ])('%s', (_name, r, s, expected) => {
    expect(ruleMatches(r, s, h)).toBe(expected);
  });

  it('the first active rule by position fires; inactive rules and unusable departments are skipped', () => {
    const rules = [
      rule(3, 3, { keywords: ['燃气'] }),
      rule(1, 1, { keywords: ['燃气'], isActive: false }),
      rule(2, 2, { keywords: ['燃气'], leadDepartmentId: 999 }),
      rule(4, 4, { keywords: ['燃气'] }),
    ];
    expect(firstMatchingRule(rules, subject('燃气报装'), h, (id) => id !== 999)?.id).toBe(3);
    expect(firstMatchingRule(rules, subject('燃气报装'), h)?.id).toBe(2);
    expect(firstMatchingRule(rules, subject('停电'), h)).toBeNull();
  });
});

describe('rule analysis on save', () => {
  const active = (id: number) => id !== 666;

  it('flags a rule shadowed by a broader earlier rule', () => {
    const broad = rule(1, 1, { keywords: ['欠薪'] });
    const narrow = rule(2, 2, { keywords: ['农民工欠薪'], districtIds: [50] });
    expect(analyseRule(narrow, [broad, narrow], active, h)).toEqual([{ code: 'SHADOWED', otherRuleId: 1 }]);
    // The broad one is fine, and the narrow one is fine when it comes first.
    expect(analyseRule(broad, [broad, narrow], active, h)).toEqual([]);
    expect(analyseRule({ ...narrow, position: 0 }, [broad, { ...narrow, position: 0 }], active, h)).toEqual([]);
  });

  it('flags conflicts (same conditions, other department) and duplicates', () => {
    const a = rule(1, 1, { keywords: ['停电'] });
    const b = rule(2, 2, { keywords: ['停电'] });
    const c = rule(3, 3, { keywords: ['停电'], leadDepartmentId: a.leadDepartmentId });
    expect(analyseRule(b, [a, b], active, h)).toEqual([{ code: 'CONFLICT', otherRuleId: 1 }, { code: 'SHADOWED', otherRuleId: 1 }]);
    expect(analyseRule(a, [a, b], active, h)).toEqual([{ code: 'CONFLICT', otherRuleId: 2 }]);
    expect(analyseRule(c, [a, c], active, h)).toEqual([{ code: 'DUPLICATE', otherRuleId: 1 }, { code: 'SHADOWED', otherRuleId: 1 }]);
  });

  it('flags empty keywords, no conditions, inactive departments and a lead among co-handlers', () => {
    expect(analyseRule(rule(1, 1, { keywords: ['  '] }), [], active, h).map((f) => f.code)).toEqual(['EMPTY_KEYWORDS', 'NO_CONDITIONS']);
    expect(analyseRule(rule(1, 1, { keywords: ['x'], leadDepartmentId: 666, coDepartmentIds: [5] }), [], active, h)).toEqual([{ code: 'INACTIVE_DEPARTMENT', departmentIds: [666] }]);
    expect(analyseRule(rule(1, 1, { keywords: ['x'], leadDepartmentId: 5, coDepartmentIds: [5] }), [], active, h).map((f) => f.code)).toEqual(['LEAD_IN_CO']);
  });

  it('an inactive earlier rule shadows nothing', () => {
    const broad = rule(1, 1, { keywords: ['欠薪'], isActive: false });
    const narrow = rule(2, 2, { keywords: ['欠薪'] });
    expect(analyseRule(narrow, [broad, narrow], active, h)).toEqual([]);
  });

  it.each([
    ['any ⊇ any (substring)', { keywords: ['燃气'] }, { keywords: ['燃气报装', '燃气开户'] }, true],
    ['any does not cover a keyword it lacks', { keywords: ['燃气'] }, { keywords: ['燃气报装', '停电'] }, false],
    ['any covers all-mode with one contained keyword', { keywords: ['燃气'] }, { keywords: ['燃气', '报装'], keywordMode: 'all' as const }, true],
    ['all-mode broad needs each keyword inside narrow', { keywords: ['燃气', '报装'], keywordMode: 'all' as const }, { keywords: ['燃气报装'] }, true],
    ['all-mode broad not covering', { keywords: ['燃气', '报装'], keywordMode: 'all' as const }, { keywords: ['燃气'] }, false],
    ['category parent covers child', { categoryIds: [10] }, { categoryIds: [11], keywords: ['x'] }, true],
    ['keyword condition does not cover a rule without keywords', { keywords: ['x'] }, { categoryIds: [10] }, false],
    ['district covers town', { districtIds: [50] }, { districtIds: [51] }, true],
    ['location covers a longer location', { locations: ['高新'] }, { locations: ['高新区'] }, true],
  ])('covers: %s', (_name, broad, narrow, expected) => {
    expect(covers(rule(1, 1, broad), rule(2, 2, narrow), h)).toBe(expected);
  });
});
