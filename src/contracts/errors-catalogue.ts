import type { CatalogueErrorCode } from '../domain/errors.js';

// Stable error codes of the catalogue area and their zh-CN messages (merged into errorMessages in errors.ts).
export const catalogueErrors: Record<CatalogueErrorCode, string> = {
  CATEGORY_CODE_TAKEN: '类别编码已被其他类别使用',
  CATEGORY_CODE_INVALID: '类别编码只能由字母、数字、点、横线和下划线组成（1–40 位）',
  CATEGORY_CYCLE: '不能把类别移到它自己或它的下级类别之下',
  CATEGORY_HAS_ACTIVE_CHILDREN: '该类别下还有启用的下级类别，请先停用或移走下级类别',
  CATEGORY_PARENT_INACTIVE: '上级类别已停用，请先启用上级类别',
  CATEGORY_INACTIVE: '该问题类别已停用，请选择其他类别',
  CATEGORY_ALREADY_INACTIVE: '该类别已是停用状态',
  CATEGORY_ALREADY_ACTIVE: '该类别已是启用状态',
  CATEGORY_UNIT_INACTIVE: '所选单位已停用，不能作为默认牵头或协办单位',
  CATEGORY_KIND_NOT_ACCEPTED: '默认诉求类型须在受理类型之内',
  CATEGORY_CASE_TYPE_NOT_ACCEPTED: '该问题类别不受理这种诉求类型，请改选诉求类型或问题类别',
  CATEGORY_STALE: '该类别已被他人修改，请刷新后再保存',
  CATEGORY_DATE_INVALID: '生效日期不能晚于今天',
  CATEGORY_FILE_INVALID: '无法读取该文件，请上传 .xlsx 或 .csv 格式的类别表',
};
