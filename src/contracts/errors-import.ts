import type { ImportErrorCode } from '../domain/errors.js';

// Stable error codes of the import area and their zh-CN messages (merged into errorMessages in errors.ts).
export const importErrors: Record<ImportErrorCode, string> = {
  IMPORT_FILE_UNREADABLE: '文件无法读取',
  IMPORT_FILE_EMPTY: '文件是空的',
  IMPORT_FILE_TOO_LARGE: '文件超过大小上限',
  IMPORT_FORMAT_UNSUPPORTED: '不支持的文件格式，请使用 CSV、XLSX 或 JSON（旧版 .xls 请另存为 .xlsx）',
  IMPORT_ZIP_BOMB: 'XLSX 文件解压后过大或压缩比异常，已拒绝（疑似压缩炸弹）',
  IMPORT_XLSX_INVALID: 'XLSX 文件已损坏或不是有效的 Excel 文件',
  IMPORT_JSON_INVALID: 'JSON 文件格式不正确',
  IMPORT_NO_HEADER: '未找到表头：前 10 行中没有可识别的列名（如 标题、内容、时间、承办单位）',
  IMPORT_REQUIRED_COLUMNS: '缺少必需的列：需要“时间”列，以及“标题”或“内容”列（可用映射指定）',
  IMPORT_MAPPING_INVALID: '字段映射格式不正确',
  IMPORT_MAPPING_NOT_FOUND: '字段映射不存在',
  IMPORT_UPLOAD_NOT_FOUND: '上传的文件不存在或已过期，请重新上传',
  IMPORT_RUN_NOT_FOUND: '导入任务不存在',
  IMPORT_RUN_ACTIVE: '该来源已有导入任务正在运行',
  IMPORT_RUN_NOT_RESUMABLE: '该导入任务不能继续（已完成或正在运行）',
  IMPORT_SOURCE_INVALID: '来源名称须为 1–50 个字符（字母、数字、汉字、-、_、.）',
  IMPORT_CATEGORY_MISSING: '系统中没有可用的默认类别（“其他诉求”），请在映射中指定默认类别',
  IMPORT_CELL_TOO_LARGE: '文件中有单元格内容过长（超过导入上限，默认 32767 个字符），已拒绝整个文件，未导入任何数据',
  IMPORT_ROW_TOO_LARGE: '文件中有一行过大（列数或整行字符数超过导入上限），已拒绝整个文件，未导入任何数据',
  IMPORT_TOO_MANY_ROWS: '文件行数超过导入上限，请拆分后分批导入',
  IMPORT_NESTING_TOO_DEEP: 'JSON 记录嵌套层数过多，已拒绝整个文件',
  IMPORT_SHARED_STRINGS_TOO_LARGE: 'XLSX 文件中的文字总量超过导入上限，请拆分文件或另存为 CSV 后导入',
  IMPORT_READ_TIMEOUT: '读取文件超时，已停止读取并拒绝该文件',
  IMPORT_READ_MEMORY_EXCEEDED: '读取文件所需内存超过上限，已停止读取并拒绝该文件',
};
