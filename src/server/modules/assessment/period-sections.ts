import type { DirectAnswerSectionDto, ItemSectionDto, SuggestionSectionDto } from '../../../contracts/assessment.js';
import { applyCombined, type AssessmentScheme } from '../../../domain/assessment/index.js';
import type { Period } from '../../../domain/assessment/period.js';
import type { ScorecardRow } from '../../../domain/assessment/scorecard.js';
import type { Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';
import { computeDirectAnswerSection } from './direct-answer-section.js';
import { computeItemSection } from './item-section.js';
import { computeSuggestionSection } from './suggestion-section.js';

// Every section of a snapshot beside the case figures (ADR 0021, 0025), computed together because the combined score
// of a unit weighs all of them. The run passes the cursors of now; verify passes the stored ones, and leaves out a
// section the snapshot does not have (made before that section existed), so it recomputes exactly what was stored.

export interface PeriodSections {
  items?: ItemSectionDto;
  suggestions?: SuggestionSectionDto;
  directAnswers?: DirectAnswerSectionDto;
}

export interface SectionCursors {
  items?: { cursor: number; asOf: Date };
  suggestions?: number;
  directAnswers?: number;
}

export async function computeSections(db: Tx, p: Pick<Period, 'from' | 'to'>, scheme: AssessmentScheme, caseRows: readonly ScorecardRow[],
  names: Names, c: SectionCursors): Promise<PeriodSections> {
  const out: PeriodSections = {};
  if (c.items) out.items = await computeItemSection(db, p, names, c.items.cursor, c.items.asOf);
  if (c.suggestions !== undefined) out.suggestions = await computeSuggestionSection(db, p, names, c.suggestions);
  if (c.directAnswers !== undefined) out.directAnswers = await computeDirectAnswerSection(db, p, caseRows, names, c.directAnswers);
  const composite = new Map(caseRows.map((r) => [r.departmentId, r.composite]));
  applyCombined(scheme, (d) => composite.get(d) ?? null, out.items?.rows ?? [], out.suggestions?.rows ?? []);
  return out;
}

/** The cursors a stored snapshot's sections were counted at (none for a snapshot made before sections). */
export function storedCursors(sections: unknown): SectionCursors {
  const s = (sections ?? {}) as PeriodSections;
  return {
    items: s.items ? { cursor: s.items.itemCursor, asOf: new Date(s.items.asOf) } : undefined,
    suggestions: s.suggestions?.eventCursor,
    directAnswers: s.directAnswers?.eventCursor,
  };
}
