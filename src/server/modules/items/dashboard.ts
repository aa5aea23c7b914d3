import { sql } from 'kysely';
import type { ItemDashboard, ItemScreenPanel } from '../../../contracts/items-ledger.js';
import { canSeeAllItems, itemSourceKinds, itemSourceNames, progressShare } from '../../../domain/items/index.js';
import type { StoredLightReason } from '../../db/schema-items.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { viewerOf } from './access.js';

// The items dashboard (督办事项看板) and the big screen's panel: counts by light, source and lead unit over the items
// in progress the viewer may see, overdue milestones and missing reports (from the lights the sweep stored).

const listLimit = 50;

function scopeSql(user: StaffUser) {
  if ( canSeeAllItems(viewerOf(user))) return sql`true`;
  return sql`(i.lead_department_id = ${user.departmentId} OR ${user.departmentId} = ANY(i.co_department_ids))`;
}

export async function itemDashboard(deps: AppDeps, user: StaffUser): Promise<ItemDashboard> {
  const { db } = deps.database;
  const scope = scopeSql(user);
  const names = (await deps.directory.ready()).names();
  const now = deps.now();
  const [groups, overdue, overdueCount, reds] = await Promise.all([
    sql<{ source_kind: string; lead_department_id: number; state: string; light: string; n: number }>`
      SELECT i.source_kind, i.lead_department_id, i.state, i.light, count(*)::int AS n FROM items i WHERE ${scope}
      GROUP BY 1, 2, 3, 4`.execute(db),
    sql<{ item_id: number; code: string; title: string; milestone: string; due_date: string; lead_department_id: number }>`
      SELECT m.item_id, i.code, i.title, m.title AS milestone, m.due_date, i.lead_department_id
      FROM item_milestones m JOIN items i ON i.id = m.item_id
      WHERE m.done_at IS NULL AND m.due_at < ${now} AND i.state = 'in_progress' AND ${scope}
      ORDER BY m.due_at, m.id LIMIT ${listLimit}`.execute(db),
    sql<{ n: number }>`SELECT count(*)::int AS n FROM item_milestones m JOIN items i ON i.id = m.item_id
      WHERE m.done_at IS NULL AND m.due_at < ${now} AND i.state = 'in_progress' AND ${scope}`.execute(db),
    sql<{ id: number; code: string; title: string; lead_department_id: number; light_reasons: StoredLightReason[] }>`
      SELECT i.id, i.code, i.title, i.lead_department_id, i.light_reasons FROM items i
      WHERE i.state = 'in_progress' AND i.light = 'red' AND ${scope} ORDER BY i.id`.execute(db),
  ]);
  const byLight = { green: 0, yellow: 0, red: 0 };
  const bySource = new Map(itemSourceKinds.map((k) => [k as string, { sourceKind: k as string, name: itemSourceNames[k], green: 0, yellow: 0, red: 0 }]));
  const byUnit = new Map<number, { departmentId: number; name: string; green: number; yellow: number; red: number }>();
  let open = 0;
  let closed = 0;
  for (const g of groups.rows) {
    const n = Number(g.n);
    if (g.state === 'closed') { closed += n; continue; }
    open += n;
    const light = g.light as keyof typeof byLight;
    byLight[light] += n;
    bySource.get(g.source_kind)![light] += n;
    const unit = byUnit.get(g.lead_department_id) ?? { departmentId: g.lead_department_id, name: names.department(g.lead_department_id) ?? '', green: 0, yellow: 0, red: 0 };
    unit[light] += n;
    byUnit.set(g.lead_department_id, unit);
  }
  const missing = reds.rows.flatMap((r) => (r.light_reasons ?? []).filter((x) => x.key.startsWith('report:')).map((x) => ({
    itemId: Number(r.id), code: r.code, title: r.title, period: x.key.slice('report:'.length), departmentName: names.department(r.lead_department_id) ?? '',
  })));
  return {
    open, closed, byLight, bySource: [...bySource.values()],
    byUnit: [...byUnit.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || (b.red + b.yellow + b.green) - (a.red + a.yellow + a.green) || a.departmentId - b.departmentId),
    overdueMilestones: overdue.rows.map((m) => ({
      itemId: Number(m.item_id), code: m.code, title: m.title, milestone: m.milestone, dueDate: m.due_date, departmentName: names.department(m.lead_department_id) ?? '',
    })),
    overdueMilestoneCount: Number(overdueCount.rows[0]?.n ?? 0),
    missingReports: missing.slice(0, listLimit), missingReportCount: missing.length,
  };
}

/** The big screen's key tasks: items in progress the viewer may see, red → yellow → green, at most `limit`. */
export async function itemScreenPanel(deps: AppDeps, user: StaffUser, limit = 12): Promise<ItemScreenPanel> {
  const { db } = deps.database;
  const scope = scopeSql(user);
  const names = (await deps.directory.ready()).names();
  const [counts, rows] = await Promise.all([
    sql<{ light: 'green' | 'yellow' | 'red'; n: number }>`SELECT light, count(*)::int AS n FROM items i WHERE state = 'in_progress' AND ${scope} GROUP BY light`.execute(db),
    sql<{ id: number; title: string; lead_department_id: number; light: 'green' | 'yellow' | 'red'; shares: number[] }>`
      SELECT i.id, i.title, i.lead_department_id, i.light,
        (SELECT coalesce(array_agg(least(1.0, t.progress_value / t.target_value)), '{}') FROM item_targets t WHERE t.item_id = i.id) AS shares
      FROM items i WHERE i.state = 'in_progress' AND ${scope}
      ORDER BY CASE i.light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, i.id LIMIT ${limit}`.execute(db),
  ]);
  const byLight = { green: 0, yellow: 0, red: 0 };
  for (const c of counts.rows) byLight[c.light] = Number(c.n);
  return {
    byLight,
    items: rows.rows.map((r) => ({
      id: Number(r.id), title: r.title, departmentName: names.department(r.lead_department_id) ?? '', light: r.light,
      progressShare: progressShare((r.shares ?? []).map(Number)),
    })),
  };
}
