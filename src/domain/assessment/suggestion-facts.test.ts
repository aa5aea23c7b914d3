import { describe, expect, it } from 'vitest';
import { deriveSuggestionFacts, suggestionSection } from './suggestion-facts.js';

const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
const from = at('2026-03-01');
const to = new Date('2026-03-31T16:00:00Z');
let id = 0;
const ev = (type: string, day: string, payload: Record<string, unknown>) => ({ id: ++id, type, at: at(day), payload });

describe('suggestion facts', () => {
  const events = [
    ev('suggestion.assigned', '2026-01-05', { mode: 'lead', leadDepartmentIds: [3], coDepartmentIds: [4], replyDeadline: '2026-04-05' }),
    ev('suggestion.replied', '2026-03-02', { departmentId: 3, round: 1, isLate: false }),
    ev('suggestion.replied', '2026-03-03', { departmentId: 4, round: 1, isLate: true }),
    ev('suggestion.replied', '2026-03-04', { departmentId: 3, round: 1, isLate: true }),
    ev('suggestion.rated', '2026-03-10', { rating: 'unsatisfied', round: 1, final: false }),
    ev('suggestion.replied', '2026-03-20', { departmentId: 3, round: 2, isLate: false }),
    ev('suggestion.rated', '2026-03-25', { rating: 'basically', round: 2, final: true }),
  ];

  it('counts the first reply per department and round, and the final rating for the lead', () => {
    const facts = deriveSuggestionFacts(7, events, from, to);
    expect(facts.map((f) => [f.measure, f.departmentId, f.hit])).toEqual([
      ['suggestion_reply', 3, true], ['suggestion_reply', 4, false], ['suggestion_reply', 3, true], ['suggestion_rating', 3, true],
    ]);
    expect(suggestionSection(facts, (d) => `单位${d}`)).toEqual([
      { departmentId: 3, departmentName: '单位3', suggestions: 1, replies: { numerator: 2, denominator: 2 }, ratings: { numerator: 1, denominator: 1 }, combined: null },
      { departmentId: 4, departmentName: '单位4', suggestions: 1, replies: { numerator: 0, denominator: 1 }, ratings: { numerator: 0, denominator: 0 }, combined: null },
    ]);
  });

  it('leaves out what happened outside the period', () => {
    expect(deriveSuggestionFacts(7, events, at('2026-04-01'), at('2026-05-01'))).toEqual([]);
  });
});
