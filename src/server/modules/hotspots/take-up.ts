import type { Kysely } from 'kysely';
import type { HotspotConvert, HotspotSummary } from '../../../contracts/hotspots.js';
import { beijingDate, beijingMonth } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { hasRole, type StaffUser } from '../../kernel/index.js';
import { actorOf } from '../cases/index.js';
import { createItem, workingTimeOfDeps } from '../items/index.js';
import { clearHotspotTopic, setHotspotItem, setHotspotTopic } from './repository.js';

// Taking a hot spot up (主动治理): a governance task is a supervised item of the key-task engine, source 热点问题,
// written by the items area's createItem in this transaction with origin ('hotspot', id); or the month's topic
// (每月一题). Either is the turning point of the hot spot's trend. The 督查室 (supervisor role with item:manage) does it.

export const hotspotOrigin = 'hotspot';

/** Why 转为治理任务 cannot be used now, or null. */
export function convertBlockedReason(user: StaffUser, h: Pick<HotspotSummary, 'item'>): string | null {
  if (!user.permissions.includes('hotspot:manage') || !user.permissions.includes('item:manage') || !hasRole(user, 'supervisor')) return '只有督查室（督办人员）可以把热点转为治理任务';
  if (h.item) return `已转为治理任务 ${h.item.code}`;
  return null;
}

/** Why 设为每月一题 cannot be used now, or null. */
export async function topicBlockedReason(db: Kysely<DB>, user: StaffUser, h: Pick<HotspotSummary, 'id' | 'topicMonth'>, month: string): Promise<string | null> {
  if (!user.permissions.includes('hotspot:manage')) return '只有督查室（督办人员）可以设定每月一题';
  if (h.topicMonth) return `已是 ${h.topicMonth.replace('-', ' 年 ')} 月的每月一题`;
  const taken = await db.selectFrom('hotspots').select('summary').where('topic_month', '=', month).executeTakeFirst();
  return taken ? `本月已有每月一题：${taken.summary}` : null;
}

/** Why 取消每月一题 cannot be used now (null when it can, or when the hot spot is no topic): a past month's topic is the record. */
export function topicUndoBlockedReason(user: StaffUser, h: Pick<HotspotSummary, 'topicMonth'>, month: string): string | null {
  if (!h.topicMonth) return null;
  if (!user.permissions.includes('hotspot:manage')) return '只有督查室（督办人员）可以取消每月一题';
  if (h.topicMonth < month) return `${h.topicMonth.replace('-', ' 年 ')} 月已过去，每月一题留作记录`;
  return null;
}

/** 治理任务的标题: "蒸湘区乱收费（停车收费）问题集中治理". */
export function taskTitle(h: Pick<HotspotSummary, 'districtName' | 'categoryName' | 'words'>): string {
  return `${h.districtName}${h.categoryName}${h.words.length ? `（${h.words.join('、')}）` : ''}问题集中治理`;
}

export async function convertToItem(deps: AppDeps, user: StaffUser, h: HotspotSummary, input: HotspotConvert): Promise<{ id: number; code: string }> {
  const blocked = convertBlockedReason(user, h);
  if (blocked) throw new AppError(h.item ? 'HOTSPOT_ALREADY_TASK' : 'FORBIDDEN');
  const now = deps.now();
  const start = beijingDate(now);
  const end = input.endDate ?? beijingDate(new Date(now.getTime() + 90 * 86_400_000));
  const title = input.title ?? taskTitle(h);
  return deps.database.db.transaction().execute(async (tx) => {
    const item = await createItem(tx, {
      title, sourceKind: 'hotspot', sourceRef: '热点发现', sourceDate: h.detectedOn, sourceWords: h.summary,
      leaderUserId: null, leaderName: input.leaderName, leadDepartmentId: input.leadDepartmentId ?? h.districtId, coDepartmentIds: input.coDepartmentIds,
      description: `${h.summary}。请牵头单位查明原因、集中治理，诉求量回落至常态后报请销号。`, startDate: start, endDate: end,
      schedule: { frequency: 'none' }, targets: [],
      milestones: [{ title: '查明原因并制定治理方案', due: { workingDays: 10 } }, { title: '集中治理完成，诉求量回落至常态', due: { date: end } }],
    }, actorOf(user), { now, calendar: workingTimeOfDeps(deps), origin: { type: hotspotOrigin, id: h.id } });
    await setHotspotItem(tx, h.id, item.id, user.id, now);
    return item;
  });
}

export async function setTopic(deps: AppDeps, user: StaffUser, h: HotspotSummary, month: string): Promise<void> {
  const now = deps.now();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || month < beijingMonth(now)) throw new AppError('HOTSPOT_MONTH_INVALID');
  if (!user.permissions.includes('hotspot:manage')) throw new AppError('FORBIDDEN');
  await deps.database.db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('hotspots').select('id').where('topic_month', '=', month).executeTakeFirst();
    if (taken && Number(taken.id) !== h.id) throw new AppError('HOTSPOT_TOPIC_TAKEN');
    if (h.topicMonth && h.topicMonth !== month) throw new AppError('HOTSPOT_TOPIC_TAKEN');
    await setHotspotTopic(tx, h.id, month, user.id, now);
  });
}

/** 取消每月一题: the month (this one or a later one) has no topic any more; a task made from the hot spot stays. */
export async function clearTopic(deps: AppDeps, user: StaffUser, h: HotspotSummary): Promise<void> {
  if (!user.permissions.includes('hotspot:manage')) throw new AppError('FORBIDDEN');
  if (!h.topicMonth) throw new AppError('HOTSPOT_NOT_TOPIC');
  const now = deps.now();
  if (h.topicMonth < beijingMonth(now)) throw new AppError('HOTSPOT_TOPIC_PAST');
  await deps.database.db.transaction().execute((tx) => clearHotspotTopic(tx, h.topicMonth!, now));
}
