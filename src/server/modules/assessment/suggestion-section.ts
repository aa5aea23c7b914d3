import { sql } from 'kysely';
import type { Difference, SuggestionSectionDto } from '../../../contracts/assessment.js';
import { deriveSuggestionFacts, suggestionSection, type SuggestionFact, type SuggestionSectionRow } from '../../../domain/assessment/index.js';
import type { Period } from '../../../domain/assessment/period.js';
import type { Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';
import { compareSectionRows } from './section-compare.js';

// The suggestions section of a period, derived in memory from suggestion_events up to a cursor, like the items section.

export async function suggestionEventCursor(db: Tx): Promise<number> {
  const r = await sql<{ id: string | null }>`SELECT max(id)::text AS id FROM suggestion_events`.execute(db);
  return Number(r.rows[0]?.id ?? 0);
}

export async function suggestionFacts(db: Tx, p: Pick<Period, 'from' | 'to'>, cursor: number): Promise<SuggestionFact[]> {
  // Suggestions with a reply or a rating in the period (up to the cursor): only they can hold a fact of it.
  const { rows: ids } = await sql<{ suggestion_id: number }>`SELECT DISTINCT suggestion_id FROM suggestion_events
    WHERE id <= ${cursor} AND type IN ('suggestion.replied', 'suggestion.rated') AND at >= ${p.from} AND at < ${p.to} ORDER BY 1`.execute(db);
  const out: SuggestionFact[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000).map((r) => Number(r.suggestion_id));
    const rows = await db.selectFrom('suggestion_events').select(['id', 'suggestion_id', 'type', 'at', 'payload'])
      .where('suggestion_id', 'in', part).where(sql<boolean>`id <= ${cursor}`).orderBy('suggestion_id').orderBy('seq').execute();
    let start = 0;
    for (let j = 1; j <= rows.length; j++) {
      if (j < rows.length && rows[j].suggestion_id === rows[start].suggestion_id) continue;
      const events = rows.slice(start, j).map((e) => ({ id: Number(e.id), type: e.type, at: new Date(e.at), payload: e.payload as Record<string, unknown> }));
      out.push(...deriveSuggestionFacts(Number(rows[start].suggestion_id), events, p.from, p.to));
      start = j;
    }
  }
  return out;
}

export async function computeSuggestionSection(db: Tx, p: Pick<Period, 'from' | 'to'>, names: Names, cursor: number): Promise<SuggestionSectionDto> {
  return { eventCursor: cursor, rows: suggestionSection(await suggestionFacts(db, p, cursor), (d) => names.department(d) ?? '') };
}

export function compareSuggestionSection(stored: SuggestionSectionDto | null, recomputed: SuggestionSectionDto | null): Difference[] {
  return compareSectionRows<SuggestionSectionRow>('suggestions', stored?.rows, recomputed?.rows, [
    ['suggestions', (r) => r.suggestions], ['replies.numerator', (r) => r.replies.numerator], ['replies.denominator', (r) => r.replies.denominator],
    ['ratings.numerator', (r) => r.ratings.numerator], ['ratings.denominator', (r) => r.ratings.denominator], ['combined', (r) => r.combined],
  ]);
}

export function suggestionSectionOf(sections: unknown): SuggestionSectionDto | null {
  return (sections as { suggestions?: SuggestionSectionDto } | null)?.suggestions ?? null;
}
