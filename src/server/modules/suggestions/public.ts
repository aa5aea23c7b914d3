import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { zPublicSuggestion, zPublicSuggestionList } from '../../../contracts/suggestions.js';
import { maskName, maskPersonalData } from '../../../domain/privacy/mask.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { suggestionLabel } from './labels.js';

// The public site's list and page of answered suggestions (/p/suggestions): only those whose every letter is sent and
// that are not marked 不公开; proposers' names masked, only sent letters, nothing about staff.

const published = (db: Kysely<DB>) => db.selectFrom('suggestions as s').where('s.is_public', '=', true).where('s.status', 'in', ['awaiting_rating', 'closed']);

const title = (kind: 'deputy' | 'cppcc') => (kind === 'cppcc' ? '委员' : '代表');

async function proposersOf(db: Kysely<DB>, ids: number[]) {
  if (!ids.length) return new Map<number, string[]>();
  const rows = await db.selectFrom('suggestion_proposers').select(['suggestion_id', 'name']).where('suggestion_id', 'in', ids).orderBy('seq').execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.suggestion_id, [...(out.get(r.suggestion_id) ?? []), maskName(r.name)]);
  return out;
}

export async function publicSuggestions(db: Kysely<DB>, page: number, pageSize: number): Promise<z.infer<typeof zPublicSuggestionList>> {
  const [{ n }] = await published(db).select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await published(db).select(['s.id', 's.kind', 's.term', 's.session_no', 's.number', 's.title', 's.category', 's.class', 's.sent_at',
    sql<string[]>`ARRAY(SELECT d.name FROM suggestion_units u JOIN departments d ON d.id = u.department_id WHERE u.suggestion_id = s.id AND u.role <> 'co' ORDER BY u.id)`.as('departments')])
    .orderBy('s.sent_at', 'desc').orderBy('s.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const names = await proposersOf(db, rows.map((r) => r.id));
  return {
    total: n,
    items: rows.map((r) => ({
      id: r.id, label: suggestionLabel(r), kind: r.kind, title: r.title, category: r.category, class: r.class, sentAt: r.sent_at?.toISOString() ?? null,
      proposers: (names.get(r.id) ?? []).map((x) => `${x}${title(r.kind)}`), departments: r.departments,
    })),
  };
}

export async function publicSuggestion(db: Kysely<DB>, id: number): Promise<z.infer<typeof zPublicSuggestion>> {
  const r = await published(db).selectAll('s').where('s.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('SUGGESTION_NOT_FOUND');
  const letters = await db.selectFrom('suggestion_letters as l').innerJoin('departments as d', 'd.id', 'l.department_id')
    .select(['d.name', 'l.doc_number', 'l.class', 'l.body', 'l.sent_at']).where('l.suggestion_id', '=', id).where('l.sent_at', 'is not', null)
    .orderBy('l.round').orderBy('l.id').execute();
  const names = await proposersOf(db, [id]);
  return {
    id: r.id, label: suggestionLabel(r), kind: r.kind, title: r.title, category: r.category, class: r.class, sentAt: r.sent_at?.toISOString() ?? null,
    proposers: (names.get(id) ?? []).map((x) => `${x}${title(r.kind)}`),
    letters: letters.map((l) => ({ departmentName: l.name, docNumber: l.doc_number, class: l.class, body: maskPersonalData(l.body), sentAt: l.sent_at!.toISOString() })),
  };
}
