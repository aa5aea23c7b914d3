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
const maxWords = 12;

/** The tsquery of the box (any of its words), or null when it holds nothing searchable (empty, one character, filler). */
export function knowledgeQuery(q: string): string | null {
  if ([...q.trim()].length < 2) return null;
  const words = wordQueries(q, filler).slice(0, maxWords);
  return words.length ? words.map((w) => `(${w})`).join(' | ') : null;
}

export async function searchKnowledge(deps: AppDeps, q: string, opts: { publicOnly: boolean; limit: number }): Promise<KnowledgeHits> {
  const tsquery = knowledgeQuery(q);
  if (!tsquery) return { items: [], notice: 'KNOWLEDGE_QUERY_TOO_SHORT' };
  const today = beijingDate(deps.now());
  const { rows } = await sql<{
    id: number; version: number; question: string; answer: string; basis_title: string; basis_number: string | null; owner_unit_id: number;
    valid_to: string | null; visibility: 'public' | 'internal';
  }>`
    SELECT e.id, e.published_version AS version, e.question, e.answer, e.basis_title, e.basis_number, e.owner_unit_id, e.valid_to, e.visibility
    FROM knowledge_entries e, CAST(${tsquery} AS tsquery) q
    WHERE e.terms @@ q AND e.published_version IS NOT NULL AND e.valid_from <= ${today} AND (e.valid_to IS NULL OR e.valid_to >= ${today})
      ${opts.publicOnly ? sql`AND e.visibility = 'public'` : sql``}
    ORDER BY ts_rank(e.head_terms, q) * 2 + ts_rank(e.terms, q) DESC, e.id DESC
    LIMIT ${opts.limit}`.execute(deps.database.db);
  const names = (await deps.directory.ready()).names();
  return {
    notice: null,
    items: rows.map((r) => ({
      id: Number(r.id), version: r.version, question: r.question, answer: r.answer, basisTitle: r.basis_title, basisNumber: r.basis_number,
      ownerUnitName: names.department(r.owner_unit_id) ?? '', validTo: r.valid_to, visibility: r.visibility,
    })),
  };
}
