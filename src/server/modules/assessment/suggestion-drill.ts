import type { SuggestionDrillPage, SuggestionDrillQuery } from '../../../contracts/assessment.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { sectionDrill } from './section-drill.js';
import { suggestionFacts, suggestionSectionOf } from './suggestion-section.js';

const kindWords = { deputy: '人大代表建议', cppcc: '政协提案' } as const;

/**
 * The suggestions behind one figure of the suggestions section: the unit's facts derived again from suggestion events
 * up to the snapshot's cursor (numerator: replies on time, or 满意/基本满意), so the list's length is the figure.
 */
export async function suggestionDrillDown(deps: AppDeps, user: StaffUser, q: SuggestionDrillQuery): Promise<SuggestionDrillPage> {
  const page = await sectionDrill(deps, user, q, {
    sectionOf: suggestionSectionOf,
    facts: async (db, p, section) => (await suggestionFacts(db, p, section.eventCursor))
      .filter((f) => f.departmentId === q.department && f.measure === q.measure)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.suggestionId - b.suggestionId),
    figure: (section) => {
      const row = section.rows.find((r) => r.departmentId === q.department);
      return row ? (q.measure === 'suggestion_reply' ? row.replies : row.ratings)[q.part] : 0;
    },
    items: async (db, facts) => {
      const rows = await db.selectFrom('suggestions').select(['id', 'kind', 'term', 'session_no', 'number', 'title'])
        .where('id', 'in', [...new Set(facts.map((f) => f.suggestionId))]).execute();
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return facts.map((f) => {
        const s = byId.get(f.suggestionId);
        return {
          suggestionId: f.suggestionId, title: s?.title ?? '', at: f.at.toISOString(), hit: f.hit,
          label: s ? `${kindWords[s.kind]} 第 ${s.term} 届第 ${s.session_no} 次会议第 ${s.number} 号` : `#${f.suggestionId}`,
        };
      });
    },
  });
  return { ...page, measure: q.measure, part: q.part };
}
