import type { AppDeps } from '../../deps.js';

// Similar open cases (possible duplicates), for the portal, the hotline desk and merge proposals.
// Owner: the portal area. First version: same phone or credit code among open cases.

export interface SimilarQuery {
  text: string;
  phone?: string;
  creditCode?: string;
  enterpriseName?: string;
  categoryId?: number;
  excludeCaseId?: number;
  limit?: number;
}

export interface SimilarCase {
  id: number;
  code: string;
  title: string;
  status: string;
  createdAt: string;
  leadDepartmentName: string | null;
  /** 0..1, higher is more alike. */
  score: number;
  reasons: ('phone' | 'enterprise' | 'text')[];
}

export async function findSimilarCases(deps: AppDeps, q: SimilarQuery): Promise<SimilarCase[]> {
  const { db } = deps.database;
  if (!q.phone && !q.creditCode) return [];
  const rows = await db.selectFrom('cases')
    .select(['id', 'code', 'title', 'status', 'created_at', 'lead_department_id', 'submitter_phone', 'enterprise_credit_code'])
    .where((eb) => eb.or([
      ...(q.phone ? [eb('submitter_phone', '=', q.phone)] : []),
      ...(q.creditCode ? [eb('enterprise_credit_code', '=', q.creditCode)] : []),
    ]))
    .where('status', 'not in', ['closed', 'rejected', 'merged'])
    .$if(q.excludeCaseId != null, (qb) => qb.where('id', '!=', q.excludeCaseId!))
    .orderBy('id', 'desc').limit(q.limit ?? 5).execute();
  const dir = await deps.directory.ready();
  return rows.map((r) => ({
    id: r.id, code: r.code, title: r.title, status: r.status, createdAt: r.created_at.toISOString(),
    leadDepartmentName: r.lead_department_id ? dir.department(r.lead_department_id)?.name ?? null : null,
    score: 0.5,
    reasons: [...(q.phone && r.submitter_phone === q.phone ? ['phone' as const] : []), ...(q.creditCode && r.enterprise_credit_code === q.creditCode ? ['enterprise' as const] : [])],
  }));
}
