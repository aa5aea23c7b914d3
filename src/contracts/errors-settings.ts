import type { SettingsErrorCode } from '../domain/errors.js';

// Stable error codes of the city's settings, the first start and the admin audit trail, with their zh-CN messages.
export const settingsErrors: Record<SettingsErrorCode, string> = {
  CITY_NAME_INVALID: '城市名称应为 2 至 20 个汉字，例如“示例市”',
  CITY_CODE_INVALID: '行政区划代码应为 6 位数字，例如 430400',
  SETTINGS_TEXT_INVALID: '热线名称、短信签名和网站标题不能为空，且不能过长',
  LOGO_INVALID: '标志图片应为 PNG 或 JPEG，且不超过 200 KB',
  SETUP_ALREADY_DONE: '平台已经初始化，不能再次初始化',
  SETUP_USERNAME_INVALID: '管理员用户名应为 3 至 32 位字母、数字、点、横线或下划线',
  SETUP_PASSWORD_WEAK: '密码至少 12 位，且需同时包含字母和数字',
  ADMIN_AUDIT_QUERY_INVALID: '查询条件有误，请检查日期范围',
};
