import { describe, expect, it } from 'vitest';
import { demoDepartments } from './departments';

describe('demoDepartments', () => {
  const byCode = new Map(demoDepartments.map((d) => [d.code, d]));

  it('has unique, short lowercase ascii codes', () => {
    expect(byCode.size).toBe(demoDepartments.length);
    for (const d of demoDepartments) expect(d.code).toMatch(/^[a-z0-9][a-z0-9-]{1,11}$/);
  });

  it('has unique names within each parent', () => {
    const keys = demoDepartments.map((d) => `${d.parentCode ?? ''}/${d.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('points every parentCode at an existing district, or a community at its town', () => {
    for (const d of demoDepartments) {
      if (d.parentCode === undefined) continue;
      const parent = byCode.get(d.parentCode);
      expect(parent, `${d.code} -> ${d.parentCode}`).toBeDefined();
      expect(parent?.kind).toBe(d.kind === 'community' ? 'town' : 'district');
    }
  });

  it('holds the whole city government: the court, the procuratorate, vertically managed units and utilities', () => {
    const names = new Set(demoDepartments.map((d) => d.name));
    for (const n of ['市教育局', '衡阳市中级人民法院', '衡阳市人民检察院', '国家税务总局衡阳市税务局', '衡阳海关', '中国人民银行衡阳市分行', '国网衡阳供电公司', '中国移动衡阳分公司']) {
      expect(names.has(n), n).toBe(true);
    }
    expect(byCode.get('shuiwu')?.kind).toBe('vertical');
    expect(byCode.get('gdgs')?.kind).toBe('utility');
    expect(byCode.get('zjfy')?.kind).toBe('judicial');
    expect(demoDepartments.filter((d) => d.kind === 'community').length).toBeGreaterThan(5);
  });

  it('keeps the original units first, in their order (their ids and codes are what tests rely on)', () => {
    expect(demoDepartments.slice(0, 4).map((d) => d.code)).toEqual(['yshb', 'dcs', 'rxzx', 'fgw']);
    expect(demoDepartments.findIndex((d) => d.code === 'hskfq')).toBeLessThan(demoDepartments.findIndex((d) => d.code === 'jyj'));
  });

  it('puts every town under a district and nothing else without a parent', () => {
    for (const d of demoDepartments) {
      if (d.kind === 'town') expect(d.parentCode).toBeDefined();
      if (d.kind === 'office' || d.kind === 'city_department' || d.kind === 'district') {
        expect(d.parentCode).toBeUndefined();
      }
    }
  });

  it('has all 12 counties and districts of Hengyang, each with at least 3 towns', () => {
    const districts = demoDepartments.filter((d) => d.kind === 'district');
    expect(districts.map((d) => d.name).sort()).toEqual(
      ['珠晖区', '雁峰区', '石鼓区', '蒸湘区', '南岳区', '衡阳县', '衡南县', '衡山县', '衡东县', '祁东县', '耒阳市', '常宁市'].sort(),
    );
    for (const district of districts) {
      const towns = demoDepartments.filter((d) => d.kind === 'town' && d.parentCode === district.code);
      expect(towns.length, district.name).toBeGreaterThanOrEqual(3);
      expect(towns.every((t) => /(街道|镇|乡)$/.test(t.name)), district.name).toBe(true);
    }
  });

  it('groups kinds consistently', () => {
    for (const d of demoDepartments) {
      const expected = d.kind === 'park' ? 'park' : d.kind === 'district' || d.kind === 'town' || d.kind === 'community' ? 'district' : 'city';
      expect(d.group, d.code).toBe(expected);
    }
  });

  it('has the supervision office, the hotline and the key departments', () => {
    expect(byCode.get('yshb')).toMatchObject({ kind: 'office', name: '市优化营商环境办公室' });
    expect(byCode.get('rxzx')?.kind).toBe('office');
    for (const code of ['zjj', 'scjg', 'xzsp']) {
      expect(byCode.get(code)?.kind, code).toBe('city_department');
    }
    expect(demoDepartments.filter((d) => d.kind === 'city_department').length).toBeGreaterThanOrEqual(20);
    expect(demoDepartments.filter((d) => d.kind === 'park').length).toBeGreaterThanOrEqual(5);
  });
});
