import type { SupervisionErrorCode } from '../domain/errors.js';

// Error codes of the supervision area with their zh-CN messages; merged into errorMessages in errors.ts.
export const supervisionErrors: Record<SupervisionErrorCode, string> = {
  ORDER_CASE_NOT_OPEN: '诉求不在办理中，不能下发督办单',
  ORDER_DEPARTMENT_NOT_HOLDING: '该单位不是本轮承办单位，不能向其下发督办单',
  ORDER_ALREADY_OPEN: '该单位已有未办结的督办单，请提升其督办等级',
  ORDER_LEVEL_NOT_RAISED: '督办等级只能提高，不能降低或保持不变',
  ORDER_ALREADY_ANSWERED: '督办单已答复，等待督办员审核',
  ORDER_NOT_ANSWERED: '督办单尚未答复，不能办结',
  ORDER_CLOSED: '督办单已办结',
  ORDER_DEADLINE_INVALID: '办理时限须晚于当前时间',
  ORDER_DEMANDS_REQUIRED: '请填写督办要求',
  ORDER_NOT_OWN_DEPARTMENT: '只有被督办单位可以答复督办单',
};
