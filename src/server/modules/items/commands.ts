import type { ReportRequest, ReviewRequest } from '../../../contracts/items.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import {
  canReport, figureWarnings, periodFor, reportPeriods, type ReportSchedule,
} from '../../../domain/items/index.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { ItemRow } from '../../db/schema-items.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { actorOf } from '../cases/index.js';
import { lockVisibleItem, unitsOf, viewerOf } from './access.js';
import { writeItemChange } from './repository.js';
import { refreshItemLights } from './light-sweep.js';
import { closeOpenItemOrders } from './orders.js';
import { itemLink as link, requireOpen, requireSupervisor, runItemCommand } from './run.js';

// The commands on an item after it exists (edit: edit-item.ts): report progress, review a report, close (销号). Each runs in one
// transaction: lock the item (visible to the user, else ITEM_NOT_FOUND), check, write rows + the item's events, turn
// the light for what changed, write the notices; nothing is written when a check fails.

export function scheduleOf(row: Pick<ItemRow, 'report_frequency' | 'report_day'>): ReportSchedule {
  return row.report_frequency === 'none' ? { frequency: 'none' } : { frequency: row.report_frequency, day: row.report_day ?? 28 };
}

/** A progress report by the lead unit (or a co-unit's part). Returns the report id and its warnings. */
export async function reportProgress(deps: AppDeps, user: StaffUser, id: number, req: ReportRequest) {
  return runItemCommand(deps, async (tx, notices) => {
    const row = await lockVisibleItem(tx, user, id);
    requireOpen(row);
    if (!canReport(viewerOf(user), unitsOf(row))) throw new AppError('ITEM_NOT_OWN_UNIT');
    const now = deps.now();
    const targets = await tx.selectFrom('item_targets').select(['id', 'target_value']).where('item_id', '=', id).execute();
    const targetValue = new Map(targets.map((t) => [t.id, t.target_value]));
    if (req.figures.some((f) => !targetValue.has(f.targetId))) throw new AppError('ITEM_REPORT_TARGET_UNKNOWN');
    const milestoneIds = [...new Set(req.milestoneIds)];
    if (milestoneIds.length) {
      const open = await tx.selectFrom('item_milestones').select('id').where('item_id', '=', id).where('id', 'in', milestoneIds).where('done_at', 'is', null).execute();
      if (open.length !== milestoneIds.length) throw new AppError('ITEM_REPORT_MILESTONE_UNKNOWN');
    }
    const fileIds = [...new Set(req.fileIds)];
    if (fileIds.length) {
      const files = await tx.selectFrom('item_files').select('id').where('item_id', '=', id).where('id', 'in', fileIds)
        .where('report_id', 'is', null).where('uploaded_by', '=', user.id).execute();
      if (files.length !== fileIds.length) throw new AppError('ITEM_FILE_NOT_USABLE');
    }
    // Only the lead unit's reports answer the schedule; a co-unit's part is an unscheduled report.
    const isLead = row.lead_department_id === user.departmentId;
    let period: { period: string; dueAt: Date } | null = null;
    if (isLead) {
      const reported = await tx.selectFrom('item_reports').select('period').where('item_id', '=', id).where('state', '<>', 'returned')
        .where('period', 'is not', null).execute();
      const periods = reportPeriods(scheduleOf(row), row.start_date, row.end_date);
      period = periodFor(periods, new Set(reported.map((r) => r.period!)), beijingDate(now));
    }
    const isLate = !!period && now.getTime() > period.dueAt.getTime();
    const warnings = [...figureWarnings(req.figures, targetValue), ...(isLate ? [{ code: 'REPORT_LATE' }] : [])];
    const report = await tx.insertInto('item_reports').values({
      item_id: id, department_id: user.departmentId, period: period?.period ?? null, due_at: period?.dueAt ?? null, text: req.text,
      figures: JSON.stringify(req.figures), milestone_ids: milestoneIds, file_ids: fileIds, warnings: JSON.stringify(warnings), is_late: isLate,
      submitted_by: user.id, submitted_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    if (fileIds.length) await tx.updateTable('item_files').set({ report_id: report.id }).where('id', 'in', fileIds).execute();
    const event: ItemEvent = {
      type: 'item.reported',
      payload: {
        reportId: report.id, departmentId: user.departmentId, period: period?.period ?? null, dueAt: period?.dueAt.toISOString() ?? null, isLate,
        text: req.text, figures: req.figures, milestoneIds, fileIds, warnings,
      },
    };
    await writeItemChange(tx, row, {}, [event], actorOf(user), now);
    await refreshItemLights(tx, deps.now(), [id], notices);
    notices.push({ departmentId: null, type: 'item.reported', title: `督办事项报送进展：${row.title}`, body: `${row.code}${isLate ? '（逾期报送）' : ''}：${req.text.slice(0, 80)}`, link: link(id), exceptUserId: user.id });
    return { id: report.id, isLate, warnings };
  });
}

export async function reviewReport(deps: AppDeps, user: StaffUser, id: number, reportId: number, req: ReviewRequest): Promise<void> {
  requireSupervisor(user);
  await runItemCommand(deps, async (tx, notices) => {
    const row = await lockVisibleItem(tx, user, id);
    requireOpen(row);
    const report = await tx.selectFrom('item_reports').selectAll().where('id', '=', reportId).where('item_id', '=', id).forUpdate().executeTakeFirst();
    if (!report) throw new AppError('ITEM_REPORT_NOT_FOUND');
    if (report.state !== 'submitted') throw new AppError('ITEM_REPORT_REVIEWED');
    const now = deps.now();
    if (req.decision === 'return') {
      if (!req.reason.trim()) throw new AppError('ITEM_RETURN_REASON_REQUIRED');
      await tx.updateTable('item_reports').set({ state: 'returned', reviewed_by: user.id, reviewed_at: now, review_reason: req.reason.trim() }).where('id', '=', reportId).execute();
      await writeItemChange(tx, row, {}, [{ type: 'item.report_returned', payload: { reportId, reason: req.reason.trim() } }], actorOf(user), now);
      notices.push({ departmentId: report.department_id, type: 'item.report_returned', title: `进展报告被退回：${row.title}`, body: `${row.code}：${req.reason.trim()}`, link: link(id) });
    } else {
      await tx.updateTable('item_reports').set({ state: 'accepted', reviewed_by: user.id, reviewed_at: now }).where('id', '=', reportId).execute();
      for (const f of report.figures) await tx.updateTable('item_targets').set({ progress_value: f.value }).where('id', '=', f.targetId).where('item_id', '=', id).execute();
      // A milestone finished by another accepted report in the meantime stays as it was.
      const done = report.milestone_ids.length
        ? await tx.updateTable('item_milestones').set({ done_at: now, done_report_id: reportId }).where('item_id', '=', id).where('id', 'in', report.milestone_ids)
          .where('done_at', 'is', null).returning('id').execute()
        : [];
      await writeItemChange(tx, row, {}, [{ type: 'item.report_accepted', payload: { reportId, milestoneIds: done.map((m) => m.id), figures: report.figures } }], actorOf(user), now);
    }
    await refreshItemLights(tx, deps.now(), [id], notices);
  });
}

/** 销号: the supervisor closes the item on evidence; its open orders close with it. */
export async function closeItem(deps: AppDeps, user: StaffUser, id: number, req: { evidence: string; fileIds: number[] }): Promise<void> {
  requireSupervisor(user);
  await runItemCommand(deps, async (tx, notices) => {
    const row = await lockVisibleItem(tx, user, id);
    requireOpen(row);
    const evidence = req.evidence.trim();
    if (!evidence) throw new AppError('ITEM_EVIDENCE_REQUIRED');
    const fileIds = [...new Set(req.fileIds)];
    if (fileIds.length) {
      const files = await tx.selectFrom('item_files').select('id').where('item_id', '=', id).where('id', 'in', fileIds).execute();
      if (files.length !== fileIds.length) throw new AppError('ITEM_FILE_NOT_USABLE');
    }
    const now = deps.now();
    const closedOrders = await closeOpenItemOrders(tx, id, user.id, now);
    const events: ItemEvent[] = [
      ...closedOrders.map((orderId): ItemEvent => ({ type: 'item.order_closed', payload: { orderId, reason: '事项已销号' } })),
      { type: 'item.closed', payload: { evidence, fileIds } },
    ];
    await writeItemChange(tx, row, { state: 'closed', closed_at: now, closed_by: user.id, close_evidence: evidence }, events, actorOf(user), now);
    notices.push({ departmentId: row.lead_department_id, type: 'item.closed', title: `督办事项已销号：${row.title}`, body: `${row.code}：${evidence.slice(0, 80)}`, link: link(id) });
  });
}

