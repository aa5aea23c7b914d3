import type { AssessmentErrorCode } from '../domain/errors.js';

// Stable error codes of the assessment area and their zh-CN messages (merged into errorMessages in errors.ts).
export const assessmentErrors: Record<AssessmentErrorCode, string> = {
  ASSESSMENT_PERIOD_INVALID: '考核期格式不正确，应为 2026-10（月）、2026-Q3（季度）或 2026（年）',
  ASSESSMENT_PERIOD_NOT_FOUND: '该考核期尚未计算',
  ASSESSMENT_PERIOD_FUTURE: '考核期尚未开始，不能计算',
  ASSESSMENT_PERIOD_OPEN: '考核期尚未结束，不能发布',
  ASSESSMENT_PERIOD_PUBLISHED: '该考核期已发布，考核结果已冻结，不能修改',
  ASSESSMENT_PERIOD_NOT_PUBLISHED: '该考核期尚未发布',
  ASSESSMENT_SCHEME_WEIGHTS_SUM: '各项指标权重之和必须等于 1（100%）',
  ASSESSMENT_SCHEME_INVALID: '考核方案中有取值不正确的项目',
  ASSESSMENT_DRILL_INVALID: '下钻参数不正确',
  APPEAL_REASON_INVALID: '请选择申诉理由',
  APPEAL_EVIDENCE_REQUIRED: '申诉须提供证明材料（文字说明必填）',
  APPEAL_FILE_INVALID: '附件须为 PDF、图片或 Office 文档，且不超过 5 MB',
  APPEAL_EXISTS: '该诉求已有待审核或已通过的申诉',
  APPEAL_NOT_FOUND: '申诉不存在',
  APPEAL_ALREADY_DECIDED: '该申诉已审核，不能重复审核',
  APPEAL_CASE_NOT_COUNTED: '该诉求未计入本单位考核，无需申诉',
  APPEAL_DECISION_REASON_REQUIRED: '请填写审核意见',
};
