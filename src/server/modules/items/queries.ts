import { sql, type ExpressionBuilder } from 'kysely';
import type { ItemAction, ItemDetail, ItemsQuery, ItemSummary } from '../../../contracts/items.js';
import { canReport, canSeeAllItems, isItemSupervisor, progressShare, reportPeriods } from '../../../domain/items/index.js';
import type { DB } from '../../db/schema.js';
import type { ItemRow } from '../../db/schema-items.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { itemOrdersOf } from '../supervision/index.js';
import type { Names } from '../org/index.js';
import { unitsOf, viewerOf } from './access.js';
import { scheduleOf } from './commands.js';

// Reading items: the list (督办事项, 本单位督办事项) and one item's page with its targets, milestones, reports, orders
// and event record. Scope: supervisors and leaders see all; unit staff see the items of their unit (lead or co).

type SummaryRow = ItemRow & { next_title: string | null; next_due: string | null; shares: number[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function unitScope(departmentId: number) {
  return (eb: ExpressionBuilder<DB, 'items'>) => eb.or([
    eb('items.lead_department_id', '=', departmentId),
    eb(sql.lit(departmentId), '=', eb.fn.any(eb.ref('items.co_department_ids'))),
  ]);
}

function present(r: SummaryRow, names: Names): ItemSummary {
  return {
    id: r.id, code: r.code, title: r.title, sourceKind: r.source_kind, sourceRef: r.source_ref, leaderName: r.leader_name,
    leadDepartmentId: r.lead_department_id, leadDepartmentName: names.department(r.lead_department_id) ?? '',
    coDepartmentNames: r.co_department_ids.map((d) => names.department(d) ?? ''), startDate: r.start_date, endDate: r.end_date,
    state: r.state, light: r.light, lightReasons: r.light_reasons ?? [],
    nextMilestone: r.next_title && r.next_due ? { title: r.next_title, dueDate: r.next_due } : null,
    progressShare: progressShare((r.shares ?? []).map(Number)),
    origin: r.origin_type && r.origin_id != null ? { type: r.origin_type, id: Number(r.origin_id) } : null, isDemo: r.is_demo,
  };
}

function summaries(db: AppDeps['database']['db']) {
  return db.selectFrom('items').selectAll('items').select([
    sql<string | null>`(SELECT m.title FROM item_milestones m WHERE m.item_id = items.id AND m.done_at IS NULL ORDER BY m.due_at, m.id LIMIT 1)`.as('next_title'),
    sql<string | null>`(SELECT m.due_date FROM item_milestones m WHERE m.item_id = items.id AND m.done_at IS NULL ORDER BY m.due_at, m.id LIMIT 1)`.as('next_due'),
    sql<number[]>`(SELECT coalesce(array_agg(least(1.0, t.progress_value / t.target_value)), '{}') FROM item_targets t WHERE t.item_id = items.id)`.as('shares'),
  ]);
}

export async function findItems(deps: AppDeps, user: StaffUser, q: ItemsQuery) {
  const { db } = deps.database;
  let query = summaries(db);
  const viewer = viewerOf(user);
  if (!canSeeAllItems(viewer) || q.scope === 'mine') query = query.where(unitScope(user.departmentId));
  if (q.sourceKind) query = query.where('source_kind', '=', q.sourceKind);
  if (q.leader) query = query.where('leader_name', 'like', `%${q.leader.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.departmentId) query = query.where(unitScope(q.departmentId));
  if (q.light) query = query.where('light', '=', q.light);
  if (q.state) query = query.where('state', '=', q.state);
  if (q.q) query = query.where((eb) => eb.or([eb('title', 'like', `%${q.q}%`), eb('code', '=', q.q!)]));
  const [rows, count] = await Promise.all([
    query.orderBy(sql`CASE items.light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END`).orderBy('items.id', 'desc')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    query.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = (await deps.directory.ready()).names();
  return { items: rows.map((r) => present(r as SummaryRow, names)), total: Number(count.n), page: q.page, pageSize: q.pageSize };
}

/** The items another record made (e.g. an indicator's reform measures), red and yellow first; no viewer scope: the caller checks its own. */
export async function itemsByOrigin(deps: AppDeps, type: string, ids: readonly number[]): Promise<ItemSummary[]> {
  if (!ids.length) return [];
  const rows = await summaries(deps.database.db).where('origin_type', '=', type).where('origin_id', 'in', [...ids])
    .orderBy(sql`CASE items.light WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END`).orderBy('items.id').execute();
  const names = (await deps.directory.ready()).names();
  return rows.map((r) => present(r as SummaryRow, names));
}

export async function getItem(deps: AppDeps, user: StaffUser, id: number): Promise<ItemDetail> {
  const { db } = deps.database;
  const row = await summaries(db).where('items.id', '=', id).executeTakeFirst() as SummaryRow | undefined;
  const viewer = viewerOf(user);
  if (!row || !(canSeeAllItems(viewer) || canReport(viewer, unitsOf(row)))) throw new AppError('ITEM_NOT_FOUND');
  const now = deps.now();
  const [targets, milestones, reports, files, orders, events] = await Promise.all([
    db.selectFrom('item_targets').selectAll().where('item_id', '=', id).orderBy('seq').execute(),
    db.selectFrom('item_milestones').selectAll().where('item_id', '=', id).orderBy('due_at').orderBy('seq').execute(),
    db.selectFrom('item_reports').selectAll().where('item_id', '=', id).orderBy('id', 'desc').execute(),
    db.selectFrom('item_files').select(['id', 'file_name', 'report_id']).where('item_id', '=', id).execute(),
    itemOrdersOf(db, id),
    db.selectFrom('item_events').select(['seq', 'type', 'at', 'actor_user_id', 'actor_role', 'payload']).where('item_id', '=', id).orderBy('seq').execute(),
  ]);
  const names = (await deps.directory.ready()).names();
  const schedule = scheduleOf(row);
  const reported = new Set(reports.filter((r) => r.state !== 'returned' && r.period).map((r) => r.period!));
  const isSupervisor = isItemSupervisor(viewer);
  const isOpen = row.state === 'in_progress';
  const mayReport = canReport(viewer, unitsOf(row));
  const allowed: ItemAction[] = [];
  const blocked: Record<string, string> = {};
  if (isSupervisor) {
    if (isOpen) allowed.push('edit', 'review', 'order', 'close');
    else for (const a of ['edit', 'review', 'order', 'close']) blocked[a] = '事项已销号';
  }
  if (mayReport) {
    if (isOpen) allowed.push('report');
    else blocked.report = '事项已销号，不能再报送进展';
  }
  const isUnitStaff = user.roles.includes('handler') || user.roles.includes('head');
  return {
    ...present(row, names),
    sourceDate: row.source_date, sourceWords: row.source_words, leaderUserId: row.leader_user_id, coDepartmentIds: row.co_department_ids,
    coDepartments: row.co_department_ids.map((d) => ({ id: d, name: names.department(d) ?? '' })), description: row.description,
    schedule: { frequency: schedule.frequency, day: row.report_day },
    reportPeriods: reportPeriods(schedule, row.start_date, row.end_date).map((p) => ({
      period: p.period, dueDate: p.dueDate, reported: reported.has(p.period), isPastDue: p.dueAt.getTime() < now.getTime(),
    })),
    targets: targets.map((t) => ({ id: t.id, name: t.name, measure: t.measure, value: t.target_value, progress: t.progress_value, sites: t.sites })),
    milestones: milestones.map((m) => ({
      id: m.id, title: m.title, dueDate: m.due_date, dueWorkingDays: m.due_working_days, doneAt: iso(m.done_at),
      isOverdue: !m.done_at && m.due_at.getTime() < now.getTime(),
    })),
    reports: reports.map((r) => ({
      id: r.id, departmentId: r.department_id, departmentName: names.department(r.department_id) ?? '', period: r.period, dueAt: iso(r.due_at),
      text: r.text, figures: r.figures, milestoneIds: r.milestone_ids.map(Number),
      files: files.filter((f) => f.report_id === r.id).map((f) => ({ id: f.id, fileName: f.file_name })),
      warnings: r.warnings, isLate: r.is_late, state: r.state, submittedByName: names.user(r.submitted_by), submittedAt: r.submitted_at.toISOString(),
      reviewedAt: iso(r.reviewed_at), reviewReason: r.review_reason,
    })),
    orders: orders.filter((o) => !isUnitStaff || isSupervisor || canSeeAllItems(viewer) || o.department_id === user.departmentId).map((o) => ({
      id: o.id, code: o.code, departmentId: o.department_id, departmentName: names.department(o.department_id) ?? '', level: o.level, state: o.state,
      demands: o.demands, deadline: o.deadline.toISOString(), issuedAt: o.issued_at.toISOString(), answerText: o.answer_text,
      answeredAt: iso(o.answered_at), answeredLate: o.answered_late, closedAt: iso(o.closed_at), closeReason: o.close_reason,
      isOverdue: o.state === 'open' && o.deadline.getTime() < now.getTime(),
      allowedOrderActions: [
        ...(o.state === 'open' && isUnitStaff && o.department_id === user.departmentId ? ['answer' as const] : []),
        ...(o.state === 'answered' && isSupervisor ? ['close' as const] : []),
      ],
    })),
    events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at.toISOString(), actorName: names.user(e.actor_user_id), actorRole: e.actor_role, payload: e.payload })),
    closedAt: iso(row.closed_at), closeEvidence: row.close_evidence, createdAt: row.created_at.toISOString(),
    allowedActions: allowed, blockedActions: blocked,
  };
}
