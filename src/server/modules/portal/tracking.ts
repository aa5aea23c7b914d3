import { maskName, maskPersonalData, maskPhone } from '../../../domain/privacy/mask.js';
import { officialNumbersFor } from '../../../domain/privacy/official-numbers.js';
import { ratingLabels, statusLabels, type RateRequest, type TrackingView } from '../../../contracts/portal.js';
import { exhaustive, storedEvent } from '../../../domain/events/catalogue.js';
import { AppError } from '../../errors.js';
import { FailureThrottle, secondsUntil, type FailureRule } from '../../kernel/index.js';
import type { AppDeps } from '../../deps.js';
import type { EventRow } from '../../db/schema.js';
import { runCommand } from '../cases/index.js';
import type { CaseRecord } from '../cases/index.js';
import { hashToken, looksLikeToken, newToken } from './tokens.js';
import { submitterAttachments } from './attachments.js';

const submitter = { userId: null, role: 'submitter', departmentId: null } as const;

/** The case a tracking link opens, or TRACKING_NOT_FOUND (also for malformed tokens: nothing to learn from the answer). */
export async function caseOfToken(deps: AppDeps, token: string): Promise<number> {
  if (!looksLikeToken(token)) throw new AppError('TRACKING_NOT_FOUND');
  const { db } = deps.database;
  const hash = hashToken(token);
  const row = await db.selectFrom('case_tracking_tokens').select(['case_id', 'last_used_at']).where('token_hash', '=', hash).executeTakeFirst();
  if (!row) throw new AppError('TRACKING_NOT_FOUND');
  // When a link was last opened (at most one write per link and hour): lets an operator see whether a submitter follows up.
  const now = deps.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 3_600_000) {
    await db.updateTable('case_tracking_tokens').set({ last_used_at: now }).where('token_hash', '=', hash).execute();
  }
  return Number(row.case_id);
}

/**
 * Lookup by tracking code + the last four digits of the contact phone: answers a new private link. The code alone
 * (printed on receipts, read out on the phone, shown on the public board) never opens a case. Wrong answers are
 * counted in PostgreSQL (shared by all processes) per address, per code from that address, and per code from
 * anywhere. An address that guesses too much is told so (PORTAL_RATE_LIMITED, 429) and only it is held back; a code
 * with ten wrong answers in an hour from several addresses is closed to everyone for an hour (the answer stays
 * TRACKING_LOOKUP_FAILED), which ends by itself. One address cannot close a code: its own limit stops it first.
 */
export const lookupRules = {
  address: { max: 20, windowMs: 3_600_000, blockMs: 3_600_000 },
  pair: { max: 5, windowMs: 3_600_000, blockMs: 5 * 60_000, maxBlockMs: 3_600_000 },
  code: { max: 10, windowMs: 3_600_000, blockMs: 3_600_000, resetOnBlock: true },
} satisfies Record<string, FailureRule>;

export async function lookupCase(deps: AppDeps, ip: string, rawCode: string, rawLast4: string): Promise<{ trackingToken: string; trackingUrl: string }> {
  const code = rawCode.trim().toUpperCase();
  const last4 = rawLast4.trim();
  const throttle = new FailureThrottle(deps.database.db, deps.now);
  const keys = { address: `lookup:address:${ip}`, pair: `lookup:pair:${ip}:${code}`, code: `lookup:code:${code}` };
  const blocked = await throttle.blocked(Object.values(keys));
  const mine = [blocked.get(keys.address), blocked.get(keys.pair)].filter((d): d is Date => !!d).sort((x, y) => y.getTime() - x.getTime())[0];
  if (mine) throw new AppError('PORTAL_RATE_LIMITED', { retryAfterSeconds: secondsUntil(mine, deps.now()) });
  if (!/^YW\d{8}-[0-9A-Z]{8}$/.test(code) || !/^\d{4}$/.test(last4) || blocked.has(keys.code)) throw new AppError('TRACKING_LOOKUP_FAILED');
  const { db } = deps.database;
  const row = await db.selectFrom('cases').select(['id', 'submitter_phone']).where('code', '=', code).executeTakeFirst();
  if (!row || row.submitter_phone.replace(/\D/g, '').slice(-4) !== last4) {
    await throttle.fail(keys.address, lookupRules.address);
    await throttle.fail(keys.pair, lookupRules.pair);
    await throttle.fail(keys.code, lookupRules.code);
    throw new AppError('TRACKING_LOOKUP_FAILED');
  }
  await throttle.clear([keys.pair]);
  const { token, hash } = newToken();
  await db.insertInto('case_tracking_tokens').values({ token_hash: hash, case_id: row.id, origin: 'lookup', created_at: deps.now() }).execute();
  return { trackingToken: token, trackingUrl: `/p/track/${token}` };
}

type Names = { department: (id: number | null) => string | null };

/** Allow-list of events the submitter sees, with department names only (never staff names or internal notes). */
function publicEvent(row: EventRow, n: Names): { label: string; department: string | null; text: string | null } | null {
  const e = storedEvent(row);
  const dept = n.department(row.actor_department_id ?? null);
  switch (e.type) {
    case 'case.created': return { label: '提交诉求', department: null, text: null };
    case 'case.accepted': return { label: '已受理', department: dept, text: null };
    case 'case.dispatched': {
      const co = e.payload.coDepartmentIds.map((id) => n.department(id)).filter((x): x is string => !!x);
      return { label: '已派单', department: n.department(e.payload.leadDepartmentId), text: co.length ? `协办单位：${co.join('、')}` : null };
    }
    case 'case.signed': return { label: '承办单位已签收', department: dept, text: null };
    case 'case.return_approved': return e.payload.newLeadDepartmentId ? { label: '已改派', department: n.department(e.payload.newLeadDepartmentId), text: null } : null;
    case 'case.extension_approved': return { label: '办理期限已延长', department: null, text: null };
    case 'case.suspended': return { label: '暂停办理', department: null, text: null };
    case 'case.resumed': return { label: '恢复办理', department: null, text: null };
    case 'case.replied': return { label: '承办单位已答复，等待审核', department: dept, text: null };
    case 'case.reply_approved': return { label: '答复已审核，请您评价', department: null, text: null };
    case 'case.rated': return { label: `您的评价：${ratingLabels[e.payload.rating] ?? ''}${e.payload.wantsRedo ? '（申请重办）' : ''}`, department: null, text: null };
    case 'case.redone': return { label: '重新办理', department: n.department(e.payload.leadDepartmentId), text: null };
    case 'case.closed': return { label: '已办结', department: null, text: null };
    case 'case.answered_directly': return { label: '已直接答复并办结', department: null, text: e.payload.answer };
    case 'case.rejected': return { label: '不予受理', department: dept, text: e.payload.reason };
    case 'case.merged': return { label: '与相同问题合并办理', department: null, text: null };
    case 'case.order_issued': return { label: '督办部门已督办', department: null, text: null };
    // Internal steps the submitter does not see.
    case 'case.merge_received':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.return_requested':
    case 'case.return_denied':
    case 'case.extension_requested':
    case 'case.extension_denied':
    case 'case.opinion_given':
    case 'case.sent_back':
    case 'case.instructed':
    case 'case.sub_dispatched':
    case 'case.sub_replied':
    case 'case.called_in':
    case 'case.warned':
    case 'case.urged':
    case 'case.escalated':
    case 'case.order_raised':
    case 'case.order_answered':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
      return null;
    default:
      exhaustive(e);
      return null;
  }
}

/**
 * The private tracking page: the submitter's own case, personal data masked, their own text too (a forwarded link
 * shows little; test/publication/public-output-scan holds every public GET to it). The unit's reply is masked except
 * official numbers (the unit's own lines, government service lines), so the submitter can call back.
 */
export async function trackingView(deps: AppDeps, caseId: number): Promise<TrackingView> {
  const record = await deps.cases.get(deps.database.db, caseId);
  if (!record) throw new AppError('TRACKING_NOT_FOUND');
  const dir = await deps.directory.ready();
  const names = dir.names();
  const r = record.row;
  const known = { names: [r.submitter_name], enterpriseName: r.enterprise_name, maskEnterprise: false };
  const now = deps.now();
  const end = r.closed_at ?? r.rejected_at ?? r.merged_at ?? now;
  const attachments = (await submitterAttachments(deps, record))
    // A file name staff chose goes through the same masking as the reply text.
    .map((a) => (a.kind === 'reply' ? { ...a, fileName: maskPersonalData(a.fileName, known) } : a));
  const departments = [...new Set(activeDepartments(record).map((id) => names.department(id)).filter((x): x is string => !!x))];
  const replyVisible = r.status === 'awaiting_rating' || r.status === 'closed';
  const canRate = r.status === 'awaiting_rating' && !r.rating;
  return {
    code: r.code,
    title: maskPersonalData(r.title, known),
    description: maskPersonalData(r.description, known),
    categoryName: dir.category(r.category_id)?.name ?? '',
    status: r.status,
    statusLabel: statusLabels[r.status] ?? r.status,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    elapsedWorkingDays: Math.max(0, deps.calendar.calendar.workingDaysBetween(r.created_at, end)),
    departments,
    submitterName: maskName(r.submitter_name),
    submitterPhone: maskPhone(r.submitter_phone),
    attachmentCount: attachments.filter((a) => a.kind === 'own').length,
    attachments,
    replyText: replyVisible && r.reply_text
      ? maskPersonalData(r.reply_text, { ...known, phones: [r.submitter_phone].filter(Boolean), officialNumbers: officialNumbersFor(r.reply_text) })
      : null,
    repliedAt: replyVisible ? r.replied_at?.toISOString() ?? null : null,
    rating: r.rating,
    ratingLabel: r.rating ? ratingLabels[r.rating] ?? null : null,
    ratingComment: r.rating_comment,
    redoRequested: r.redo_requested,
    ratingDeadline: r.status === 'awaiting_rating' ? r.rating_deadline?.toISOString() ?? null : null,
    canRate,
    canRequestRedo: canRate && r.redo_count < 1,
    timeline: record.events
      .map((e) => ({ e, v: publicEvent(e, names) }))
      .filter((x): x is { e: EventRow; v: NonNullable<ReturnType<typeof publicEvent>> } => !!x.v)
      .map(({ e, v }) => ({ at: new Date(e.at).toISOString(), ...v })),
  };
}

/** Departments of the current round that still hold or held the case (not returned or cancelled). */
function activeDepartments(record: CaseRecord): number[] {
  const round = record.row.round;
  const rows = record.assignments.filter((a) => a.round === round && a.status !== 'returned' && a.status !== 'cancelled');
  return [...rows.filter((a) => a.role === 'lead'), ...rows.filter((a) => a.role === 'co')].map((a) => a.department_id);
}

/**
 * The submitter rates from the tracking link with the existing `rate` command (actor role submitter). Asking for a
 * redo is only possible with 不满意 and while the case has not been redone; the supervisor then decides (redo or close).
 */
export async function rateFromTracking(deps: AppDeps, caseId: number, body: Required<RateRequest>): Promise<void> {
  const row = await deps.database.db.selectFrom('cases').select(['status', 'rating', 'redo_count']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('TRACKING_NOT_FOUND');
  if (row.status !== 'awaiting_rating') throw new AppError('PORTAL_RATING_NOT_OPEN');
  const wantsRedo = body.rating === 'unsatisfied' && body.wantsRedo;
  if (wantsRedo && row.redo_count >= 1) throw new AppError('PORTAL_REDO_NOT_AVAILABLE');
  await runCommand(deps, null, caseId, { type: 'rate', rating: body.rating, comment: body.comment, wantsRedo }, submitter);
}
