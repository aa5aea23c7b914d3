import { sql } from 'kysely';
import type { Difference, DirectAnswerSectionDto } from '../../../contracts/assessment.js';
import { directAnswerRows, type DirectAnswerFact } from '../../../domain/assessment/index.js';
import type { Period } from '../../../domain/assessment/period.js';
import type { ScorecardRow } from '../../../domain/assessment/scorecard.js';
import type { Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';
import { compareSectionRows } from './section-compare.js';

// 直接答复 in a period (ADR 0025): the `case.answered_directly` events up to the snapshot's case-event cursor, dated by
// the event, each for the owner unit of the entry version it cites. Read again the same way by the run, the
// drill-down and `verify`. knowledge_uses (indexed by time) only finds the candidate cases; the events decide.

const day = 86_400_000;

/** The direct answers of the period (of one owner unit when asked), derived from case events with id ≤ cursor. */
export async function directAnswerFacts(db: Tx, p: Pick<Period, 'from' | 'to'>, cursor: number, departmentId?: number): Promise<DirectAnswerFact[]> {
  // A use row is written with its event; a day's slack either side leaves no answer out.
  const { rows: candidates } = await sql<{ case_id: string }>`SELECT case_id::text FROM knowledge_uses
    WHERE kind = 'desk' AND case_id IS NOT NULL AND at >= ${new Date(p.from.getTime() - day)} AND at < ${new Date(p.to.getTime() + day)}`.execute(db);
  if (!candidates.length) return [];
  const out: DirectAnswerFact[] = [];
  const ids = candidates.map((r) => Number(r.case_id));
  for (let i = 0; i < ids.length; i += 1000) {
    const events = await db.selectFrom('case_events').select(['case_id', 'at', 'payload'])
      .where('case_id', 'in', ids.slice(i, i + 1000)).where('type', '=', 'case.answered_directly').where('id', '<=', cursor)
      .where('at', '>=', p.from).where('at', '<', p.to).orderBy('case_id').execute();
    if (!events.length) continue;
    const entryIds = [...new Set(events.map((e) => Number(e.payload.entryId)))];
    const versions = await db.selectFrom('knowledge_versions').select(['entry_id', 'version', 'owner_unit_id']).where('entry_id', 'in', entryIds).execute();
    const owner = new Map(versions.map((v) => [`${v.entry_id}:${v.version}`, v.owner_unit_id]));
    for (const e of events) {
      const entryId = Number(e.payload.entryId);
      const version = Number(e.payload.version);
      const dept = owner.get(`${entryId}:${version}`);
      if (dept === undefined || (departmentId !== undefined && dept !== departmentId)) continue;
      out.push({ caseId: Number(e.case_id), departmentId: dept, entryId, version, at: new Date(e.at) });
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.caseId - b.caseId);
}

/** Cases registered in the period (the city rate's denominator, as on the overview), known at the cursor. */
async function casesRegistered(db: Tx, p: Pick<Period, 'from' | 'to'>, cursor: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases c WHERE c.created_at >= ${p.from} AND c.created_at < ${p.to}
    AND EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.id <= ${cursor})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function computeDirectAnswerSection(db: Tx, p: Pick<Period, 'from' | 'to'>, caseRows: readonly ScorecardRow[], names: Names,
  cursor: number): Promise<DirectAnswerSectionDto> {
  const facts = await directAnswerFacts(db, p, cursor);
  const cases = new Map(caseRows.map((r) => [r.departmentId, r.cases]));
  return {
    eventCursor: cursor,
    city: { numerator: facts.length, denominator: await casesRegistered(db, p, cursor) },
    rows: directAnswerRows(facts, (d) => cases.get(d) ?? 0, (d) => names.department(d) ?? ''),
  };
}

export function compareDirectAnswerSection(stored: DirectAnswerSectionDto, recomputed: DirectAnswerSectionDto): Difference[] {
  const out: Difference[] = [];
  for (const k of ['numerator', 'denominator'] as const) {
    if (stored.city[k] !== recomputed.city[k]) out.push({ departmentId: null, departmentName: '全市', field: `directAnswers.city.${k}`, snapshot: stored.city[k], recomputed: recomputed.city[k] });
  }
  out.push(...compareSectionRows('directAnswers', stored.rows, recomputed.rows, [
    ['answers.numerator', (r) => r.answers.numerator], ['answers.denominator', (r) => r.answers.denominator],
  ]));
  return out;
}

export function directAnswerSectionOf(sections: unknown): DirectAnswerSectionDto | null {
  return (sections as { directAnswers?: DirectAnswerSectionDto } | null)?.directAnswers ?? null;
}
