import { describe, expect, it } from 'vitest';
import { demoCategories } from './categories';
import { demoDepartments } from './departments';

describe('demoCategories', () => {
  const codes = new Set(demoCategories.map((c) => c.code));
  const departmentCodes = new Set(demoDepartments.map((d) => d.code));
  const topLevel = demoCategories.filter((c) => c.parentCode === undefined);
  const leaves = demoCategories.filter((c) => c.parentCode !== undefined);

  it('has unique codes and names', () => {
    expect(codes.size).toBe(demoCategories.length);
    const names = demoCategories.map((c) => `${c.parentCode ?? ''}/${c.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is two levels deep: leaves point at top-level entries', () => {
    const topCodes = new Set(topLevel.map((c) => c.code));
    for (const leaf of leaves) {
      expect(topCodes.has(leaf.parentCode as string), leaf.code).toBe(true);
      expect(leaf.code.startsWith(`${leaf.parentCode}.`)).toBe(true);
    }
    for (const top of topLevel) {
      expect(leaves.some((l) => l.parentCode === top.code), top.code).toBe(true);
      expect(top.leadDepartmentCodes).toEqual([]);
    }
  });

  it('covers the catalogue groups the city uses', () => {
    expect(topLevel.map((c) => c.name)).toEqual([
      '审批服务', '涉企收费', '执法检查', '政策兑现', '融资', '用水用电用气', '不动产登记',
      '拖欠账款', '招投标', '用工社保', '物流交通', '知识产权', '市场准入', '其他',
    ]);
  });

  it('names existing departments as lead and co-handlers of every leaf', () => {
    for (const leaf of leaves) {
      expect(leaf.leadDepartmentCodes.length, leaf.code).toBeGreaterThan(0);
      for (const code of [...leaf.leadDepartmentCodes, ...(leaf.coDepartmentCodes ?? [])]) {
        expect(departmentCodes.has(code), `${leaf.code}: ${code}`).toBe(true);
      }
      const co = leaf.coDepartmentCodes ?? [];
      expect(co.some((c) => leaf.leadDepartmentCodes.includes(c)), leaf.code).toBe(false);
    }
  });
});
