import type { Kysely, Transaction } from 'kysely';
import { analyseRule, cleanWords, type RoutingRule } from '../../../domain/routing/rules.js';
import type { RuleInput, RuleUpdate } from '../../../contracts/routing.js';
import { zRuleInput, zRuleUpdate } from '../../../contracts/routing.js';
import type { DB } from '../../db/schema.js';
import type { StoredRuleFlag } from '../../db/schema-routing.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { hierarchyOf } from './hierarchy.js';
import { routerState, rulesTtlMs } from './state.js';

// Routing rules: all their SQL, the per-process cache, and the analysis run on every save (flags).

type RuleRow = Awaited<ReturnType<typeof selectRules>>[number];

function selectRules(db: Tx) {
  return db.selectFrom('routing_rules as r').leftJoin('users as u', 'u.id', 'r.updated_by')
    .select(['r.id', 'r.name', 'r.position', 'r.is_active', 'r.version', 'r.conditions', 'r.lead_department_id', 'r.co_department_ids',
      'r.flags', 'r.updated_at', 'u.display_name as updated_by_name'])
    .where('r.is_deleted', '=', false).orderBy('r.position').orderBy('r.id').execute();
}

export function toRule(row: Pick<RuleRow, 'id' | 'name' | 'position' | 'is_active' | 'version' | 'conditions' | 'lead_department_id' | 'co_department_ids'>): RoutingRule {
  const c = row.conditions;
  return {
    id: row.id, version: row.version, name: row.name, position: row.position, isActive: row.is_active,
    categoryIds: c.categoryIds ?? [], districtIds: c.districtIds ?? [], keywords: c.keywords ?? [], keywordMode: c.keywordMode ?? 'any',
    locations: c.locations ?? [], leadDepartmentId: row.lead_department_id, coDepartmentIds: row.co_department_ids ?? [],
  };
}

export async function listRuleRows(db: Tx) {
  return selectRules(db);
}

async function activeDepartmentIds(db: Tx): Promise<Set<number>> {
  const rows = await db.selectFrom('departments').select('id').where('is_active', '=', true).execute();
  return new Set(rows.map((r) => r.id));
}

/** The rules as the router applies them, cached in this process. */
export async function cachedRules(deps: AppDeps): Promise<{ list: RoutingRule[]; activeDepartments: Set<number> }> {
  const state = routerState(deps.database);
  if (!state.rules || Date.now() - state.rules.loadedAt > rulesTtlMs) {
    state.rulesLoading ??= (async () => {
      const [rows, active] = await Promise.all([selectRules(deps.database.db), activeDepartmentIds(deps.database.db)]);
      state.rules = { list: rows.map(toRule), activeDepartments: active, loadedAt: Date.now() };
    })().finally(() => (state.rulesLoading = null));
    await state.rulesLoading;
  }
  return state.rules!;
}

function invalidateRules(deps: AppDeps) {
  routerState(deps.database).rules = null;
}

/** Ids named by a rule must exist (categories, districts/towns/parks, departments). */
async function checkReferences(deps: AppDeps, input: ReturnType<typeof zRuleInput.parse>) {
  const dir = await deps.directory.ready();
  const depts = [input.leadDepartmentId, ...input.coDepartmentIds, ...input.districtIds];
  if (depts.some((id) => !dir.department(id))) throw new AppError('DEPARTMENT_NOT_FOUND');
  if (input.categoryIds.some((id) => !dir.category(id))) throw new AppError('CATEGORY_NOT_FOUND');
  if (input.coDepartmentIds.includes(input.leadDepartmentId)) throw new AppError('LEAD_IN_CO');
  if (new Set(input.coDepartmentIds).size !== input.coDepartmentIds.length) throw new AppError('DUPLICATE_DEPARTMENT');
}

function conditionsJson(input: ReturnType<typeof zRuleInput.parse>) {
  return JSON.stringify({
    categoryIds: [...new Set(input.categoryIds)], districtIds: [...new Set(input.districtIds)],
    // Keep what the admin wrote (trimmed); empty entries are kept so the flag can say so, then ignored by matching.
    keywords: input.keywords.map((k) => k.trim()), keywordMode: input.keywordMode, locations: input.locations.map((l) => l.trim()).filter(Boolean),
  });
}

function snapshotOf(rule: RoutingRule) {
  return JSON.stringify(rule);
}

/** Recomputes every rule's flags (a new or moved rule can shadow others) and stores those that changed. */
async function refreshFlags(deps: AppDeps, tx: Tx): Promise<Map<number, StoredRuleFlag[]>> {
  const dir = await deps.directory.ready();
  const rows = await selectRules(tx);
  const active = await activeDepartmentIds(tx);
  const rules = rows.map(toRule);
  const h = hierarchyOf(dir);
  const out = new Map<number, StoredRuleFlag[]>();
  for (const row of rows) {
    const flags = analyseRule(toRule(row), rules, (id) => active.has(id), h) as StoredRuleFlag[];
    out.set(row.id, flags);
    if (JSON.stringify(flags) !== JSON.stringify(row.flags)) {
      await tx.updateTable('routing_rules').set({ flags: JSON.stringify(flags) }).where('id', '=', row.id).execute();
    }
  }
  return out;
}

/** Serialises rule edits across requests and processes (the one settings row is the lock). */
async function lockRules(tx: Tx) {
  await tx.selectFrom('routing_settings').select('id').where('id', '=', 1).forUpdate().execute();
}

async function shiftForInsert(tx: Tx, position: number) {
  await tx.updateTable('routing_rules').set((eb) => ({ position: eb('position', '+', 1) })).where('is_deleted', '=', false).where('position', '>=', position).execute();
}

async function renumber(tx: Tx) {
  const rows = await tx.selectFrom('routing_rules').select(['id', 'position']).where('is_deleted', '=', false).orderBy('position').orderBy('id').execute();
  for (const [i, r] of rows.entries()) {
    if (r.position !== i + 1) await tx.updateTable('routing_rules').set({ position: i + 1 }).where('id', '=', r.id).execute();
  }
}

/** A rule as the audit trail shows it: departments by name. */
function auditView(deps: AppDeps, r: RoutingRule) {
  const dept = (id: number) => deps.directory.department(id)?.name ?? `#${id}`;
  const cat = (id: number) => deps.directory.category(id)?.name ?? `#${id}`;
  return {
    name: r.name, position: r.position, isActive: r.isActive, categories: r.categoryIds.map(cat), districts: r.districtIds.map(dept),
    keywords: r.keywords, keywordMode: r.keywordMode === 'all' ? '全部包含' : '任一包含', locations: r.locations,
    lead: r.leadDepartmentId == null ? null : dept(r.leadDepartmentId), co: r.coDepartmentIds.map(dept),
  };
}

/** Stores the rule's new version and records the change (the previous version → this one) in the admin audit trail. */
async function saveVersion(tx: Transaction<DB>, deps: AppDeps, id: number, change: 'created' | 'updated' | 'deleted' | 'reordered', user: StaffUser, address: string | null, now: Date, flags: StoredRuleFlag[]) {
  const row = await tx.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const previous = await tx.selectFrom('routing_rule_versions').select('snapshot').where('rule_id', '=', id).orderBy('version', 'desc').limit(1).executeTakeFirst();
  await tx.insertInto('routing_rule_versions').values({
    rule_id: id, version: row.version, snapshot: snapshotOf(toRule(row)), flags: JSON.stringify(flags), saved_by: user.id, saved_at: now, change,
  }).execute();
  const before = previous ? (typeof previous.snapshot === 'string' ? JSON.parse(previous.snapshot) : previous.snapshot) as RoutingRule : null;
  await recordAdminChange(tx, staffActor(user, address), {
    action: 'routing.rule', targetType: 'routing', targetId: id, targetName: `分派规则：${row.name}`,
    before: before ? auditView(deps, before) : null, after: change === 'deleted' ? null : auditView(deps, toRule(row)),
  }, now);
}

export async function createRule(deps: AppDeps, user: StaffUser, body: RuleInput, address: string | null = null): Promise<number> {
  const input = zRuleInput.parse(body);
  await checkReferences(deps, input);
  const now = deps.now();
  const id = await deps.database.db.transaction().execute(async (tx) => {
    await lockRules(tx);
    const max = await tx.selectFrom('routing_rules').select((eb) => eb.fn.max('position').as('m')).where('is_deleted', '=', false).executeTakeFirst();
    const last = Number(max?.m ?? 0) + 1;
    const position = Math.min(input.position ?? last, last);
    await shiftForInsert(tx, position);
    const { id } = await tx.insertInto('routing_rules').values({
      name: input.name, position, is_active: input.isActive, version: 1, conditions: conditionsJson(input),
      lead_department_id: input.leadDepartmentId, co_department_ids: JSON.stringify(input.coDepartmentIds), flags: '[]',
      created_at: now, updated_at: now, updated_by: user.id,
    }).returning('id').executeTakeFirstOrThrow();
    await renumber(tx);
    const flags = await refreshFlags(deps, tx);
    await saveVersion(tx, deps, id, 'created', user, address, now, flags.get(id) ?? []);
    return id;
  });
  invalidateRules(deps);
  return id;
}

export async function updateRule(deps: AppDeps, user: StaffUser, id: number, body: RuleUpdate, address: string | null = null): Promise<void> {
  const input = zRuleUpdate.parse(body);
  await checkReferences(deps, input);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await lockRules(tx);
    const row = await tx.selectFrom('routing_rules').selectAll().where('id', '=', id).where('is_deleted', '=', false).executeTakeFirst();
    if (!row) throw new AppError('RULE_NOT_FOUND');
    if (row.version !== input.version) throw new AppError('RULE_STALE', { currentVersion: row.version });
    let position = row.position;
    if (input.position != null && input.position !== row.position) {
      // Take it out, then insert at the new place.
      await tx.updateTable('routing_rules').set({ position: 1_000_000 }).where('id', '=', id).execute();
      await renumber(tx);
      position = input.position;
      await shiftForInsert(tx, position);
    }
    await tx.updateTable('routing_rules').set({
      name: input.name, position, is_active: input.isActive, version: row.version + 1, conditions: conditionsJson(input),
      lead_department_id: input.leadDepartmentId, co_department_ids: JSON.stringify(input.coDepartmentIds), updated_at: now, updated_by: user.id,
    }).where('id', '=', id).execute();
    await renumber(tx);
    const flags = await refreshFlags(deps, tx);
    await saveVersion(tx, deps, id, 'updated', user, address, now, flags.get(id) ?? []);
  });
  invalidateRules(deps);
}

export async function deleteRule(deps: AppDeps, user: StaffUser, id: number, address: string | null = null): Promise<void> {
  const now = deps.now();
  // The audit record names departments: load the directory before the transaction (PGlite has one connection).
  await deps.directory.ready();
  await deps.database.db.transaction().execute(async (tx) => {
    await lockRules(tx);
    const row = await tx.selectFrom('routing_rules').select(['version']).where('id', '=', id).where('is_deleted', '=', false).executeTakeFirst();
    if (!row) throw new AppError('RULE_NOT_FOUND');
    await tx.updateTable('routing_rules').set({ is_deleted: true, is_active: false, version: row.version + 1, updated_at: now, updated_by: user.id, position: 1_000_000 })
      .where('id', '=', id).execute();
    await saveVersion(tx, deps, id, 'deleted', user, address, now, []);
    await renumber(tx);
    await refreshFlags(deps, tx);
  });
  invalidateRules(deps);
}

/** New order of precedence; every rule whose place changed gets a new version. */
export async function reorderRules(deps: AppDeps, user: StaffUser, ruleIds: number[], address: string | null = null): Promise<void> {
  const now = deps.now();
  await deps.directory.ready();
  await deps.database.db.transaction().execute(async (tx) => {
    await lockRules(tx);
    const rows = await tx.selectFrom('routing_rules').select(['id', 'position', 'version']).where('is_deleted', '=', false).execute();
    const ids = new Set(rows.map((r) => r.id));
    if (ruleIds.length !== rows.length || new Set(ruleIds).size !== ruleIds.length || ruleIds.some((id) => !ids.has(id))) {
      throw new AppError('RULE_REORDER_INVALID');
    }
    const moved: number[] = [];
    for (const [i, id] of ruleIds.entries()) {
      const r = rows.find((x) => x.id === id)!;
      if (r.position !== i + 1) {
        await tx.updateTable('routing_rules').set({ position: i + 1, version: r.version + 1, updated_at: now, updated_by: user.id }).where('id', '=', id).execute();
        moved.push(id);
      }
    }
    const flags = await refreshFlags(deps, tx);
    for (const id of moved) await saveVersion(tx, deps, id, 'reordered', user, address, now, flags.get(id) ?? []);
  });
  invalidateRules(deps);
}

export async function ruleHistory(db: Kysely<DB>, id: number) {
  const exists = await db.selectFrom('routing_rules').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw new AppError('RULE_NOT_FOUND');
  return db.selectFrom('routing_rule_versions as v').leftJoin('users as u', 'u.id', 'v.saved_by')
    .select(['v.version', 'v.change', 'v.saved_at', 'v.snapshot', 'v.flags', 'u.display_name as saved_by_name'])
    .where('v.rule_id', '=', id).orderBy('v.version', 'desc').execute();
}

export { cleanWords };
