import { describe, expect, it } from 'vitest';
import { buildResolver, type CategoryRef, type DeptRef } from './resolve.js';

const depts: DeptRef[] = [
  { id: 1, code: 'zjj', name: '市住房和城乡建设局', kind: 'city_department' },
  { id: 2, code: 'cgj', name: '市城市管理和综合执法局', kind: 'city_department' },
  { id: 3, code: 'rsj', name: '市人力资源和社会保障局', kind: 'city_department' },
  { id: 4, code: 'scjg', name: '市市场监督管理局', kind: 'city_department' },
  { id: 5, code: 'shuiwu', name: '国家税务总局衡阳市税务局', kind: 'city_department' },
  { id: 6, code: 'zhq', name: '珠晖区', kind: 'district' },
  { id: 7, code: 'hyx', name: '衡阳县', kind: 'district' },
  { id: 8, code: 'fgw', name: '市发展和改革委员会', kind: 'city_department' },
];
const cats: CategoryRef[] = [
  { id: 10, code: 'sgxk', name: '施工许可', parentId: null, defaultLeadDepartmentId: 1 },
  { id: 11, code: 'zjfwsf', name: '中介服务收费', parentId: null, defaultLeadDepartmentId: null },
  { id: 12, code: 'qt', name: '其他诉求', parentId: null, defaultLeadDepartmentId: null },
];

describe('department resolution', () => {
  const r = buildResolver(depts, cats, { departmentAliases: { DOT: '市住房和城乡建设局' }, city: '衡阳' });
  it.each([
    ['市住建局', 1], ['衡阳市住房和城乡建设局', 1], ['住建局', 1], ['市住房和城乡建设局', 1], ['zjj', 1], ['市城管局', 2],
    ['城管执法局', 2], ['市人社局', 3], ['市市场监管局', 4], ['市监局', 4], ['市税务局', 5], ['衡阳市税务局', 5], ['市发改委', 8],
    ['市住建局、市城管局', 1], ['DOT', 1], ['不存在的局', null], ['', null],
  ])('%s → %s', (text, id) => {
    expect(r.department(text)?.id ?? null).toBe(id);
  });

  it('resolves districts with or without their suffix, and keeps 衡阳县 apart from the city', () => {
    expect(r.district('珠晖区')?.id).toBe(6);
    expect(r.district('衡阳市珠晖区')?.id).toBe(6);
    expect(r.district('珠晖')?.id).toBe(6);
    expect(r.district('衡阳县')?.id).toBe(7);
    expect(r.district('市住建局')).toBeNull();
  });
});

describe('category resolution', () => {
  const r = buildResolver(depts, cats, { categoryAliases: { 'Street Light Condition': '其他诉求' } });
  it.each([
    ['施工许可', 10], ['sgxk', 10], ['营商环境-施工许可', 10], ['违规收取中介服务收费', 11], ['Street Light Condition', 12], ['未知类别', null],
  ])('%s → %s', (text, id) => {
    expect(r.category(text)?.id ?? null).toBe(id);
  });
  it('falls back to 其他诉求 unless the mapping names another default', () => {
    expect(r.defaultCategory?.id).toBe(12);
    expect(buildResolver(depts, cats, { defaultCategory: 'sgxk' }).defaultCategory?.id).toBe(10);
  });
});
