import { sql } from 'kysely';
import type { KnowledgeHits } from '../../../contracts/knowledge.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { wordQueries } from '../search/index.js';

// Knowledge search (知识库检索): the words of the box, cut by jieba as the staff search cuts them (each word is all
// its character pairs), any of them, ranked by how many match — a word of the question or a keyword counts twice —
// among approved entries in force today (and public ones only, for the portal). The desk asks as the operator types,
// so a box with nothing searchable is answered at once without a query.

/** Words that say nothing about what a caller asks (请问…怎么办理…): left out so they neither match nor rank. */
const filler = new Set([
  '请问', '你好', '您好', '怎么', '怎样', '如何', '什么', '哪些', '哪里', '哪个', '需要', '可以', '能否', '是否', '能不能', '有没有', '没有', '为什么',
  '我们', '你们', '他们', '这个', '那个', '一下', '问题', '办理', '咨询', '反映', '现在', '已经', '还是', '因为', '所以', '情况',
]);
/** At most this many words are asked (a long description is cut to its first words). */
const maxWords = 8;
/** Each step ranks at most this many candidates: a common word may match most entries, and ranking them all is slow. */
const candidates = 100;

/**
 * The steps of a search, most specific first: every word, then any two of them, then any one. A step that fills
 * the page ends the search; each ranks at most `candidates` matches, so a box of common words costs a few hundred
 * rows, not every entry that shares one word with it. Null when the box holds nothing searchable.
 */
export function knowledgeSteps(q: string): string[] | null {
  if ([...q.trim()].length < 2) return null;
  const words = wordQueries(q, filler).slice(0, maxWords).map((w) => `(${w})`);
  if (words.length === 0) return null;
  if (words.length === 1) return words;
  const pairs = words.flatMap((a, i) => words.slice(i + 1).map((b) => `(${a} & ${b})`));
  return [words.join(' & '), ...(words.length > 2 ? [pairs.join(' | ')] : []), words.join(' | ')];
}

/** The tsquery of the box (any of its words), or null when it holds nothing searchable (empty, one character, filler). */
export function knowledgeQuery(q: string): string | null {
  return knowledgeSteps(q)?.at(-1) ?? null;
}

type HitRow = {
  id: number; version: number; question: string; answer: string; basis_title: string; basis_number: string | null; owner_unit_id: number;
  valid_to: string | null; visibility: 'public' | 'internal';
};

export async function searchKnowledge(deps: AppDeps, q: string, opts: { publicOnly: boolean; limit: number }): Promise<KnowledgeHits> {
  const steps = knowledgeSteps(q);
  if (!steps) return { items: [], notice: 'KNOWLEDGE_QUERY_TOO_SHORT' };
  const today = beijingDate(deps.now());
  const rows: HitRow[] = [];
  for (const tsquery of steps) {
    const seen = rows.map((r) => r.id);
    const step = await sql<HitRow>`
      SELECT c.id, c.published_version AS version, c.question, c.answer, c.basis_title, c.basis_number, c.owner_unit_id, c.valid_to, c.visibility
      FROM (
        SELECT e.*, q FROM knowledge_entries e, CAST(${tsquery} AS tsquery) q
        WHERE e.terms @@ q AND e.published_version IS NOT NULL AND e.valid_from <= ${today} AND (e.valid_to IS NULL OR e.valid_to >= ${today})
          ${opts.publicOnly ? sql`AND e.visibility = 'public'` : sql``}
          ${seen.length ? sql`AND e.id NOT IN (${sql.join(seen)})` : sql``}
        LIMIT ${candidates} OFFSET 0
      ) c
      ORDER BY ts_rank(c.head_terms, c.q) * 2 + ts_rank(c.terms, c.q) DESC, c.id DESC
      LIMIT ${opts.limit - rows.length}`.execute(deps.database.db);
    rows.push(...step.rows);
    if (rows.length >= opts.limit) break;
  }
  const names = (await deps.directory.ready()).names();
  return {
    notice: null,
    items: rows.map((r) => ({
      id: Number(r.id), version: r.version, question: r.question, answer: r.answer, basisTitle: r.basis_title, basisNumber: r.basis_number,
      ownerUnitName: names.department(r.owner_unit_id) ?? '', validTo: r.valid_to, visibility: r.visibility,
    })),
  };
}
