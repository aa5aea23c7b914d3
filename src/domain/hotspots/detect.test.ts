import { describe, expect, it } from 'vitest';
import { baselineOf, clustersOf, defaultHotspotParams as p, detectHotspots, isSpike, ratioText, signatureOf, summaryOf, type WindowCase } from './detect.js';
import { mondayOf, trendVerdict } from './trend.js';

const c = (id: number, tokens: string[], districtId = 1, categoryId = 7): WindowCase => ({ id, districtId, categoryId, tokens });

describe('spikes', () => {
  it.each([
    // recent, prior (8 weeks), spike?
    [23, 23, true], // baseline 5.75 → 4×
    [16, 23, false], // 2.8× < 3
    [8, 0, true], // baseline floored at 1: 8 ≥ 3
    [7, 0, false], // too few cases
    [12, 16, true], // baseline 4 → exactly 3×
    [11, 16, false],
  ])('%i cases against %i in the 8 weeks before → %s', (recent, prior, spike) => {
    expect(isSpike({ districtId: 1, categoryId: 1, recent, prior }, p)).toBe(spike);
  });

  it('the baseline is the previous weeks’ mean scaled to the window', () => {
    expect(baselineOf(56, p)).toBe(14);
    expect(baselineOf(0, p)).toBe(0);
  });
});

describe('word signatures and clusters', () => {
  it('a signature keeps the words most cases share: on a tie the one said first, then the longer', () => {
    const cases = [c(1, ['停车收费', '收费', '小区']), c(2, ['停车收费', '收费']), c(3, ['停车收费', '道路']), c(4, ['收费', '物业'])];
    expect(signatureOf(cases, p)).toEqual(['停车收费', '收费']);
    expect(signatureOf([c(1, ['商业街', '停车']), c(2, ['停车', '商业街']), c(3, ['停车', '商业街'])], p)).toEqual(['停车', '商业街']);
    expect(signatureOf([c(1, ['停车', '商业街']), c(2, ['商业街', '停车'])], p)).toEqual(['商业街', '停车']);
    expect(signatureOf([], p)).toEqual([]);
  });

  it('clusters take the most shared word first; a case is in one cluster; small groups are none', () => {
    const parking = [1, 2, 3, 4, 5, 6].map((i) => c(i, ['停车收费', i % 2 ? '小区' : '道路', '停车场']));
    const water = [7, 8, 9, 10, 11].map((i) => c(i, ['水压', '停水']));
    const out = clustersOf([...water, ...parking, c(12, ['其他'])], p);
    expect(out).toEqual([
      { words: ['停车收费', '停车场'], caseIds: [1, 2, 3, 4, 5, 6] },
      // On a tie the word said first (the title's) leads.
      { words: ['水压', '停水'], caseIds: [7, 8, 9, 10, 11] },
    ]);
    expect(clustersOf(water.slice(0, 4), p)).toEqual([]);
  });

  it('in a busy group five alike are ordinary: a cluster is at least 30% of the group', () => {
    const alike = [1, 2, 3, 4, 5].map((i) => c(i, ['渣土车']));
    const others = Array.from({ length: 12 }, (_, i) => c(100 + i, [`其他${i}`]));
    expect(clustersOf([...alike, ...others.slice(0, 11)], p)).toHaveLength(1); // 5 of 16
    expect(clustersOf([...alike, ...others], p)).toEqual([]); // 5 of 17
  });

  it('the second word is not part of the first (收费 beside 停车收费 says nothing more)', () => {
    const cases = [1, 2, 3, 4, 5].map((i) => c(i, ['停车收费', '收费']));
    expect(clustersOf(cases, p)[0].words).toEqual(['停车收费']);
  });
});

describe('detection', () => {
  it('a spike lists every case of its group; clusters come only from groups that are not spikes', () => {
    const spikeCases = Array.from({ length: 10 }, (_, i) => c(100 + i, ['停车收费', '乱收费'], 5, 9));
    const cluster = Array.from({ length: 5 }, (_, i) => c(200 + i, ['渣土车'], 6, 9));
    const quiet = Array.from({ length: 4 }, (_, i) => c(300 + i, ['渣土车'], 7, 9));
    const groups = [{ districtId: 5, categoryId: 9, recent: 10, prior: 8 }, { districtId: 6, categoryId: 9, recent: 5, prior: 40 }, { districtId: 7, categoryId: 9, recent: 4, prior: 0 }];
    const found = detectHotspots(groups, [...spikeCases, ...cluster, ...quiet], p);
    expect(found.map((h) => [h.kind, h.districtId, h.words, h.recent, h.caseIds.length])).toEqual([
      ['spike', 5, ['停车收费', '乱收费'], 10, 10],
      ['cluster', 6, ['渣土车'], 5, 5],
    ]);
    expect(found[0].baseline).toBe(2);
    expect(found[0].ratio).toBe(5);
  });

  it('the same input gives the same hot spots in the same order whatever the order of the cases', () => {
    const cases = [...Array.from({ length: 6 }, (_, i) => c(i, ['噪音'], 2, 3)), ...Array.from({ length: 6 }, (_, i) => c(10 + i, ['油烟'], 1, 3))];
    const groups = [{ districtId: 1, categoryId: 3, recent: 6, prior: 56 }, { districtId: 2, categoryId: 3, recent: 6, prior: 56 }];
    expect(detectHotspots(groups, [...cases].reverse(), p)).toEqual(detectHotspots(groups, cases, p));
  });
});

describe('words common to the whole window', () => {
  it('are left out once the window is large enough', () => {
    // 600 cases all saying 企业 and 核实; 10 of them in one place also say 停车.
    const cases = Array.from({ length: 600 }, (_, i) => c(i, i < 10 ? ['企业', '停车', '核实'] : ['企业', `事项${i % 7}`, '核实'], i < 10 ? 1 : 2 + (i % 40), 9));
    const groups = [{ districtId: 1, categoryId: 9, recent: 10, prior: 0 }];
    expect(detectHotspots(groups, cases, p)[0].words).toEqual(['停车']);
    // Under 500 cases every word counts.
    expect(detectHotspots(groups, cases.slice(0, 400), p)[0].words).toEqual(['企业', '停车']);
  });
});

describe('what a leader reads', () => {
  const spike = { kind: 'spike' as const, districtId: 1, categoryId: 2, words: ['停车收费'], recent: 23, baseline: 5.75, ratio: 4, caseIds: [] };
  it.each([
    [spike, '蒸湘区 近两周 乱收费（停车收费） 相关诉求 23 件，为常态 4 倍'],
    [{ ...spike, words: [], ratio: 2.46 }, '蒸湘区 近两周 乱收费 相关诉求 23 件，为常态 2.5 倍'],
    [{ ...spike, baseline: 0, ratio: null }, '蒸湘区 近两周 乱收费（停车收费） 相关诉求 23 件，此前8周无同类诉求'],
    [{ ...spike, kind: 'cluster' as const, words: ['停车收费', '小区'], recent: 6, baseline: null, ratio: null }, '蒸湘区 近两周 乱收费类“停车收费 小区”相似诉求 6 件'],
  ])('%#', (h, text) => {
    expect(summaryOf(h, { district: '蒸湘区', category: '乱收费' }, p)).toBe(text);
  });
  it('ratios: one decimal under ten, whole above', () => {
    expect([ratioText(4), ratioText(3.04), ratioText(12.6)]).toEqual(['4', '3', '13']);
  });
});

describe('trend', () => {
  const weeks = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
  const of = (counts: number[]) => weeks.map((week, i) => ({ week, count: counts[i] }));
  it.each([
    [[2, 10, 12, 10, 8, 3, 2, 1], '2026-11-02', { beforePerWeek: 8.5, afterPerWeek: 2.5, verdict: 'fell' }],
    [[2, 10, 12, 10, 8, 9, 10, 1], '2026-11-02', { beforePerWeek: 8.5, afterPerWeek: 9.5, verdict: 'rose' }],
    [[2, 10, 12, 10, 8, 6, 7, 1], '2026-11-02', { beforePerWeek: 8.5, afterPerWeek: 6.5, verdict: 'flat' }],
    [[2, 10, 12, 10, 8, 9, 10, 1], '2026-11-16', { beforePerWeek: 9.75, afterPerWeek: null, verdict: null }],
  ] as const)('%j turned %s', (counts, turn, expected) => {
    expect(trendVerdict(of([...counts]), turn, '2026-11-23')).toEqual(expected);
  });
  it('Monday of a date', () => {
    expect([mondayOf('2026-12-06'), mondayOf('2026-11-30'), mondayOf('2026-12-01')]).toEqual(['2026-11-30', '2026-11-30', '2026-11-30']);
  });
});
