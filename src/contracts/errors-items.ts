import type { ItemErrorCode } from '../domain/errors.js';

// Error codes of the supervised items (督办事项) with their zh-CN messages; merged into errorMessages in errors.ts.
export const itemErrors: Record<ItemErrorCode, string> = {
  ITEM_NOT_FOUND: '督办事项不存在或无权查看',
  ITEM_CLOSED: '督办事项已销号，不能再报送或修改',
  ITEM_DATES_INVALID: '开始日期不能晚于完成时限',
  MILESTONE_AFTER_END: '节点时限不能晚于事项的完成时限',
  MILESTONE_BEFORE_START: '节点时限不能早于事项的开始日期',
  ITEM_SCHEDULE_INVALID: '报送周期设置不正确（每月报送日为 1 至 28 日）',
  ITEM_LEADER_INVALID: '责任领导须为市领导账号，或填写领导姓名',
  ITEM_CO_UNIT_IS_LEAD: '牵头单位不能同时作为配合单位',
  ITEM_TARGETS_INVALID: '量化目标填写不正确（名称、计量单位和大于 0 的目标值）',
  ITEM_REPORT_NOT_FOUND: '进展报告不存在',
  ITEM_REPORT_REVIEWED: '该进展报告已审核',
  ITEM_REPORT_TARGET_UNKNOWN: '报送的数据对应的目标不属于该事项',
  ITEM_REPORT_MILESTONE_UNKNOWN: '报送完成的节点不属于该事项或已完成',
  ITEM_NOT_OWN_UNIT: '只有牵头单位或配合单位可以报送进展',
  ITEM_EVIDENCE_REQUIRED: '销号须填写完成情况和佐证材料说明',
  ITEM_RETURN_REASON_REQUIRED: '退回须填写理由',
  ITEM_ORDER_UNIT_INVALID: '督办单只能下发给该事项的牵头或配合单位',
  ITEM_ORDER_NOT_FOUND: '督办单不存在或不属于该事项',
  ITEM_FILE_NOT_USABLE: '佐证材料不存在或不属于该事项',
};
