import { sql } from 'kysely';
import type { UnitDetail, UnitNode } from '../../../contracts/org-units.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../kernel/index.js';

// Reads for the organisation screen: the whole tree with counts in one statement, and one unit's page.

interface NodeRow {
  id: number; code: string; name: string; kind: UnitNode['kind']; parent_id: number | null; phone: string | null; sort_order: number;
  is_active: boolean; successor_id: number | null; retired_on: string | null; people: number; open_cases: number;
}

const toNode = (r: NodeRow): UnitNode => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id, phone: r.phone, sortOrder: r.sort_order, isActive: r.is_active,
  successorId: r.successor_id, retiredOn: r.retired_on, people: Number(r.people), openCases: Number(r.open_cases),
});

/**
 * Every unit with its active accounts and open cases (distinct cases holding a pending or signed assignment), as the
 * JSON text of the answer `{ items: UnitNode[] }` (zUnitTree), built by the database in one statement. A province has
 * 5,000 units: read as rows, PGlite's result parsing and the response's validation and serialisation of 5,000 objects
 * cost more than the query itself (docs/org.md, Figures). Keys and types are those of `toNode`; the org test compares
 * the answer with the schema.
 */
export async function unitTreeJson(db: Tx): Promise<string> {
  const { rows } = await sql<{ tree: string }>`
    SELECT json_build_object('items', coalesce(json_agg(json_build_object(
             'id', d.id, 'code', d.code, 'name', d.name, 'kind', d.kind, 'parentId', d.parent_id, 'phone', d.phone,
             'sortOrder', d.sort_order, 'isActive', d.is_active, 'successorId', d.successor_id, 'retiredOn', d.retired_on,
             'people', coalesce(u.n, 0), 'openCases', coalesce(a.n, 0)) ORDER BY d.sort_order, d.id), '[]'::json))::text AS tree
      FROM departments d
      LEFT JOIN (SELECT department_id, count(*) AS n FROM users WHERE is_active GROUP BY department_id) u ON u.department_id = d.id
      LEFT JOIN (SELECT department_id, count(DISTINCT case_id) AS n FROM assignments WHERE status IN ('pending', 'signed') GROUP BY department_id) a
        ON a.department_id = d.id`.execute(db);
  return rows[0].tree;
}

export async function unitDetail(db: Tx, id: number): Promise<UnitDetail> {
  const { rows } = await sql<NodeRow>`
    SELECT d.id, d.code, d.name, d.kind, d.parent_id, d.phone, d.sort_order, d.is_active, d.successor_id, d.retired_on,
           (SELECT count(*) FROM users u WHERE u.department_id = d.id AND u.is_active) AS people,
           (SELECT count(DISTINCT case_id) FROM assignments a WHERE a.department_id = d.id AND a.status IN ('pending', 'signed')) AS open_cases
      FROM departments d WHERE d.id = ${id}`.execute(db);
  if (!rows[0]) throw new AppError('UNIT_NOT_FOUND', { id });
  const unit = toNode(rows[0]);
  const [people, categories, history, openCases] = await Promise.all([
    db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'roles', 'is_active']).where('department_id', '=', id)
      .orderBy('is_active', 'desc').orderBy('id').limit(500).execute(),
    db.selectFrom('categories').select(['id', 'code', 'name']).where('default_lead_department_id', '=', id).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('department_changes as c').leftJoin('users as u', 'u.id', 'c.recorded_by')
      .select(['c.id', 'c.change', 'c.effective_on', 'c.before', 'c.after', 'c.other_id', 'c.new_ids', 'c.recorded_at', 'u.display_name'])
      .where('c.department_id', '=', id).orderBy('c.effective_on', 'desc').orderBy('c.id', 'desc').execute(),
    db.selectFrom('assignments as a').innerJoin('cases as c', 'c.id', 'a.case_id')
      .select(['c.id', 'c.code', 'c.title', 'c.status', 'a.role', 'a.parent_assignment_id'])
      .where('a.department_id', '=', id).where('a.status', 'in', ['pending', 'signed']).orderBy('c.id', 'desc').limit(50).execute(),
  ]);
  const nameIds = new Set<number>([unit.parentId, unit.successorId, ...history.flatMap((h) => [h.other_id, ...(h.new_ids ?? [])])].filter((x): x is number => x != null));
  const names = new Map((nameIds.size ? await db.selectFrom('departments').select(['id', 'name']).where('id', 'in', [...nameIds]).execute() : []).map((r) => [r.id, r.name]));
  return {
    unit,
    parentName: unit.parentId == null ? null : names.get(unit.parentId) ?? null,
    successorName: unit.successorId == null ? null : names.get(unit.successorId) ?? null,
    people: people.map((p) => ({ id: p.id, username: p.username, displayName: p.display_name, role: p.role, roles: p.roles, isActive: p.is_active })),
    openCaseList: openCases.filter((c, i) => openCases.findIndex((x) => x.id === c.id) === i).map((c) => ({ id: Number(c.id), code: c.code, title: c.title, status: c.status, role: c.role, isSub: c.parent_assignment_id != null })),
    categories,
    history: history.map((h) => ({
      id: h.id, change: h.change, effectiveOn: h.effective_on, before: h.before ?? null, after: h.after ?? null, otherId: h.other_id,
      otherName: h.other_id == null ? null : names.get(h.other_id) ?? null,
      newUnits: (h.new_ids ?? []).map((x) => ({ id: x, name: names.get(x) ?? `#${x}` })),
      recordedAt: new Date(h.recorded_at).toISOString(), recordedByName: h.display_name ?? null,
    })),
  };
}
