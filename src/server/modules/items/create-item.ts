import { sql } from 'kysely';
import type { CreateItemRequest } from '../../../contracts/items.js';
import { beijingParts } from '../../../domain/calendar/local-time.js';
import type { Actor } from '../../../domain/case/types.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import { checkPlan, type PlanCalendar } from '../../../domain/items/index.js';
import type { WorkingTime } from '../../../domain/sla/policy.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../kernel/index.js';
import { refreshItemLights } from './light-sweep.js';
import { writeItemChange } from './repository.js';

// Creating a supervised item: the plan is checked in full (dates, milestones inside the item's time, targets,
// schedule, units, leader) before anything is written; then the row, targets, milestones and the first event go in
// the caller's transaction. Another area (a suggestion's B/C answer) calls this with its own actor and an origin.

export interface CreateItemContext {
  now: Date;
  /** The working calendar ("N working days from the start"). */
  calendar: WorkingTime;
  /** The record that made the item (e.g. { type: 'suggestion', id }). */
  origin?: { type: string; id: number } | null;
  isDemo?: boolean;
}

export function planCalendar(time: WorkingTime): PlanCalendar {
  return { addWorkingDays: (from, n) => time.addWorkingDays(from, n), localDate: beijingDate };
}

/** 编号: DBSX + year (Asia/Shanghai) + a running number, e.g. DBSX2026-00012. */
export function itemCode(n: number, now: Date): string {
  return `DBSX${beijingParts(now).year}-${String(n).padStart(5, '0')}`;
}

async function checkUnitsAndLeader(tx: Tx, input: CreateItemRequest): Promise<string> {
  const ids = [...new Set([input.leadDepartmentId, ...input.coDepartmentIds])];
  const found = await tx.selectFrom('departments').select('id').where('id', 'in', ids).where('is_active', '=', true).execute();
  if (found.length !== ids.length) throw new AppError('DEPARTMENT_NOT_FOUND');
  if (input.leaderUserId == null) {
    if (!input.leaderName.trim()) throw new AppError('ITEM_LEADER_INVALID');
    return input.leaderName.trim();
  }
  const leader = await tx.selectFrom('users').select(['display_name', 'roles', 'is_active']).where('id', '=', input.leaderUserId).executeTakeFirst();
  if (!leader || !leader.is_active || !leader.roles.includes('leader')) throw new AppError('ITEM_LEADER_INVALID');
  return input.leaderName.trim() || leader.display_name;
}

/** Writes a new item in the caller's transaction; returns its id and code. Throws AppError before any write. */
export async function createItem(tx: Tx, input: CreateItemRequest, actor: Actor, ctx: CreateItemContext): Promise<{ id: number; code: string }> {
  const schedule = input.schedule;
  const plan = checkPlan({ ...input, schedule }, planCalendar(ctx.calendar));
  if ('error' in plan) throw new AppError(plan.error, plan.index !== undefined ? { milestone: plan.index + 1 } : undefined);
  const leaderName = await checkUnitsAndLeader(tx, input);
  const coIds = [...new Set(input.coDepartmentIds)];

  const n = Number((await sql<{ n: number }>`SELECT nextval('items_code_seq') AS n`.execute(tx)).rows[0].n);
  const code = itemCode(n, ctx.now);
  const reportDay = schedule.frequency === 'none' ? null : schedule.day;
  const item = await tx.insertInto('items').values({
    code, title: input.title, source_kind: input.sourceKind, source_ref: input.sourceRef, source_date: input.sourceDate, source_words: input.sourceWords,
    leader_user_id: input.leaderUserId, leader_name: leaderName, lead_department_id: input.leadDepartmentId, co_department_ids: coIds,
    description: input.description, start_date: input.startDate, end_date: input.endDate, report_frequency: schedule.frequency, report_day: reportDay,
    origin_type: ctx.origin?.type ?? null, origin_id: ctx.origin?.id ?? null, is_demo: ctx.isDemo ?? false,
    created_by: actor.userId, created_at: ctx.now, updated_at: ctx.now,
  }).returning(['id', 'event_count', 'last_event_hash']).executeTakeFirstOrThrow();

  const targets = input.targets.length
    ? await tx.insertInto('item_targets').values(input.targets.map((t, i) => ({
      item_id: item.id, seq: i + 1, name: t.name, measure: t.measure, target_value: t.value, sites: t.sites,
    }))).returning(['id', 'seq']).execute()
    : [];
  const milestones = plan.milestones.length
    ? await tx.insertInto('item_milestones').values(plan.milestones.map((m, i) => ({
      item_id: item.id, seq: i + 1, title: m.title, due_date: m.dueDate, due_working_days: m.dueWorkingDays, due_at: m.dueAt,
    }))).returning(['id', 'seq']).execute()
    : [];
  const targetId = new Map(targets.map((t) => [t.seq, t.id]));
  const milestoneId = new Map(milestones.map((m) => [m.seq, m.id]));

  const created: ItemEvent = {
    type: 'item.created',
    payload: {
      code, title: input.title, sourceKind: input.sourceKind, sourceRef: input.sourceRef, sourceDate: input.sourceDate, sourceWords: input.sourceWords,
      leaderUserId: input.leaderUserId, leaderName, leadDepartmentId: input.leadDepartmentId, coDepartmentIds: coIds,
      startDate: input.startDate, endDate: input.endDate, schedule: { frequency: schedule.frequency, day: reportDay },
      targets: input.targets.map((t, i) => ({ targetId: targetId.get(i + 1)!, name: t.name, measure: t.measure, value: t.value, sites: t.sites })),
      milestones: plan.milestones.map((m, i) => ({ milestoneId: milestoneId.get(i + 1)!, title: m.title, dueDate: m.dueDate, dueWorkingDays: m.dueWorkingDays })),
      origin: ctx.origin ?? null,
    },
  };
  await writeItemChange(tx, item, {}, [created], actor, ctx.now);
  // An item made with a start in the past (a promise registered late, the demo) gets its light at once.
  await refreshItemLights(tx, ctx.now, [item.id]);
  return { id: item.id, code };
}
