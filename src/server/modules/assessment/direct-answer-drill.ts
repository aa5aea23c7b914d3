import type { DirectAnswerDrillPage, DirectAnswerDrillQuery } from '../../../contracts/assessment.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { directAnswerFacts, directAnswerSectionOf } from './direct-answer-section.js';
import { sectionDrill } from './section-drill.js';

/**
 * The cases behind a direct-answer figure (ADR 0025): the unit's (or, department 0, the city's) direct answers derived
 * again from case events up to the snapshot's cursor, with the entry question cited, so the list's length is the figure.
 */
export async function directAnswerDrillDown(deps: AppDeps, user: StaffUser, q: DirectAnswerDrillQuery): Promise<DirectAnswerDrillPage> {
  return sectionDrill(deps, user, { ...q, part: 'numerator' }, {
    cityWide: true,
    sectionOf: directAnswerSectionOf,
    facts: async (db, p, section) => (await directAnswerFacts(db, p, section.eventCursor, q.department || undefined)).map((f) => ({ ...f, hit: true })),
    figure: (section) => (q.department === 0 ? section.city.numerator : section.rows.find((r) => r.departmentId === q.department)?.answers.numerator ?? 0),
    items: async (db, facts) => {
      const cases = await db.selectFrom('cases').select(['id', 'code', 'title']).where('id', 'in', facts.map((f) => f.caseId)).execute();
      const byId = new Map(cases.map((c) => [Number(c.id), c]));
      const entries = await db.selectFrom('knowledge_versions').select(['entry_id', 'version', 'question'])
        .where('entry_id', 'in', [...new Set(facts.map((f) => f.entryId))]).execute();
      const question = new Map(entries.map((e) => [`${e.entry_id}:${e.version}`, e.question]));
      return facts.map((f) => ({
        caseId: f.caseId, code: byId.get(f.caseId)?.code ?? `#${f.caseId}`, title: byId.get(f.caseId)?.title ?? '',
        question: question.get(`${f.entryId}:${f.version}`) ?? '', at: f.at.toISOString(),
      }));
    },
  });
}
