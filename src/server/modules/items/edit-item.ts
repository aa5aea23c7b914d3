import type { EditItemRequest } from '../../../contracts/items.js';
import type { ItemEventPayload } from '../../../domain/events/items.js';
import { checkMilestone, endOfBeijingDay, resolveMilestone, type MilestoneDue } from '../../../domain/items/index.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { actorOf } from '../cases/index.js';
import { lockVisibleItem } from './access.js';
import { workingTimeOfDeps } from './calendar.js';
import { scheduleOf } from './commands.js';
import { planCalendar } from './create-item.js';
import { refreshItemLights } from './light-sweep.js';
import { writeItemChange } from './repository.js';
import { requireOpen, requireSupervisor, runItemCommand } from './run.js';

// Editing an item's plan (督查室): title, description, leader, lead and co-units, end date, report schedule, targets
// (changed or added) and open milestones (changed or added). Everything is checked before anything is written; the
// change is one item.edited event on the item's chain naming only what changed (nothing changed: nothing written),
// and the light is turned at once. A closed item (已销号) is refused with ITEM_CLOSED.

type Edited = ItemEventPayload<'item.edited'>;
type MilestoneChange = NonNullable<Edited['changedMilestones']>[number];
type TargetChange = NonNullable<Edited['changedTargets']>[number];

async function checkedLeader(tx: Tx, req: EditItemRequest): Promise<string | undefined> {
  const name = req.leaderName?.trim() || undefined;
  if (req.leaderUserId != null) {
    const leader = await tx.selectFrom('users').select(['display_name', 'roles', 'is_active']).where('id', '=', req.leaderUserId).executeTakeFirst();
    if (!leader || !leader.is_active || !leader.roles.includes('leader')) throw new AppError('ITEM_LEADER_INVALID');
    return name ?? leader.display_name;
  }
  if (req.leaderUserId === null && !name) throw new AppError('ITEM_LEADER_INVALID');
  return name;
}

async function checkUnits(tx: Tx, lead: number, co: readonly number[], changed: readonly number[]): Promise<void> {
  if (co.includes(lead)) throw new AppError('ITEM_CO_UNIT_IS_LEAD');
  if (!changed.length) return;
  const found = await tx.selectFrom('departments').select('id').where('id', 'in', [...new Set(changed)]).where('is_active', '=', true).execute();
  if (found.length !== new Set(changed).size) throw new AppError('DEPARTMENT_NOT_FOUND');
}

function checkTarget(t: { name: string; measure: string; value: number }): void {
  if (!t.name.trim() || !t.measure.trim() || !(t.value > 0) || !Number.isFinite(t.value)) throw new AppError('ITEM_TARGETS_INVALID');
}

export async function editItem(deps: AppDeps, user: StaffUser, id: number, req: EditItemRequest): Promise<void> {
  requireSupervisor(user);
  await runItemCommand(deps, async (tx, notices) => {
    const row = await lockVisibleItem(tx, user, id);
    requireOpen(row);
    const now = deps.now();
    const endDate = req.endDate ?? row.end_date;
    if (endDate < row.start_date) throw new AppError('ITEM_DATES_INVALID');
    const schedule = req.schedule;
    if (schedule && schedule.frequency !== 'none' && !(Number.isInteger(schedule.day) && schedule.day >= 1 && schedule.day <= 28)) throw new AppError('ITEM_SCHEDULE_INVALID');
    const lead = req.leadDepartmentId ?? row.lead_department_id;
    const co = req.coDepartmentIds ? [...new Set(req.coDepartmentIds)] : row.co_department_ids;
    await checkUnits(tx, lead, co, [...(req.leadDepartmentId !== undefined ? [lead] : []), ...(req.coDepartmentIds ?? [])]);
    const leaderName = await checkedLeader(tx, req);

    // Milestones: changes to open ones, then additions; every due inside [start, new end].
    const cal = planCalendar(workingTimeOfDeps(deps));
    const existing = await tx.selectFrom('item_milestones').selectAll().where('item_id', '=', id).orderBy('seq').execute();
    const byId = new Map(existing.map((m) => [m.id, m]));
    const resolve = (m: { title: string; due: MilestoneDue }, index: number) => {
      const r = resolveMilestone(row.start_date, m.due, cal);
      const bad = checkMilestone(row.start_date, endDate, r.dueDate);
      if (bad) throw new AppError(bad, { milestone: index + 1 });
      return { title: m.title, ...r };
    };
    const changedMilestones: MilestoneChange[] = [];
    const added: Array<{ title: string; dueDate: string; dueWorkingDays: number | null }> = [];
    for (const [i, m] of (req.milestones ?? []).entries()) {
      if (m.milestoneId === undefined) { added.push(resolve(m, i)); continue; }
      const old = byId.get(m.milestoneId);
      if (!old || old.done_at) throw new AppError('ITEM_REPORT_MILESTONE_UNKNOWN');
      const r = resolve(m, i);
      if (r.title !== old.title || r.dueDate !== old.due_date || r.dueWorkingDays !== old.due_working_days) changedMilestones.push({ milestoneId: old.id, ...r });
    }
    added.push(...(req.addMilestones ?? []).map((m, i) => resolve(m, i)));
    const newDue = new Map(changedMilestones.map((m) => [m.milestoneId, m.dueDate]));
    if (existing.some((m) => (newDue.get(m.id) ?? m.due_date) > endDate)) throw new AppError('MILESTONE_AFTER_END');

    // Targets: changes (by id) and additions, each well-formed.
    const targets = await tx.selectFrom('item_targets').selectAll().where('item_id', '=', id).orderBy('seq').execute();
    const targetById = new Map(targets.map((t) => [t.id, t]));
    const changedTargets: TargetChange[] = [];
    const addedTargets: Array<Omit<TargetChange, 'targetId'>> = [];
    for (const t of req.targets ?? []) {
      checkTarget(t);
      const next = { name: t.name, measure: t.measure, value: t.value, sites: t.sites ?? [] };
      if (t.targetId === undefined) { addedTargets.push(next); continue; }
      const old = targetById.get(t.targetId);
      if (!old) throw new AppError('ITEM_REPORT_TARGET_UNKNOWN');
      if (old.name !== next.name || old.measure !== next.measure || Number(old.target_value) !== next.value || old.sites.join('\n') !== next.sites.join('\n')) {
        changedTargets.push({ targetId: old.id, ...next });
      }
    }

    // Writes: milestones, targets, then the row and its event.
    for (const m of changedMilestones) {
      await tx.updateTable('item_milestones').set({ title: m.title, due_date: m.dueDate, due_working_days: m.dueWorkingDays, due_at: endOfBeijingDay(m.dueDate) })
        .where('id', '=', m.milestoneId).execute();
    }
    const seq0 = existing.length ? Math.max(...existing.map((m) => m.seq)) : 0;
    const written = added.length
      ? await tx.insertInto('item_milestones').values(added.map((m, i) => ({
        item_id: id, seq: seq0 + i + 1, title: m.title, due_date: m.dueDate, due_working_days: m.dueWorkingDays, due_at: endOfBeijingDay(m.dueDate),
      }))).returning('id').execute()
      : [];
    for (const t of changedTargets) {
      await tx.updateTable('item_targets').set({ name: t.name, measure: t.measure, target_value: t.value, sites: t.sites }).where('id', '=', t.targetId).execute();
    }
    const tseq0 = targets.length ? Math.max(...targets.map((t) => t.seq)) : 0;
    const writtenTargets = addedTargets.length
      ? await tx.insertInto('item_targets').values(addedTargets.map((t, i) => ({
        item_id: id, seq: tseq0 + i + 1, name: t.name, measure: t.measure, target_value: t.value, sites: t.sites,
      }))).returning('id').execute()
      : [];

    const differs = <T>(next: T | undefined, old: T) => next !== undefined && JSON.stringify(next) !== JSON.stringify(old);
    const oldSchedule = scheduleOf(row);
    const payload: Edited = {
      ...(differs(req.title, row.title) ? { title: req.title } : {}),
      ...(differs(req.description, row.description) ? { description: req.description } : {}),
      ...(differs(req.leaderUserId, row.leader_user_id) ? { leaderUserId: req.leaderUserId } : {}),
      ...(differs(leaderName, row.leader_name) ? { leaderName } : {}),
      ...(differs(req.leadDepartmentId, row.lead_department_id) ? { leadDepartmentId: req.leadDepartmentId } : {}),
      ...(req.coDepartmentIds && differs([...co].sort(), [...row.co_department_ids].sort()) ? { coDepartmentIds: co } : {}),
      ...(differs(req.endDate, row.end_date) ? { endDate: req.endDate } : {}),
      ...(schedule && differs(schedule, oldSchedule) ? { schedule: { frequency: schedule.frequency, day: schedule.frequency === 'none' ? null : schedule.day } } : {}),
      ...(written.length ? { addedMilestones: added.map((m, i) => ({ milestoneId: written[i].id, ...m })) } : {}),
      ...(changedMilestones.length ? { changedMilestones } : {}),
      ...(writtenTargets.length ? { addedTargets: addedTargets.map((t, i) => ({ targetId: writtenTargets[i].id, ...t })) } : {}),
      ...(changedTargets.length ? { changedTargets } : {}),
    };
    if (!Object.keys(payload).length) return;
    await writeItemChange(tx, row, {
      ...(payload.title !== undefined ? { title: payload.title } : {}),
      ...(payload.description !== undefined ? { description: payload.description } : {}),
      ...(payload.leaderUserId !== undefined ? { leader_user_id: payload.leaderUserId } : {}),
      ...(payload.leaderName !== undefined ? { leader_name: payload.leaderName } : {}),
      ...(payload.leadDepartmentId !== undefined ? { lead_department_id: payload.leadDepartmentId } : {}),
      ...(payload.coDepartmentIds !== undefined ? { co_department_ids: payload.coDepartmentIds } : {}),
      ...(payload.endDate !== undefined ? { end_date: payload.endDate } : {}),
      ...(payload.schedule ? { report_frequency: payload.schedule.frequency, report_day: payload.schedule.day } : {}),
    }, [{ type: 'item.edited', payload }], actorOf(user), now);
    await refreshItemLights(tx, now, [id], notices);
  });
}
