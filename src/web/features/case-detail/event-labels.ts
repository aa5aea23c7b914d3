import type { CaseEvent } from '../../../contracts/cases.js';
import { exhaustive, type CaseEventType } from '../../../domain/events/catalogue.js';
import { fmtTime } from '../../shared/format.js';
import { channelLabels, ratingLabels } from '../../shared/labels.js';

/** Every type of the event catalogue has a label: a new type fails type-checking here until it gets one. */
export const eventLabels: Record<CaseEventType, string> = {
  'case.created': '登记诉求',
  'case.accepted': '受理',
  'case.rejected': '不予受理',
  'case.merged': '并案',
  'case.dispatched': '派单',
  'case.signed': '签收',
  'case.return_requested': '申请退单',
  'case.return_approved': '同意退单',
  'case.return_denied': '驳回退单',
  'case.extension_requested': '申请延期',
  'case.extension_approved': '同意延期',
  'case.extension_denied': '驳回延期',
  'case.suspended': '挂起',
  'case.resumed': '恢复办理',
  'case.opinion_given': '提交协办意见',
  'case.replied': '答复',
  'case.reply_approved': '答复审核通过',
  'case.sent_back': '退回重新答复',
  'case.rated': '回访评价',
  'case.redone': '重办',
  'case.closed': '办结',
  'case.answered_directly': '直接答复（知识库）',
  'case.instructed': '领导批示',
  'case.order_issued': '下发督办单',
  'case.order_raised': '提升督办等级',
  'case.order_answered': '答复督办单',
  'case.order_closed': '督办单办结',
  'case.warned': '时限预警',
  'case.urged': '催办',
  'case.escalated': '超期转督办',
  'case.merge_received': '并入重复诉求',
  'case.publication_approved': '审核通过并公开',
  'case.publication_rejected': '不予公开',
  'case.publication_withdrawn': '撤回公开',
  'case.sub_dispatched': '下派（二级派单）',
  'case.sub_replied': '上报办理结果',
  'case.called_in': '吹哨报到',
  'case.imported': '导入历史记录',
  'case.import_updated': '导入记录更新',
  'case.deadlines_recomputed': '重算办理期限',
  'case.assessment_excluded': '考核剔除（申诉通过）',
  'case.unit_merged': '单位合并，转由新单位承办',
};

/** Timeline dot colours: red for refusals and dissatisfaction, green for completion. */
export function eventColor(e: CaseEvent): string {
  switch (e.type) {
    case 'case.warned': return e.payload.level === 'red' ? 'red' : 'orange';
    case 'case.rated': return e.payload.rating === 'unsatisfied' ? 'red' : 'green';
    case 'case.escalated':
    case 'case.rejected':
    case 'case.return_denied':
    case 'case.extension_denied':
    case 'case.sent_back':
    case 'case.redone':
      return 'red';
    case 'case.urged':
    case 'case.return_requested':
    case 'case.extension_requested':
    case 'case.suspended':
    case 'case.instructed':
      return 'orange';
    case 'case.closed':
    case 'case.reply_approved':
    case 'case.answered_directly':
      return 'green';
    case 'case.created':
    case 'case.accepted':
    case 'case.merged':
    case 'case.merge_received':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.dispatched':
    case 'case.signed':
    case 'case.return_approved':
    case 'case.extension_approved':
    case 'case.resumed':
    case 'case.opinion_given':
    case 'case.replied':
    case 'case.sub_dispatched':
    case 'case.sub_replied':
    case 'case.called_in':
    case 'case.order_issued':
    case 'case.order_raised':
    case 'case.order_answered':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
      return 'blue';
    default:
      exhaustive(e);
      return 'blue';
  }
}

export interface Lookups {
  deptName(id: number | null | undefined): string;
  assignmentDept(id: unknown): string | null;
  caseCode?(id: number): string;
}

/** Who chose the departments of a dispatch (recorded since routing rules and the trained router). */
function routingText(r: unknown): string | null {
  if (!r || typeof r !== 'object') return null;
  const x = r as { source?: string; ruleId?: number; ruleVersion?: number; modelVersion?: number; confidence?: number };
  const pct = typeof x.confidence === 'number' ? `，置信度 ${(x.confidence * 100).toFixed(0)}%` : '';
  switch (x.source) {
    case 'rule': return x.ruleId != null ? `派单规则 #${x.ruleId}${x.ruleVersion != null ? ` 第 ${x.ruleVersion} 版` : ''}自动派单` : '系统自动派单';
    case 'model': return `智能分派模型${x.modelVersion != null ? ` v${x.modelVersion}` : ''}自动派单${pct}`;
    case 'suggestion': return `采纳智能分派建议${x.modelVersion != null ? `（模型 v${x.modelVersion}${pct}）` : ''}`;
    case 'manual': return '人工派单';
    default: return null;
  }
}

const orderLevelText: Record<string, string> = { normal: '普通', yellow: '黄牌', red: '红牌' };
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);

/** The payload fields worth reading, as label/value lines in Chinese. */
export function eventDetails(e: CaseEvent, l: Lookups): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: string | null | undefined) => { if (value) out.push({ label, value }); };
  const coNames = (ids: unknown) => (Array.isArray(ids) && ids.length ? ids.map((id) => l.deptName(Number(id))).join('、') : null);
  switch (e.type) {
    case 'case.dispatched':
    case 'case.redone':
      if (e.type === 'case.redone') add('重办要求', str(e.payload.reason));
      add('主办单位', e.payload.leadDepartmentId != null ? l.deptName(Number(e.payload.leadDepartmentId)) : null);
      add('协办单位', coNames(e.payload.coDepartmentIds));
      if (e.type === 'case.dispatched') add('答复期限', str(e.payload.replyDeadline) ? fmtTime(e.payload.replyDeadline as string) : null);
      if (typeof e.payload.round === 'number' && e.payload.round > 1) add('办理轮次', `第 ${e.payload.round} 轮`);
      if (e.type === 'case.dispatched') add('派单方式', routingText(e.payload.routing));
      break;
    case 'case.merge_received':
      add('并入的诉求', str(e.payload.code) ? `${String(e.payload.code)} ${String(e.payload.title ?? '')}` : null);
      break;
    case 'case.sub_dispatched':
      add('下派单位', e.payload.parentDepartmentId != null ? l.deptName(Number(e.payload.parentDepartmentId)) : null);
      add('承办单位', e.payload.leadDepartmentId != null ? l.deptName(Number(e.payload.leadDepartmentId)) : null);
      add('协办单位', coNames(e.payload.coDepartmentIds));
      add('上报期限', str(e.payload.replyDeadline) ? fmtTime(e.payload.replyDeadline as string) : null);
      break;
    case 'case.sub_replied':
      add('上报单位', l.assignmentDept(e.payload.assignmentId));
      add('办理结果', str(e.payload.text));
      if (e.payload.onTime === false) add('时效', '超期上报');
      break;
    case 'case.called_in':
      add('吹哨单位', e.payload.byDepartmentId != null ? l.deptName(Number(e.payload.byDepartmentId)) : null);
      add('报到单位', e.payload.departmentId != null ? l.deptName(Number(e.payload.departmentId)) : null);
      add('事由', str(e.payload.reason));
      add('签收期限', str(e.payload.signDeadline) ? fmtTime(e.payload.signDeadline as string) : null);
      break;
    case 'case.signed':
      add('签收单位', l.assignmentDept(e.payload.assignmentId));
      add('承办角色', e.payload.role === 'lead' ? '主办' : e.payload.role === 'co' ? '协办' : null);
      break;
    case 'case.return_requested':
      add('退单单位', l.assignmentDept(e.payload.assignmentId));
      add('退单理由', str(e.payload.reason));
      add('法律或职责依据', str(e.payload.basis));
      break;
    case 'case.return_approved':
      add('退单单位', l.assignmentDept(e.payload.assignmentId));
      add('改派主办单位', e.payload.newLeadDepartmentId != null ? l.deptName(Number(e.payload.newLeadDepartmentId)) : null);
      add('新答复期限', str(e.payload.replyDeadline) ? fmtTime(e.payload.replyDeadline as string) : null);
      break;
    case 'case.return_denied':
      add('退单单位', l.assignmentDept(e.payload.assignmentId));
      add('驳回理由', str(e.payload.reason));
      break;
    case 'case.extension_requested':
      add('申请延期至', str(e.payload.until) ? fmtTime(e.payload.until as string) : null);
      add('原期限', str(e.payload.previousDeadline) ? fmtTime(e.payload.previousDeadline as string) : null);
      add('延期理由', str(e.payload.reason));
      break;
    case 'case.extension_approved':
      add('延期至', str(e.payload.until) ? fmtTime(e.payload.until as string) : null);
      break;
    case 'case.opinion_given':
      add('协办单位', l.assignmentDept(e.payload.assignmentId));
      add('协办意见', str(e.payload.text));
      break;
    case 'case.replied':
      add('答复内容', str(e.payload.text));
      if (e.payload.onTime === false) add('时效', '超期答复');
      break;
    case 'case.reply_approved':
      add('评价期限', str(e.payload.ratingDeadline) ? fmtTime(e.payload.ratingDeadline as string) : null);
      break;
    case 'case.rated':
      add('评价结果', typeof e.payload.rating === 'string' ? ratingLabels[e.payload.rating as keyof typeof ratingLabels] ?? e.payload.rating : null);
      add('评价说明', str(e.payload.comment));
      if (e.payload.wantsRedo) add('诉求人要求', '要求重办');
      break;
    case 'case.closed':
      add('办结方式', ({ rating: '评价后办结', rating_window: '评价期满办结', supervisor: '督办员办结' } as Record<string, string>)[String(e.payload.by)] ?? null);
      add('说明', str(e.payload.reason));
      break;
    case 'case.answered_directly':
      add('引用知识条目', `#${String(e.payload.entryId)} 第 ${String(e.payload.version)} 版`);
      add('问题', str(e.payload.question));
      add('答复内容', str(e.payload.answer));
      add('政策依据文号', str(e.payload.basisNumber));
      break;
    case 'case.created':
      add('登记渠道', typeof e.payload.channel === 'string' ? channelLabels[e.payload.channel as keyof typeof channelLabels] ?? e.payload.channel : null);
      add('建议主办单位', e.payload.suggestedLeadDepartmentId != null ? l.deptName(Number(e.payload.suggestedLeadDepartmentId)) : null);
      break;
    case 'case.merged':
      add('并入诉求', e.payload.duplicateOf != null ? (l.caseCode?.(Number(e.payload.duplicateOf)) ?? `#${String(e.payload.duplicateOf)}`) : null);
      break;
    case 'case.resumed':
      add('挂起时间', str(e.payload.suspendedAt) ? fmtTime(e.payload.suspendedAt as string) : null);
      add('新答复期限', str(e.payload.replyDeadline) ? fmtTime(e.payload.replyDeadline as string) : null);
      break;
    case 'case.instructed':
      add('批示内容', str(e.payload.text));
      break;
    case 'case.warned':
      add('预警单位', e.payload.departmentId != null ? l.deptName(Number(e.payload.departmentId)) : null);
      add('时限', ({ sign: '签收时限', opinion: '协办意见时限', reply: '答复时限' } as Record<string, string>)[String(e.payload.clock)] ?? null);
      add('预警等级', e.payload.level === 'red' ? '红色（已超期）' : e.payload.level === 'yellow' ? '黄色（时限将到）' : null);
      add('期限', str(e.payload.deadline) ? fmtTime(e.payload.deadline as string) : null);
      break;
    case 'case.urged':
      add('催办方式', e.payload.by === 'system' ? '系统自动催办' : null);
      add('被催办单位', e.payload.departmentId != null ? l.deptName(Number(e.payload.departmentId)) : null);
      add('催办理由', str(e.payload.reason));
      break;
    case 'case.escalated':
      add('转入', e.payload.to === 'supervision_office' ? '督办中心' : str(e.payload.to));
      add('理由', str(e.payload.reason));
      break;
    case 'case.order_issued':
      add('被督办单位', e.payload.departmentId != null ? l.deptName(Number(e.payload.departmentId)) : null);
      add('督办等级', orderLevelText[String(e.payload.level)] ?? null);
      add('督办要求', str(e.payload.demands));
      add('办理时限', str(e.payload.deadline) ? fmtTime(e.payload.deadline as string) : null);
      break;
    case 'case.order_raised':
      add('等级', `${orderLevelText[String(e.payload.from)] ?? ''} → ${orderLevelText[String(e.payload.to)] ?? ''}`);
      add('理由', str(e.payload.reason));
      break;
    case 'case.order_answered':
      add('答复单位', e.payload.departmentId != null ? l.deptName(Number(e.payload.departmentId)) : null);
      add('答复内容', str(e.payload.text));
      break;
    case 'case.rejected':
    case 'case.extension_denied':
    case 'case.suspended':
    case 'case.sent_back':
    case 'case.order_closed':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.deadlines_recomputed':
      add('理由', str(e.payload.reason));
      break;
    case 'case.assessment_excluded':
      add('申诉理由', str(e.payload.reasonLabel));
      add('审核意见', str(e.payload.decisionReason));
      break;
    case 'case.accepted':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.publication_approved':
    case 'case.unit_merged':
      break;
    default:
      exhaustive(e);
  }
  return out;
}
