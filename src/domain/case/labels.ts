import type { CaseStatus, Rating, Urgency } from './status.js';

// The Chinese names a person reads for a case's attributes: the console shows them, and the server writes them into
// every export, so one list serves both.

export const statusLabels: Record<CaseStatus, string> = {
  submitted: '待受理', rejected: '不予受理', merged: '已并案', dispatched: '已派单待签收', handling: '办理中',
  replied: '已答复待审核', awaiting_rating: '待评价', closed: '已办结',
};

export const urgencyLabels: Record<Urgency, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };

export const ratingLabels: Record<Rating, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

export const channelLabels: Record<'hotline' | 'web' | 'letter' | 'import' | 'open311' | 'staff', string> = {
  hotline: '12345热线', web: '网上提交', letter: '来信', import: '批量导入', open311: '开放接口', staff: '工作人员登记',
};

export const supervisionLevelLabels: Record<string, string> = {
  none: '未督办', urged: '已催办', yellow: '黄牌督办', red: '红牌督办', instruction: '领导批示',
};

export const warningLevelLabels: Record<'none' | 'yellow' | 'red', string> = { none: '正常', yellow: '黄色预警', red: '红色预警' };
