import { describe, expect, it } from 'vitest';
import { directAnswerRows } from './direct-answer-facts.js';
import { itemSection } from './item-facts.js';
import { defaultScheme, schemeProblem, type AssessmentScheme } from './scheme.js';
import { applyCombined, blendScore, combinedScore, tallyByUnit } from './sections.js';
import { suggestionSection } from './suggestion-facts.js';

const r = (numerator: number, denominator: number) => ({ numerator, denominator });
const withSections = (sections: AssessmentScheme['sections']): AssessmentScheme => ({ ...defaultScheme, sections });

describe('section tallies', () => {
  it('counts distinct records and hits of two measures per unit, ordered by unit', () => {
    const facts = [
      { departmentId: 5, id: 1, m: 'a', hit: true }, { departmentId: 5, id: 1, m: 'b', hit: false },
      { departmentId: 2, id: 3, m: 'a', hit: false }, { departmentId: 5, id: 2, m: 'a', hit: true },
    ];
    expect(tallyByUnit(facts, (f) => f.id, (f) => f.m === 'a')).toEqual([
      { departmentId: 2, records: 1, first: r(0, 1), second: r(0, 0) },
      { departmentId: 5, records: 2, first: r(2, 2), second: r(0, 1) },
    ]);
  });
});

describe('the combined score', () => {
  it('is null with no section weight, so case scores stay', () => {
    expect(combinedScore(defaultScheme, 80, { items: { reports: r(1, 2), milestones: r(1, 1) }, suggestions: { replies: r(0, 1), ratings: r(1, 1) } })).toBeNull();
    expect(combinedScore(withSections({ suggestions: { replies: 0, ratings: 0 } }), 80, { suggestions: { replies: r(0, 1), ratings: r(1, 1) } })).toBeNull();
  });

  it('blends the composite with the suggestions section by its weights', () => {
    const s = withSections({ suggestions: { replies: 0.2, ratings: 0.1 } });
    // 80 × 0.7 + 0.2 × 50 + 0.1 × 100 = 76
    expect(combinedScore(s, 80, { suggestions: { replies: r(1, 2), ratings: r(1, 1) } })).toBe(76);
    // A rate with nothing to count gives its weight back to the composite: 80 × 0.8 + 0.2 × 50 = 74.
    expect(combinedScore(s, 80, { suggestions: { replies: r(1, 2), ratings: r(0, 0) } })).toBe(74);
    // No case composite: the section's own score, weights renormalised.
    expect(combinedScore(s, null, { suggestions: { replies: r(1, 2), ratings: r(1, 1) } })).toBeCloseTo((0.2 * 50 + 0.1 * 100) / 0.3, 4);
  });

  it('weighs items and suggestions together, one score per unit', () => {
    const s = withSections({ items: { reports: 0.1, milestones: 0.1 }, suggestions: { replies: 0.1, ratings: 0.1 } });
    // 60 × 0.6 + 0.1 × (100 + 0 + 100 + 50) = 61
    expect(combinedScore(s, 60, { items: { reports: r(1, 1), milestones: r(0, 1) }, suggestions: { replies: r(2, 2), ratings: r(1, 2) } })).toBe(61);
    const items = itemSection([
      { itemId: 1, departmentId: 3, measure: 'item_report', ref: '2026-03', label: '', at: new Date(), hit: true },
      { itemId: 1, departmentId: 3, measure: 'item_milestone', ref: '9', label: '', at: new Date(), hit: false },
    ], () => '住建');
    const suggestions = suggestionSection([
      { suggestionId: 7, departmentId: 3, measure: 'suggestion_reply', at: new Date(), hit: true },
      { suggestionId: 7, departmentId: 3, measure: 'suggestion_reply', at: new Date(), hit: true },
      { suggestionId: 7, departmentId: 3, measure: 'suggestion_rating', at: new Date(), hit: true },
      { suggestionId: 7, departmentId: 3, measure: 'suggestion_rating', at: new Date(), hit: false },
      { suggestionId: 8, departmentId: 4, measure: 'suggestion_reply', at: new Date(), hit: false },
    ], () => '某局');
    expect([items[0].combined, suggestions[0].combined]).toEqual([null, null]);
    applyCombined(s, (d) => (d === 3 ? 60 : null), items, suggestions);
    expect(items[0].combined).toBe(61);
    expect(suggestions[0].combined).toBe(61);
    // Unit 4: suggestions only, no composite, a reply late: the section's own score over the weight it counts (0.1).
    expect(suggestions[1]).toMatchObject({ suggestions: 1, replies: r(0, 1), combined: 0 });
  });

  it('recomputes a snapshot made when only the items section had weight exactly as before', () => {
    // The items-only formula of ADR 0021, written out: composite × (1 − w) + Σ wᵢ × rateᵢ × 100.
    const old = (c: number, wr: number, wm: number, rep: [number, number], mil: [number, number]) => {
      const parts = [[wr, rep], [wm, mil]] as const;
      const w = parts.filter(([, p]) => p[1] > 0).reduce((s, [wt]) => s + wt, 0);
      const section = parts.filter(([, p]) => p[1] > 0).reduce((s, [wt, p]) => s + wt * (p[0] / p[1]) * 100, 0);
      return Math.round((c * (1 - w) + section) * 10_000) / 10_000;
    };
    for (const [c, wr, wm, rep, mil] of [[87.31, 0.2, 0.1, [2, 3], [1, 7]], [55.5, 0.15, 0.05, [0, 0], [3, 9]], [99.99, 0.3, 0.3, [7, 11], [5, 13]]] as const) {
      const s = withSections({ items: { reports: wr, milestones: wm } });
      expect(combinedScore(s, c, { items: { reports: r(rep[0], rep[1]), milestones: r(mil[0], mil[1]) }, suggestions: { replies: r(1, 3), ratings: r(2, 3) } }))
        .toBe(old(c, wr, wm, [...rep], [...mil]));
    }
    expect(blendScore(70, [[0, r(1, 1)]])).toBeNull();
  });
});

describe('section weights in the scheme', () => {
  it('takes suggestion weights of 0–1 whose sum with the items weights is at most 1', () => {
    expect(schemeProblem(withSections({ suggestions: { replies: 0.2, ratings: 0.1 } }))).toBeNull();
    expect(schemeProblem(withSections({ suggestions: { replies: 1.2, ratings: 0 } }))).toEqual({ code: 'ASSESSMENT_SCHEME_INVALID', field: 'sections.suggestions.replies' });
    expect(schemeProblem(withSections({ items: { reports: 0.5, milestones: 0.2 }, suggestions: { replies: 0.2, ratings: 0.2 } })))
      .toEqual({ code: 'ASSESSMENT_SCHEME_INVALID', field: 'sections.suggestions' });
  });
});

describe('direct answers', () => {
  it('counts per owner unit over its direct answers and assessed cases', () => {
    const at = new Date();
    const facts = [{ caseId: 1, departmentId: 9, entryId: 1, version: 1, at }, { caseId: 2, departmentId: 9, entryId: 2, version: 3, at }, { caseId: 3, departmentId: 4, entryId: 5, version: 1, at }];
    expect(directAnswerRows(facts, (d) => (d === 9 ? 8 : 0), (d) => `单位${d}`)).toEqual([
      { departmentId: 4, departmentName: '单位4', answers: r(1, 1) },
      { departmentId: 9, departmentName: '单位9', answers: r(2, 10) },
    ]);
  });
});
