import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access/permissions.js';
import { maskPersonalData } from '../../../domain/privacy/mask.js';
import { normalisePhone, statusLabels, type PublicSimilarCase } from '../../../contracts/portal.js';
import { zPublicSimilarRequest, zPublicSimilarResponse, zStaffSimilarRequest, zStaffSimilarResponse } from './schemas.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import type { RateLimiter } from '../../kernel/index.js';
import { findSimilarCases, findSimilarRows, type SimilarRow } from './find-similar.js';
import { cityPlacePrefixes } from '../settings/index.js';

/**
 * Public view of a possible duplicate: allow-listed fields only. Text matches only (a phone or enterprise match would
 * tell a stranger that someone with that number filed something). The title is shown masked, and only for problems
 * the submitter agreed to publish; otherwise a neutral "<category> 类问题"; the code only for published problems.
 */
export function presentPublicSimilar(r: SimilarRow, categoryName: string, places: readonly string[] = []): PublicSimilarCase {
  const title = r.isPublic
    ? maskPersonalData(r.title, { names: [r.submitterName], enterpriseName: r.enterpriseName, maskEnterprise: true, placePrefixes: places })
    : `${categoryName || '同类'}问题（未公开）`;
  return {
    code: r.isPublic ? r.code : null,
    title,
    status: r.status,
    statusLabel: statusLabels[r.status] ?? r.status,
    departmentName: r.leadDepartmentName,
    date: r.createdAt.slice(0, 10),
  };
}

export async function similarRoutes(app: FastifyInstance, deps: AppDeps, limiter: RateLimiter<'hint'>): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/similar-cases', {
    schema: { tags: ['similar'], summary: '相似在办诉求（同一电话、同一企业、内容相近）', body: zStaffSimilarRequest, response: { 200: zStaffSimilarResponse } },
  }, async (req) => {
    const user = requireUser(req);
    if (!can(user.roles, 'case:create') && !can(user.roles, 'case:read-all')) throw new AppError('FORBIDDEN');
    const b = req.body;
    const phone = b.phone?.trim() ? normalisePhone(b.phone) : undefined;
    return { items: await findSimilarCases(deps, { ...b, phone }) };
  });

  r.post('/api/public/similar', {
    schema: { tags: ['portal'], summary: '提交前：相似的在办问题（脱敏）', body: zPublicSimilarRequest, response: { 200: zPublicSimilarResponse } },
  }, async (req) => {
    await limiter.check(req, 'hint');
    const { text, categoryId, districtId } = req.body;
    if ([...text.trim()].length < 4) return { items: [] };
    const dir = await deps.directory.ready();
    const rows = await findSimilarRows(deps, { text, categoryId, districtId, limit: 5 });
    const places = await cityPlacePrefixes(deps.database.db);
    return { items: rows.filter((x) => x.reasons.includes('text')).map((x) => presentPublicSimilar(x, dir.category(x.categoryId)?.name ?? '', places)) };
  });
}
