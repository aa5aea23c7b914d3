import type { StaffSimilarCase, StaffSimilarRequest } from '../../../contracts/portal.js';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { cosine, weigh, WordCache, words, type WeightedWords } from './text-similarity.js';

// Similar open cases (possible duplicates), for the portal, the hotline desk and merge proposals.
// Owner: the portal area. Three signals among open cases only (closed, rejected and merged cases never match):
// the same phone number, the same enterprise (credit code, or exact name), and close text — jieba words weighted by
// IDF, cosine over the newest open cases of the same category and of the same district (see docs/portal.md).

/** The staff request and answer shapes live in the portal contract (the web client uses them too). */
export type SimilarQuery = StaffSimilarRequest;
export type SimilarCase = StaffSimilarCase;

/** A match with the columns public presenters need to mask it; never sent as is. */
export interface SimilarRow extends SimilarCase {
  categoryId: number;
  isPublic: boolean;
  isNamePublic: boolean;
  submitterName: string;
  enterpriseName: string | null;
}

export const openStatuses = ['submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating'] as const;

/**
 * Text matches below this cosine are noise. Measured on 600 demo texts (all pairs): pairs from different categories
 * score 0.10 at the median, 0.29 at p95 and 0.36 at p99; same-category pairs 0.20 / 0.80 / 0.90.
 */
export const textThreshold = 0.35;
const candidatesPerFilter = 300;
const windowDays = 180;

const wordCache = new WordCache();
const emptyWords: WeightedWords = { words: new Set(), norm2: 0 };

const metaColumns = [
  'id', 'code', 'title', 'status', 'created_at', 'lead_department_id', 'submitter_phone', 'enterprise_credit_code',
  'enterprise_name', 'category_id', 'is_public', 'is_name_public', 'submitter_name',
] as const;

type Meta = {
  id: number; code: string; title: string; status: string; created_at: Date; lead_department_id: number | null;
  submitter_phone: string; enterprise_credit_code: string | null; enterprise_name: string | null; category_id: number;
  is_public: boolean; is_name_public: boolean; submitter_name: string;
};

function openCases(deps: AppDeps) {
  return deps.database.db.selectFrom('cases').select(metaColumns).where('status', 'in', [...openStatuses]);
}

/** Open cases with the same phone, credit code or enterprise name. */
async function exactMatches(deps: AppDeps, q: SimilarQuery): Promise<Meta[]> {
  const phone = q.phone?.trim();
  const credit = q.creditCode?.trim().toUpperCase();
  const ent = q.enterpriseName?.trim();
  if (!phone && !credit && !ent) return [];
  return openCases(deps)
    .where((eb) => eb.or([
      ...(phone ? [eb('submitter_phone', '=', phone)] : []),
      ...(credit ? [eb('enterprise_credit_code', '=', credit)] : []),
      ...(ent && ent.length >= 4 ? [eb('enterprise_name', '=', ent)] : []),
    ]))
    .$if(q.excludeCaseId != null, (qb) => qb.where('id', '!=', q.excludeCaseId!))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(50).execute() as Promise<Meta[]>;
}

/**
 * Ids of the newest open cases of the same category and of the same district (or the newest overall when neither is
 * known): index-only scans of the partial indexes, no row is read here.
 */
async function textCandidates(deps: AppDeps, q: SimilarQuery): Promise<number[]> {
  const since = new Date(deps.now().getTime() - windowDays * 86_400_000);
  const newest = (filter: 'category' | 'district' | 'none') => deps.database.db.selectFrom('cases').select('id')
    .where('status', 'in', [...openStatuses])
    .where('created_at', '>=', since)
    .$if(filter === 'category', (qb) => qb.where('category_id', '=', q.categoryId!))
    .$if(filter === 'district', (qb) => qb.where('district_id', '=', q.districtId!))
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(candidatesPerFilter).execute();
  const filters: ('category' | 'district' | 'none')[] = [];
  if (q.categoryId != null) filters.push('category');
  if (q.districtId != null) filters.push('district');
  if (!filters.length) filters.push('none');
  // Sequential on purpose: on PGlite every query waits for the one connection anyway.
  const ids = new Set<number>();
  for (const f of filters) for (const r of await newest(f)) ids.add(Number(r.id));
  if (q.excludeCaseId != null) ids.delete(q.excludeCaseId);
  return [...ids];
}

/** Word sets of the candidates, from the cache or (for the ones not seen yet) read and cut once. */
async function wordsOf(deps: AppDeps, ids: number[]): Promise<Map<number, WeightedWords>> {
  const out = new Map<number, WeightedWords>();
  const missing: number[] = [];
  for (const id of ids) {
    const w = wordCache.get(id);
    if (w) out.set(id, w);
    else missing.push(id);
  }
  for (let i = 0; i < missing.length; i += 500) {
    const rows = await deps.database.db.selectFrom('cases')
      .select(['id', 'title', sql<string>`left(description, 600)`.as('text')])
      .where('id', 'in', missing.slice(i, i + 500)).execute();
    for (const r of rows) {
      const w = weigh(words(`${r.title}\n${r.text}`));
      wordCache.set(r.id, w);
      out.set(r.id, w);
    }
  }
  return out;
}

/** Matches with the columns presenters need; best first. */
export async function findSimilarRows(deps: AppDeps, q: SimilarQuery): Promise<SimilarRow[]> {
  const limit = Math.min(Math.max(q.limit ?? 5, 1), 20);
  const found = new Map<number, { meta: Meta; score: number; reasons: Set<SimilarCase['reasons'][number]> }>();
  const add = (meta: Meta, reason: SimilarCase['reasons'][number], score: number) => {
    const id = Number(meta.id);
    const f = found.get(id) ?? { meta, score: 0, reasons: new Set() };
    f.reasons.add(reason);
    f.score = Math.max(f.score, score);
    found.set(id, f);
  };

  const phone = q.phone?.trim();
  const credit = q.creditCode?.trim().toUpperCase();
  const ent = q.enterpriseName?.trim();
  for (const m of await exactMatches(deps, q)) {
    if (phone && m.submitter_phone === phone) add(m, 'phone', 1);
    if ((credit && m.enterprise_credit_code === credit) || (ent && ent.length >= 4 && m.enterprise_name === ent)) add(m, 'enterprise', 0.9);
  }

  const queryWords = weigh(words(q.text ?? ''));
  if (queryWords.words.size > 0) {
    const ids = await textCandidates(deps, q);
    const wordsById = await wordsOf(deps, ids);
    const scored = ids.map((id) => ({ id, s: cosine(queryWords, wordsById.get(id) ?? emptyWords) }))
      .filter((x) => x.s >= textThreshold).sort((a, b) => b.s - a.s).slice(0, limit * 2);
    if (scored.length) {
      // Rows only for the few that matched (their status is re-checked: it may have changed since the id scan).
      const rows = await openCases(deps).where('id', 'in', scored.map((x) => x.id)).execute() as Meta[];
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      for (const x of scored) {
        const m = byId.get(x.id);
        if (m) add(m, 'text', x.s);
      }
    }
  }

  const dir = await deps.directory.ready();
  return [...found.values()]
    .map((f) => ({ ...f, score: Math.min(1, f.score + 0.05 * (f.reasons.size - 1)) }))
    .sort((a, b) => b.score - a.score || b.meta.created_at.getTime() - a.meta.created_at.getTime())
    .slice(0, limit)
    .map(({ meta: r, score, reasons }) => ({
      id: Number(r.id), code: r.code, title: r.title, status: r.status, createdAt: new Date(r.created_at).toISOString(),
      leadDepartmentName: r.lead_department_id ? dir.department(r.lead_department_id)?.name ?? null : null,
      score: Math.round(score * 1000) / 1000,
      reasons: (['phone', 'enterprise', 'text'] as const).filter((x) => reasons.has(x)),
      categoryId: r.category_id, isPublic: r.is_public, isNamePublic: r.is_name_public, submitterName: r.submitter_name,
      enterpriseName: r.enterprise_name,
    }));
}

export async function findSimilarCases(deps: AppDeps, q: SimilarQuery): Promise<SimilarCase[]> {
  const rows = await findSimilarRows(deps, q);
  return rows.map(({ id, code, title, status, createdAt, leadDepartmentName, score, reasons }) => ({ id, code, title, status, createdAt, leadDepartmentName, score, reasons }));
}
