import { sql } from 'kysely';
import type { z } from 'zod';
import type { zKnowledgeDetail, zKnowledgeListQuery, zKnowledgePage, zKnowledgeStats } from '../../../contracts/knowledge.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser } from '../../kernel/index.js';
import { entryColumns, presentEntry } from './repository.js';
import { knowledgeSteps } from './search.js';

// 知识库 screens: the list (every entry, any state, with words and filters), one entry with its versions, and the
// counts of direct answers and portal visitors answered.

export async function listEntries(deps: AppDeps, user: StaffUser, q: z.infer<typeof zKnowledgeListQuery>): Promise<z.infer<typeof zKnowledgePage>> {
  const { db } = deps.database;
  let query = db.selectFrom('knowledge_entries');
  const text = q.q ? knowledgeSteps(q.q)?.[0] : null;
  if (q.q && text) {
    // Every word required in the list (the desk's any-word search is for offering, the list for finding).
    query = query.where(sql<boolean>`terms @@ CAST(${text} AS tsquery)`);
  } else if (q.q) {
    query = query.where('question', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (q.ownerUnitId) query = query.where('owner_unit_id', '=', q.ownerUnitId);
  if (q.state === 'draft') query = query.where(sql<boolean>`published_version IS DISTINCT FROM latest_version`);
  if (q.state === 'approved') query = query.where('published_version', 'is not', null);
  if (q.state === 'flagged') query = query.where('flag', 'is not', null);
  const [rows, total] = await Promise.all([
    query.select(entryColumns).orderBy('updated_at', 'desc').orderBy('id', 'desc').offset(q.offset).limit(q.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = (await deps.directory.ready()).names();
  const today = beijingDate(deps.now());
  return { items: rows.map((r) => presentEntry(r, names, today, user)), total: Number(total.n) };
}

export async function entryDetail(deps: AppDeps, user: StaffUser, id: number): Promise<z.infer<typeof zKnowledgeDetail>> {
  const { db } = deps.database;
  const row = await db.selectFrom('knowledge_entries').select(entryColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('KNOWLEDGE_ENTRY_NOT_FOUND');
  const versions = await db.selectFrom('knowledge_versions').selectAll().where('entry_id', '=', id).orderBy('version', 'desc').execute();
  const dir = await deps.directory.ready();
  const names = dir.names();
  return {
    entry: presentEntry(row, names, beijingDate(deps.now()), user),
    versions: versions.map((v) => ({
      version: v.version, status: v.status, question: v.question, answer: v.answer, basisTitle: v.basis_title, basisNumber: v.basis_number,
      replacesBasisNumber: v.replaces_basis_number, ownerUnitName: names.department(v.owner_unit_id) ?? '', validFrom: v.valid_from,
      validTo: v.valid_to, visibility: v.visibility, keywords: v.keywords, note: v.note, editedBy: names.user(v.edited_by),
      editedAt: v.edited_at.toISOString(), approvedBy: names.user(v.approved_by), approvedAt: v.approved_at?.toISOString() ?? null,
    })),
  };
}

/** Direct answers against every case registered in the period (Beijing days, both included), and portal answers. */
export async function knowledgeStats(deps: AppDeps, from: string, to: string): Promise<z.infer<typeof zKnowledgeStats>> {
  const { db } = deps.database;
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  const uses = await db.selectFrom('knowledge_uses').select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('at', '>=', start).where('at', '<', end).groupBy('kind').execute();
  const registered = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '>=', start).where('created_at', '<', end).executeTakeFirstOrThrow();
  const top = await db.selectFrom('knowledge_uses as u').innerJoin('knowledge_entries as e', 'e.id', 'u.entry_id')
    .select(['e.id', 'e.question', sql<number>`count(*) FILTER (WHERE u.kind = 'desk')`.as('desk'), sql<number>`count(*) FILTER (WHERE u.kind = 'portal')`.as('portal')])
    .where('u.at', '>=', start).where('u.at', '<', end).groupBy(['e.id', 'e.question']).orderBy(sql`count(*)`, 'desc').limit(10).execute();
  const count = (k: string) => Number(uses.find((u) => u.kind === k)?.n ?? 0);
  const casesRegistered = Number(registered.n);
  const directAnswers = count('desk');
  return {
    from, to, directAnswers, casesRegistered, directAnswerRate: casesRegistered ? directAnswers / casesRegistered : 0, portalAnswered: count('portal'),
    topEntries: top.map((t) => ({ id: Number(t.id), question: t.question, directAnswers: Number(t.desk), portalAnswered: Number(t.portal) })),
  };
}
