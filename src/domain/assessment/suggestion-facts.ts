import { tallyByUnit } from './sections.js';

// The suggestions section of the assessment (建议提案办理考核), pure: facts derived from one suggestion's event record
// (suggestion_events), in chain order (docs/assessment.md, "Suggestions section").
//
// - `suggestion_reply`: the first reply (`suggestion.replied`) of each department in each round, dated by the reply;
//   hit: not late (`isLate` false, the three- or extended six-month limit).
// - `suggestion_rating`: the proposer's final rating (`suggestion.rated` with `final`), for each lead department of the
//   latest assignment, dated by the rating; hit: 满意 or 基本满意.

export const suggestionMeasures = ['suggestion_reply', 'suggestion_rating'] as const;
export type SuggestionMeasure = (typeof suggestionMeasures)[number];

export interface SuggestionEventInput { id: number; type: string; at: Date; payload: Record<string, unknown> }

export interface SuggestionFact {
  suggestionId: number;
  departmentId: number;
  measure: SuggestionMeasure;
  at: Date;
  hit: boolean;
}

export function deriveSuggestionFacts(suggestionId: number, events: readonly SuggestionEventInput[], from: Date, to: Date): SuggestionFact[] {
  const out: SuggestionFact[] = [];
  const seen = new Set<string>();
  let leads: number[] = [];
  const inPeriod = (at: Date) => at >= from && at < to;
  for (const e of events) {
    const p = e.payload;
    if (e.type === 'suggestion.assigned') leads = ((p.leadDepartmentIds ?? []) as number[]).map(Number);
    if (e.type === 'suggestion.replied') {
      const key = `${Number(p.departmentId)}:${Number(p.round)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (inPeriod(e.at)) out.push({ suggestionId, departmentId: Number(p.departmentId), measure: 'suggestion_reply', at: e.at, hit: p.isLate !== true });
    }
    if (e.type === 'suggestion.rated' && p.final === true && inPeriod(e.at)) {
      for (const d of leads) out.push({ suggestionId, departmentId: d, measure: 'suggestion_rating', at: e.at, hit: p.rating === 'satisfied' || p.rating === 'basically' });
    }
  }
  return out;
}

export interface SuggestionSectionRow {
  departmentId: number;
  departmentName: string;
  suggestions: number;
  replies: { numerator: number; denominator: number };
  ratings: { numerator: number; denominator: number };
  /**
   * The unit's combined score when the scheme weights a section (sections.ts `applyCombined`), else null; absent in
   * snapshots made before the suggestions section had weights.
   */
  combined?: number | null;
}

/** One row per department with facts, ordered by department id (`combined` null until `applyCombined`). */
export function suggestionSection(facts: readonly SuggestionFact[], nameOf: (departmentId: number) => string): SuggestionSectionRow[] {
  return tallyByUnit(facts, (f) => f.suggestionId, (f) => f.measure === 'suggestion_reply').map((u) => ({
    departmentId: u.departmentId, departmentName: nameOf(u.departmentId), suggestions: u.records, replies: u.first, ratings: u.second, combined: null,
  }));
}
