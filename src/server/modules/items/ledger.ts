import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ItemsQuery } from '../../../contracts/items.js';
import { canSeeAllItems, progressShare } from '../../../domain/items/index.js';
import type { DB } from '../../db/schema.js';
import type { ItemRow } from '../../db/schema-items.js';
import type { ItemLight, ItemSourceKind, ItemState } from '../../../domain/items/types.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import type { Names } from '../org/index.js';
import { viewerOf } from './access.js';

// The ledger (台账): one row per item in the shape a 督查室 prints, read in keyset pages with the items list's own
// filters and the viewer's scope (unit staff: the items of their unit), ordered by the chosen grouping so a printed
// ledger keeps each leader's / unit's / source's / light's items together. Never holds more than a page.

export const ledgerGroups = ['none', 'leader', 'unit', 'source', 'light'] as const;
export type LedgerGroup = (typeof ledgerGroups)[number];

export type LedgerFilter = Omit<ItemsQuery, 'page' | 'pageSize'> & { group: LedgerGroup };

export interface LedgerTarget { name: string; measure: string; value: number; progress: number }

export interface LedgerRow {
  id: number;
  code: string;
  title: string;
  groupKey: string;
  sourceKind: ItemSourceKind;
  sourceRef: string;
  sourceDate: string | null;
  leaderName: string;
  leadDepartmentId: number;
  leadDepartmentName: string;
  coDepartmentNames: string[];
  targets: LedgerTarget[];
  progressShare: number | null;
  nextMilestone: { title: string; dueDate: string } | null;
  latestReport: { text: string; submittedAt: Date; period: string | null } | null;
  light: ItemLight;
  state: ItemState;
  endDate: string;
}

const pageSize = 1000;

/** The grouping's sort key as text (units by their id padded, lights red → yellow → green). */
function groupKeySql(group: LedgerGroup) {
  switch (group) {
    case 'none': return sql<string>`''::text`;
    case 'leader': return sql<string>`items.leader_name`;
    case 'unit': return sql<string>`lpad(items.lead_department_id::text, 10, '0')`;
    case 'source': return sql<string>`items.source_kind`;
    case 'light': return sql<string>`CASE items.light WHEN 'red' THEN '0' WHEN 'yellow' THEN '1' ELSE '2' END`;
    default: { const never: never = group; throw new Error(`unknown group ${String(never)}`); }
  }
}

function unitScope(departmentId: number) {
  return (eb: ExpressionBuilder<DB, 'items'>) => eb.or([
    eb('items.lead_department_id', '=', departmentId),
    eb(sql.lit(departmentId), '=', eb.fn.any(eb.ref('items.co_department_ids'))),
  ]);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The same filters and scope as the items list (queries.ts findItems). */
function filtered(deps: AppDeps, user: StaffUser, f: LedgerFilter) {
  const key = groupKeySql(f.group);
  let q = deps.database.db.selectFrom('items').selectAll('items').select([
    key.as('group_key'),
    sql<string | null>`(SELECT m.title FROM item_milestones m WHERE m.item_id = items.id AND m.done_at IS NULL ORDER BY m.due_at, m.id LIMIT 1)`.as('next_title'),
    sql<string | null>`(SELECT m.due_date FROM item_milestones m WHERE m.item_id = items.id AND m.done_at IS NULL ORDER BY m.due_at, m.id LIMIT 1)`.as('next_due'),
  ]);
  if (!canSeeAllItems(viewerOf(user)) || f.scope === 'mine') q = q.where(unitScope(user.departmentId));
  if (f.sourceKind) q = q.where('items.source_kind', '=', f.sourceKind);
  if (f.leader) q = q.where('items.leader_name', 'like', `%${escapeLike(f.leader)}%`);
  if (f.departmentId) q = q.where(unitScope(f.departmentId));
  if (f.light) q = q.where('items.light', '=', f.light);
  if (f.state) q = q.where('items.state', '=', f.state);
  if (f.q) q = q.where((eb) => eb.or([eb('items.title', 'like', `%${escapeLike(f.q!)}%`), eb('items.code', '=', f.q!)]));
  return { q, key };
}

/** The ledger's rows, page after page (keyset on the group key and the id). */
export async function* ledgerPages(deps: AppDeps, user: StaffUser, f: LedgerFilter): AsyncIterable<LedgerRow[]> {
  const names = (await deps.directory.ready()).names();
  const { db } = deps.database;
  let after: { key: string; id: number } | null = null;
  for (;;) {
    const { q, key } = filtered(deps, user, f);
    const cursor: { key: string; id: number } | null = after;
    let page = cursor ? q.where(sql<SqlBool>`(${key}, items.id) > (${cursor.key}, ${cursor.id})`) : q;
    // A constant is no sort key (PostgreSQL refuses ORDER BY ''): ungrouped, the id alone orders the ledger.
    if (f.group !== 'none') page = page.orderBy(key);
    const rows = await page.orderBy('items.id').limit(pageSize).execute() as Row[];
    if (!rows.length && after) return;
    const ids = rows.map((r) => r.id);
    const [targets, reports] = ids.length ? await Promise.all([
      db.selectFrom('item_targets').select(['item_id', 'name', 'measure', 'target_value', 'progress_value'])
        .where('item_id', 'in', ids).orderBy('item_id').orderBy('seq').execute(),
      db.selectFrom('item_reports').distinctOn('item_id').select(['item_id', 'text', 'submitted_at', 'period'])
        .where('item_id', 'in', ids).where('state', '<>', 'returned').orderBy('item_id').orderBy('id', 'desc').execute(),
    ]) : [[], []];
    const targetsOf = new Map<number, LedgerTarget[]>();
    for (const t of targets) {
      const list = targetsOf.get(Number(t.item_id)) ?? [];
      list.push({ name: t.name, measure: t.measure, value: t.target_value, progress: t.progress_value });
      targetsOf.set(Number(t.item_id), list);
    }
    const reportOf = new Map(reports.map((r) => [Number(r.item_id), { text: r.text, submittedAt: new Date(r.submitted_at), period: r.period }]));
    yield rows.map((r) => present(r, names, targetsOf.get(r.id) ?? [], reportOf.get(r.id) ?? null));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { key: String(last.group_key), id: last.id };
  }
}

type Row = ItemRow & { group_key: string; next_title: string | null; next_due: string | null };

function present(r: Row, names: Names, targets: LedgerTarget[], latest: LedgerRow['latestReport']): LedgerRow {
  return {
    id: r.id, code: r.code, title: r.title, groupKey: String(r.group_key), sourceKind: r.source_kind, sourceRef: r.source_ref,
    sourceDate: r.source_date, leaderName: r.leader_name, leadDepartmentId: r.lead_department_id,
    leadDepartmentName: names.department(r.lead_department_id) ?? '',
    coDepartmentNames: r.co_department_ids.map((d) => names.department(d) ?? ''),
    targets, progressShare: progressShare(targets.map((t) => Math.min(1, t.progress / t.value))),
    nextMilestone: r.next_title && r.next_due ? { title: r.next_title, dueDate: r.next_due } : null,
    latestReport: latest, light: r.light, state: r.state, endDate: r.end_date,
  };
}
