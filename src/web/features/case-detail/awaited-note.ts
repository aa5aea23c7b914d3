import { awaitedOpinions } from '../../../domain/case/guards.js';
import type { CaseDetail } from '../../../contracts/cases.js';
import { fmtTime } from '../../shared/format.js';

/**
 * After the lead signed, its 答复 button stays hidden while co-handlers' opinions are awaited (OPINIONS_PENDING):
 * say what is awaited, from whom, until when — the same rule the guard applies (domain awaitedOpinions).
 */
export function awaitedOpinionNote(c: Pick<CaseDetail, 'status' | 'round' | 'assignments'>, now: Date): string | null {
  if (c.status !== 'handling') return null;
  const asSnapshots = c.assignments.map((a) => ({
    ...a, parentId: a.parentAssignmentId, opinionAt: a.opinionAt ? new Date(a.opinionAt) : null,
    opinionDeadline: a.opinionDeadline ? new Date(a.opinionDeadline) : null,
  }));
  const waiting = awaitedOpinions(asSnapshots, c.round, now);
  if (!waiting.length) return null;
  const parts = waiting.map((a) => a.status === 'pending'
    ? `${a.departmentName}（尚未签收，签收期限 ${fmtTime(a.signDeadline)}）`
    : `${a.departmentName}（意见期限 ${fmtTime(a.opinionDeadline ? a.opinionDeadline.toISOString() : null)}）`);
  return `主办单位答复前须等待协办意见：${parts.join('、')}。协办单位提交意见或意见期限届满后，主办单位即可答复。`;
}
