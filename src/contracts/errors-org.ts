import type { OrgErrorCode } from '../domain/errors.js';

// Stable error codes of the organisation (单位管理) and their zh-CN messages (merged into errorMessages in errors.ts).
export const orgErrors: Record<OrgErrorCode, string> = {
  UNIT_NOT_FOUND: '单位不存在',
  UNIT_CODE_TAKEN: '单位编码已被其他单位使用',
  UNIT_CODE_INVALID: '单位编码只能由字母、数字、“-”和“_”组成，最长 32 位',
  UNIT_NAME_REQUIRED: '请填写单位名称',
  UNIT_CYCLE: '不能把单位移到它自己或它的下级单位之下',
  UNIT_PARENT_NOT_FOUND: '上级单位不存在',
  UNIT_PARENT_INACTIVE: '上级单位已停用',
  UNIT_HAS_OPEN_CASES: '该单位还有未办结的诉求，不能停用；请先把它合并到其他单位',
  UNIT_HAS_ACTIVE_USERS: '该单位还有在用账号，不能停用；请先调整账号或把单位合并到其他单位',
  UNIT_HAS_ACTIVE_CHILDREN: '该单位还有在用的下级单位，请先调整或停用下级单位',
  UNIT_INACTIVE: '该单位已停用',
  UNIT_ALREADY_ACTIVE: '该单位已在使用中',
  UNIT_MERGE_SELF: '不能把单位合并到它自己',
  UNIT_TARGET_INACTIVE: '目标单位已停用',
  UNIT_EFFECTIVE_DATE_INVALID: '生效日期须为不晚于今天的有效日期',
  UNIT_SPLIT_INVALID: '拆分须至少新设一个单位；撤销原单位时须指定承接其在办诉求的新单位',
  UNIT_IMPORT_INVALID: '导入文件有错误，整份文件未导入；请按提示修改后重新导入',
};
