import type { SuggestionDrillPage, SuggestionDrillQuery } from '../../../contracts/assessment.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { checkDepartmentScope } from './drill.js';
import { getPeriodRow, periodOf } from './periods.js';
import { suggestionFacts, suggestionSectionOf } from './suggestion-section.js';

const kindWords = { deputy: '人大代表建议', cppcc: '政协提案' } as const;

/**
 * The suggestions behind one figure of the suggestions section: the unit's facts derived again from suggestion events
 * up to the snapshot's cursor (numerator: replies on time, or 满意/基本满意), so the list's length is the figure.
 */
export async function suggestionDrillDown(deps: AppDeps, user: StaffUser, q: SuggestionDrillQuery): Promise<SuggestionDrillPage> {
  const p = periodOf(q.period);
  checkDepartmentScope(user, q.department);
  const { db } = deps.database;
  const period = await getPeriodRow(db, q.period);
  if (!period) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: q.period });
  const section = suggestionSectionOf(period.sections);
  const facts = section
    ? (await suggestionFacts(db, p, section.eventCursor))
      .filter((f) => f.departmentId === q.department && f.measure === q.measure && (q.part === 'denominator' || f.hit))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.suggestionId - b.suggestionId)
    : [];
  const row = section?.rows.find((r) => r.departmentId === q.department);
  const pair = row ? (q.measure === 'suggestion_reply' ? row.replies : row.ratings) : null;
  const page = facts.slice(q.offset, q.offset + q.limit);
  const rows = page.length
    ? await db.selectFrom('suggestions').select(['id', 'kind', 'term', 'session_no', 'number', 'title']).where('id', 'in', [...new Set(page.map((f) => f.suggestionId))]).execute()
    : [];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const names = (await deps.directory.ready()).names();
  return {
    period: q.period, departmentId: q.department, departmentName: names.department(q.department) ?? '', measure: q.measure, part: q.part,
    figure: pair ? pair[q.part] : 0, total: facts.length,
    items: page.map((f) => {
      const s = byId.get(f.suggestionId);
      return {
        suggestionId: f.suggestionId, title: s?.title ?? '', at: f.at.toISOString(), hit: f.hit,
        label: s ? `${kindWords[s.kind]} 第 ${s.term} 届第 ${s.session_no} 次会议第 ${s.number} 号` : `#${f.suggestionId}`,
      };
    }),
  };
}
