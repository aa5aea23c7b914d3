import type { Role } from '../../domain/case/status.js';
import type { CaseStatus, Rating, Urgency } from '../../domain/case/status.js';
import type { CommandType } from '../../domain/case/types.js';
import type { CaseView } from '../../contracts/cases.js';
import type { Department } from '../../contracts/org.js';
import { unitKindLabels } from '../../domain/org/units.js';
import { channelLabels, ratingLabels, statusLabels, urgencyLabels } from '../../domain/case/labels.js';

export { channelLabels, ratingLabels, statusLabels, urgencyLabels };

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员', intake: '受理员', handler: '承办人', head: '承办单位负责人', supervisor: '督办员', leader: '市领导', deputy: '代表委员',
};

export const statusColors: Record<CaseStatus, string> = {
  submitted: 'gold', rejected: 'default', merged: 'default', dispatched: 'blue', handling: 'processing',
  replied: 'purple', awaiting_rating: 'cyan', closed: 'success',
};

/** A submitted case that has been accepted but not yet dispatched reads differently to the desk. */
export function statusText(status: CaseStatus, acceptedAt?: string | null): string {
  return status === 'submitted' && acceptedAt ? '已受理待派单' : statusLabels[status];
}

export const urgencyColors: Record<Urgency, string> = { normal: 'default', urgent: 'orange', emergency: 'red' };

export const ratingColors: Record<Rating, string> = { satisfied: 'success', basically: 'blue', unsatisfied: 'error' };

export const supervisionLabels: Record<string, { text: string; color: string }> = {
  none: { text: '未督办', color: 'default' },
  urged: { text: '已催办', color: 'orange' },
  yellow: { text: '黄牌督办', color: 'gold' },
  red: { text: '红牌督办', color: 'red' },
  instruction: { text: '领导批示', color: 'magenta' },
};

export const viewLabels: Record<CaseView, string> = {
  all: '全部', intake: '待受理', to_sign: '待签收', handling: '办理中', due_soon: '即将超期', overdue: '已超期',
  review: '待审核答复', returns: '退单申请', extensions: '延期申请', awaiting_rating: '待评价', closed: '已办结',
};

export const departmentKindLabels: Record<Department['kind'], string> = unitKindLabels;

export const commandLabels: Record<CommandType, string> = {
  accept: '受理', reject: '不予受理', merge: '并案', dispatch: '派单', sign: '签收', 'request-return': '申请退单',
  'approve-return': '同意退单', 'deny-return': '驳回退单', 'request-extension': '申请延期', 'approve-extension': '同意延期',
  'deny-extension': '驳回延期', suspend: '挂起', resume: '恢复办理', opinion: '提交协办意见', reply: '答复', 'approve-reply': '审核通过',
  'send-back': '退回重办答复', rate: '回访评价', redo: '确认重办', close: '办结', instruct: '领导批示',
  'sub-dispatch': '下派', 'sub-reply': '上报办理结果', 'call-in': '吹哨报到',
};

export const assignmentStatusLabels: Record<'pending' | 'signed' | 'done' | 'returned' | 'cancelled', string> = {
  pending: '待签收', signed: '已签收', done: '已完成', returned: '已退单', cancelled: '已撤销',
};
