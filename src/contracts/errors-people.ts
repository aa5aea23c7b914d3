import type { PeopleErrorCode } from '../domain/errors.js';

// Stable error codes of accounts and passwords and their zh-CN messages (merged into errorMessages in errors.ts).
export const peopleErrors: Record<PeopleErrorCode, string> = {
  USER_NOT_FOUND: '账号不存在',
  USERNAME_TAKEN: '用户名已被使用，请换一个',
  USERNAME_INVALID: '用户名只能包含字母、数字、点、下划线和连字符，长度 2–64 位',
  ROLES_REQUIRED: '请至少选择一个角色',
  UNIT_NOT_FOUND: '所选单位不存在或已停用',
  LAST_ADMIN: '这是最后一个启用的系统管理员账号，不能停用或取消其管理员角色',
  CANNOT_DEACTIVATE_SELF: '不能停用自己的账号',
  USER_INACTIVE: '该账号已停用',
  USER_ALREADY_ACTIVE: '该账号已是启用状态',
  PASSWORD_WEAK: '密码强度不足',
  PASSWORD_REUSED: '不能使用最近用过的密码',
  PASSWORD_WRONG: '原密码不正确',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码后再继续使用',
  PASSWORD_POLICY_INVALID: '密码策略设置不合理：长度 8–64 位，历史次数 0–24，有效期 1–3650 天',
  SESSION_NOT_FOUND: '该登录会话不存在或已结束',
  LOGIN_LOCK_NOT_FOUND: '该账号当前没有被锁定',
  PEOPLE_IMPORT_EMPTY: '文件中没有账号数据',
  PEOPLE_IMPORT_COLUMNS: '文件缺少必需的列：姓名、用户名、单位、角色',
  EMAIL_INVALID: '邮箱格式不正确',
  MOBILE_INVALID: '手机号格式不正确（11 位数字）',
};
