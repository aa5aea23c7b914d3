import { sql } from 'kysely';
import type { CatalogueCategory, CategoryDetail, CategoryPolicy } from '../../../contracts/catalogue.js';
import { statusGroups } from '../../../domain/case/status.js';
import type { Tx } from '../../kernel/index.js';
import { AppError } from '../../errors.js';
import { activeDepartmentIds, loadCategories, type CategoryState } from './repository.js';

// What the catalogue screen reads: every category with its open cases and warnings, and one category's history,
// the time-limit policies that apply to it and the routing rules that name it.

export async function listCatalogue(db: Tx): Promise<CatalogueCategory[]> {
  const [all, departments, counts, stamps] = await Promise.all([
    loadCategories(db),
    activeDepartmentIds(db),
    db.selectFrom('cases').select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', [...statusGroups.open]).groupBy('category_id').execute(),
    db.selectFrom('categories').select(['id', 'updated_at']).execute(),
  ]);
  const open = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  const updated = new Map(stamps.map((s) => [s.id, s.updated_at]));
  const byId = new Map(all.map((c) => [c.id, c]));
  return all.map((c) => present(c, {
    openCases: open.get(c.id) ?? 0,
    updatedAt: updated.get(c.id)!,
    warnings: warningsOf(c, byId, departments),
  }));
}

function warningsOf(c: CategoryState, byId: Map<number, CategoryState>, departments: Map<number, boolean>): string[] {
  const out: string[] = [];
  if (c.leadDepartmentId != null && departments.get(c.leadDepartmentId) === false) out.push('默认牵头单位已停用，请改选');
  if (c.coDepartmentIds.some((d) => departments.get(d) === false)) out.push('有默认协办单位已停用，请改选');
  const parent = c.parentId == null ? undefined : byId.get(c.parentId);
  if (c.isActive && parent && !parent.isActive) out.push('上级类别已停用');
  return out;
}

function present(c: CategoryState, extra: { openCases: number; updatedAt: Date; warnings: string[] }): CatalogueCategory {
  return {
    id: c.id, code: c.code, name: c.name, parentId: c.parentId, kind: c.kind, acceptedKinds: c.acceptedKinds, leadDepartmentId: c.leadDepartmentId,
    coDepartmentIds: c.coDepartmentIds, tags: c.tags, indicatorCodes: c.indicatorCodes, isActive: c.isActive, sortOrder: c.sortOrder, version: c.version,
    updatedAt: extra.updatedAt.toISOString(), openCases: extra.openCases, warnings: extra.warnings,
  };
}

const limitText = (value: number, unit: string) => `${value} 个${unit === 'days' ? '工作日' : '工作小时'}`;

export async function categoryDetail(db: Tx, id: number): Promise<CategoryDetail> {
  const [all, departments, open, stamp] = await Promise.all([
    loadCategories(db),
    activeDepartmentIds(db),
    db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('category_id', '=', id).where('status', 'in', [...statusGroups.open]).executeTakeFirstOrThrow(),
    db.selectFrom('categories').select('updated_at').where('id', '=', id).executeTakeFirst(),
  ]);
  const c = all.find((x) => x.id === id);
  if (!c || !stamp) throw new AppError('CATEGORY_NOT_FOUND');
  const category = present(c, { openCases: Number(open.n), updatedAt: stamp.updated_at, warnings: warningsOf(c, new Map(all.map((x) => [x.id, x])), departments) });
  const [history, policies, rules] = await Promise.all([
    db.selectFrom('category_changes as h').leftJoin('users as u', 'u.id', 'h.changed_by')
      .select(['h.id', 'h.action', sql<string>`to_char(h.effective_date, 'YYYY-MM-DD')`.as('effective_date'), 'h.reason', 'h.before', 'h.after', 'h.changed_at', 'u.display_name'])
      .where('h.category_id', '=', id).orderBy('h.id', 'desc').execute(),
    db.selectFrom('time_limit_policies').selectAll()
      .where('superseded_at', 'is', null).where('deleted', '=', false).where('case_type', 'is', null)
      .where((eb) => eb.or([eb('category_id', '=', id), eb('category_id', 'is', null)]))
      .orderBy('urgency').execute(),
    db.selectFrom('routing_rules').select(['id', 'name', 'is_active', 'conditions']).where('is_deleted', '=', false).orderBy('position').execute(),
  ]);
  const own = new Set(policies.filter((p) => p.category_id === id).map((p) => p.urgency));
  const applying: CategoryPolicy[] = policies
    .filter((p) => p.category_id === id || !own.has(p.urgency))
    .map((p) => ({ id: p.id, scope: p.category_id === id ? 'category' : 'all', urgency: p.urgency, reply: limitText(p.reply_limit, p.reply_unit), sign: limitText(p.sign_limit, p.sign_unit), version: p.version }));
  return {
    category,
    history: history.map((h) => ({
      id: Number(h.id), action: h.action, effectiveDate: h.effective_date, reason: h.reason, before: h.before ?? null, after: h.after ?? null,
      changedBy: h.display_name ?? null, changedAt: h.changed_at.toISOString(),
    })),
    policies: applying,
    rules: rules.filter((r) => (r.conditions.categoryIds ?? []).includes(id)).map((r) => ({ id: r.id, name: r.name, isActive: r.is_active })),
  };
}
