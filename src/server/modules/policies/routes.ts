import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import {
  zCalendarChangeResponse, zPoliciesResponse, zPolicyDeleteRequest, zPolicyHistoryQuery, zPolicyHistoryResponse, zPolicyInput,
  type PolicyInput,
} from '../../../contracts/calendar.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { caseKinds } from '../../../domain/case/status.js';
import { defaultTimeLimits, defaultWarningShare } from '../../../domain/sla/policy.js';
import type { DB } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { recheckRunningClocks } from '../cases/index.js';
import { recomputeOpenDeadlines } from '../sla/index.js';
import { recordAdminChange, staffActor, type AdminActor } from '../admin-audit/index.js';
import { toRule, type PolicyRow } from './policy-repository.js';

const tags = ['policies'];
const urgencyNames = { normal: '一般', urgent: '紧急', emergency: '特急' } as const;

type Named = PolicyRow & { display_name: string | null };
const toDto = (r: Named) => ({
  ...toRule(r), id: r.id, version: r.version, deleted: r.deleted, createdAt: r.created_at.toISOString(),
  createdBy: r.display_name, supersededAt: r.superseded_at?.toISOString() ?? null,
});

function problems(input: PolicyInput): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const key of ['sign', 'opinion', 'reply', 'rating'] as const) {
    const l = input[key];
    if (l.unit === 'days' && !Number.isInteger(l.value)) out.push({ field: `${key}.value`, message: '按工作日计的时限须为整数' });
    if (l.unit === 'hours' && l.value <= 0) out.push({ field: `${key}.value`, message: '按工作小时计的时限须大于 0' });
  }
  return out;
}

const limitText = (l: { value: number; unit: string }) => `${l.value} 个${l.unit === 'days' ? '工作日' : '工作小时'}`;
/** A policy as the audit trail shows it. */
const auditView = (r: Omit<PolicyInput, 'categoryId' | 'caseType' | 'urgency'>) => ({
  sign: limitText(r.sign), opinion: limitText(r.opinion), reply: limitText(r.reply), rating: limitText(r.rating), warningShare: `${Math.round(r.warningShare * 100)}%`,
});

/**
 * Supersedes the current version of (category, type, urgency) and inserts the next one, under one lock, recorded in the
 * admin audit trail with the version before and after.
 */
async function insertVersion(tx: Transaction<DB>, deps: AppDeps, actor: AdminActor & { userId: number }, input: PolicyInput, deleted: boolean, targetName: string): Promise<void> {
  const userId = actor.userId;
  await sql`SELECT pg_advisory_xact_lock(73210003)`.execute(tx);
  const same = (eb: ExpressionBuilder<DB, 'time_limit_policies'>) => eb.and([
    input.categoryId === null ? eb('category_id', 'is', null) : eb('category_id', '=', input.categoryId),
    input.caseType === null ? eb('case_type', 'is', null) : eb('case_type', '=', input.caseType),
    eb('urgency', '=', input.urgency),
  ]);
  const last = await tx.selectFrom('time_limit_policies').selectAll().where('superseded_at', 'is', null).where(same).executeTakeFirst();
  if (deleted && (!last || last.deleted)) throw new AppError('POLICY_NOT_FOUND');
  const max = await tx.selectFrom('time_limit_policies').select((eb) => eb.fn.max('version').as('v')).where(same).executeTakeFirst();
  const now = deps.now();
  await tx.updateTable('time_limit_policies').set({ superseded_at: now }).where('superseded_at', 'is', null).where(same).execute();
  await tx.insertInto('time_limit_policies').values({
    category_id: input.categoryId, case_type: input.caseType, urgency: input.urgency, version: Number(max?.v ?? 0) + 1,
    sign_limit: input.sign.value, sign_unit: input.sign.unit, opinion_limit: input.opinion.value, opinion_unit: input.opinion.unit,
    reply_limit: input.reply.value, reply_unit: input.reply.unit, rating_limit: input.rating.value, rating_unit: input.rating.unit,
    warning_share: input.warningShare, deleted, created_at: now, created_by: userId,
  }).execute();
  await recordAdminChange(tx, actor, {
    action: 'policy.update', targetType: 'policy', targetId: `${input.categoryId ?? 'all'}/${input.caseType ? `${input.caseType}/` : ''}${input.urgency}`, targetName,
    before: last && !last.deleted ? { version: last.version, ...auditView(toRule(last)) } : null,
    after: deleted ? null : { version: Number(max?.v ?? 0) + 1, ...auditView(input) },
  }, now);
}

export function policyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const base = () => deps.database.db.selectFrom('time_limit_policies').leftJoin('users', 'users.id', 'time_limit_policies.created_by')
    .selectAll('time_limit_policies').select('users.display_name');
  const save = async (actor: AdminActor & { userId: number }, input: PolicyInput, deleted: boolean) => {
    const dir = await deps.directory.ready();
    if (input.categoryId !== null && !dir.category(input.categoryId)) throw new AppError('CATEGORY_NOT_FOUND');
    const typeName = input.caseType ? caseTypeLabels[input.caseType] : '全部类型';
    const targetName = `${input.categoryId === null ? '全部类别' : dir.category(input.categoryId)?.name ?? `类别 ${input.categoryId}`}·${typeName}（${urgencyNames[input.urgency]}）`;
    await deps.database.db.transaction().execute(async (tx) => {
      await insertVersion(tx, deps, actor, input, deleted, targetName);
      // A new warning share moves the yellow instants: let the next sweep look at every running clock again.
      await recheckRunningClocks(tx);
    });
    await deps.calendar.changed();
    const who = input.categoryId === null ? '全部类别' : deps.directory.category(input.categoryId)?.name ?? `类别 ${input.categoryId}`;
    const reason = `${deleted ? '删除' : '修改'}时限策略（${who}，${typeName}，${urgencyNames[input.urgency]}）`;
    return { ok: true as const, recompute: await recomputeOpenDeadlines(deps, reason) };
  };

  return async (app) => {
    app.get('/api/policies', { schema: { tags, summary: '现行时限策略', response: { 200: zPoliciesResponse } } }, async (req) => {
      requireUser(req);
      const rows = await base().where('superseded_at', 'is', null).where('deleted', '=', false).orderBy('category_id').orderBy('case_type').orderBy('urgency').execute();
      const d = defaultTimeLimits;
      return {
        current: rows.map(toDto),
        defaults: {
          sign: `一般 ${d.signDays} 个工作日；紧急 ${d.signHoursUrgent} 个工作小时；特急 ${d.signHoursEmergency} 个工作小时`,
          opinion: `${d.opinionDays} 个工作日（特急 1 个工作日）`,
          reply: `${caseKinds.map((k) => `${caseTypeLabels[k]} ${d.replyDays[k]}`).join('、')} 个工作日；紧急不超过 ${d.replyDaysUrgent}、特急不超过 ${d.replyDaysEmergency} 个工作日`,
          rating: `${d.ratingDays} 个工作日`,
          warningShare: defaultWarningShare,
        },
        replyDaysByType: caseKinds.map((caseType) => ({ caseType, days: d.replyDays[caseType] })),
      };
    });

    app.get('/api/policies/history', { schema: { tags, summary: '时限策略历史版本', querystring: zPolicyHistoryQuery, response: { 200: zPolicyHistoryResponse } } }, async (req) => {
      requireUser(req, 'policies:manage');
      const { categoryId, caseType, urgency } = req.query;
      let q = base().where('urgency', '=', urgency);
      q = categoryId ? q.where('category_id', '=', categoryId) : q.where('category_id', 'is', null);
      q = caseType ? q.where('case_type', '=', caseType) : q.where('case_type', 'is', null);
      return { items: (await q.orderBy('version', 'desc').execute()).map(toDto) };
    });

    app.post('/api/policies', { schema: { tags, summary: '保存时限策略（生成新版本）', body: zPolicyInput, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'policies:manage');
      const bad = problems(req.body);
      if (bad.length) throw new AppError('POLICY_INVALID', bad);
      return save({ ...staffActor(user, req.ip), userId: user.id }, req.body, false);
    });

    app.post('/api/policies/delete', { schema: { tags, summary: '删除时限策略（恢复默认，保留历史）', body: zPolicyDeleteRequest, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'policies:manage');
      const zero = { value: 0, unit: 'days' as const };
      return save({ ...staffActor(user, req.ip), userId: user.id }, { ...req.body, sign: zero, opinion: zero, reply: zero, rating: zero, warningShare: defaultWarningShare }, true);
    });
  };
}
