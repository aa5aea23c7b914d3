import type { RoutingErrorCode } from '../domain/errors.js';

// Stable error codes of the routing area and their zh-CN messages (merged into errorMessages in errors.ts).
export const routingErrors: Record<RoutingErrorCode, string> = {
  RULE_NOT_FOUND: '派单规则不存在',
  RULE_STALE: '该规则已被他人修改，请刷新后再保存',
  RULE_INVALID: '派单规则填写有误',
  RULE_REORDER_INVALID: '规则顺序须包含全部现有规则且不重复',
  ROUTER_NO_MODEL: '尚未训练派单模型',
  ROUTER_NOT_ENOUGH_DATA: '可用于训练的已办结诉求太少（至少需要两个单位各有若干件）',
  ROUTER_TRAINING_RUNNING: '模型正在训练，请稍后再试',
  ROUTER_TEST_FILE_INVALID: '测试文件无法读取或缺少标题、内容、承办单位列',
  ROUTING_THRESHOLD_INVALID: '自动派单置信度须在 0.5 到 1 之间',
  ROUTER_TOO_FEW_CASES: '训练数据太少（平均每个单位不足 20 件，或合计不足 200 件），无法可靠估计精确率：模型只给建议，不自动派单',
  ROUTING_PRECISION_INVALID: '目标精确率须在 50% 到 99.9% 之间',
};
