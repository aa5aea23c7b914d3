import type { Ratio } from './sections.js';

// 直接答复 in the assessment (ADR 0025, docs/assessment.md "Direct answers"), pure. A direct answer
// (`case.answered_directly`: the desk answered the caller from an approved knowledge entry and closed the case at
// intake) is no unit's handling: it gives no signing, reply, follow-up or deduction fact to anyone. It is counted
// apart, for the unit that owns the cited entry version (whose knowledge answered the call), dated by the answer.

export interface DirectAnswerFact {
  caseId: number;
  /** The owner unit of the cited entry version (knowledge_versions.owner_unit_id, fixed once the version exists). */
  departmentId: number;
  entryId: number;
  version: number;
  at: Date;
}

export interface DirectAnswerRow {
  departmentId: number;
  departmentName: string;
  /** Direct answers from the unit's entries / (those + the unit's assessed cases in the period). */
  answers: Ratio;
}

/**
 * One row per unit with a direct answer in the period, ordered by department id; the denominator adds the unit's
 * assessed cases (the scorecard's 考核件数), so the rate is the share of the unit's matters answered at intake.
 */
export function directAnswerRows(facts: readonly DirectAnswerFact[], casesOf: (departmentId: number) => number,
  nameOf: (departmentId: number) => string): DirectAnswerRow[] {
  const by = new Map<number, number>();
  for (const f of facts) by.set(f.departmentId, (by.get(f.departmentId) ?? 0) + 1);
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([departmentId, n]) => ({
    departmentId, departmentName: nameOf(departmentId), answers: { numerator: n, denominator: n + casesOf(departmentId) },
  }));
}
