import type { SearchErrorCode } from '../domain/errors.js';

// Stable error codes of the staff search (查询), with their zh-CN messages.
export const searchErrors: Record<SearchErrorCode, string> = {
  SEARCH_QUERY_TOO_SHORT: '查询内容太短：请至少输入两个汉字、三位编号或四位电话号码',
  SEARCH_PHONE_INVALID: '电话号码应为 4 位尾号或完整号码（7 至 20 位数字）',
  SEARCH_CODE_INVALID: '诉求编号片段应为 3 位以上的字母、数字或横线',
  SEARCH_RANGE_INVALID: '开始日期不能晚于结束日期，且日期范围不能超过 10 年',
};
