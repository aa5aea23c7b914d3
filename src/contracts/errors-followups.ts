import type { FollowupsErrorCode } from '../domain/errors.js';

// Stable error codes of the followups area and their zh-CN messages (merged into errorMessages in errors.ts).
export const followupsErrors: Record<FollowupsErrorCode, string> = {
  FOLLOWUP_NOT_AWAITING_RATING: '该诉求当前不在待评价状态，无需回访',
  FOLLOWUP_ALREADY_RATED: '该诉求本轮已评价，无需再回访',
  FOLLOWUP_ONLINE_CHANNEL: '该诉求由诉求人在线评价，不在电话回访范围内',
  FOLLOWUP_NO_PHONE: '诉求人未留联系电话（匿名），无法电话回访',
  FOLLOWUP_WINDOW_CLOSED: '评价期限已过，不能再登记回访',
  FOLLOWUP_ATTEMPTS_EXHAUSTED: '本轮未接通次数已达上限，请等待诉求人回电或评价期限届满',
  FOLLOWUP_RATING_REQUIRED: '接通后请选择满意度',
  FOLLOWUP_FAILURE_REASON_REQUIRED: '未接通时请选择原因',
};
