import type { OrderAction, OrderLevel, OrderState } from '../../../domain/supervision/types.js';

export const orderLevelLabels: Record<OrderLevel, { text: string; color: string }> = {
  normal: { text: '普通', color: 'blue' },
  yellow: { text: '黄牌', color: 'gold' },
  red: { text: '红牌', color: 'red' },
};

export const orderStateLabels: Record<OrderState, { text: string; color: string }> = {
  open: { text: '待答复', color: 'processing' },
  answered: { text: '已答复待审核', color: 'orange' },
  closed: { text: '已办结', color: 'success' },
};

export const orderActionLabels: Record<OrderAction, string> = { answer: '书面答复', raise: '提升等级', close: '认可办结' };

export const warningLabels: Record<'none' | 'yellow' | 'red', { text: string; color: string }> = {
  none: { text: '正常', color: 'default' },
  yellow: { text: '黄色预警', color: 'gold' },
  red: { text: '红色预警', color: 'red' },
};
