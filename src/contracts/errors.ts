import type { CoreErrorCode, ErrorCode } from '../domain/errors.js';
import { followupsErrors } from './errors-followups.js';
import { peopleErrors } from './errors-people.js';
import { assessmentErrors } from './errors-assessment.js';
import { dashboardErrors } from './errors-dashboard.js';
import { publicationErrors } from './errors-publication.js';
import { portalErrors } from './errors-portal.js';
import { importErrors } from './errors-import.js';
import { open311Errors } from './errors-open311.js';
import { routingErrors } from './errors-routing.js';
import { catalogueErrors } from './errors-catalogue.js';
import { orgErrors } from './errors-org.js';
import { calendarErrors } from './errors-calendar.js';
import { notificationErrors } from './errors-notifications.js';
import { slaErrors } from './errors-sla.js';
import { supervisionErrors } from './errors-supervision.js';
import { settingsErrors } from './errors-settings.js';
import { searchErrors } from './errors-search.js';
import { suggestionErrors } from './errors-suggestions.js';
import { itemErrors } from './errors-items.js';
import { indicatorErrors } from './errors-indicators.js';
import { knowledgeErrors } from './errors-knowledge.js';
import { hotspotErrors } from './errors-hotspots.js';

// The zh-CN message of every error code, shared by the server (API errors) and the web client. The codes are the
// domain's (src/domain/errors.ts); each area keeps its messages in errors-<area>.ts, this file the core ones.
export type { ErrorCode } from '../domain/errors.js';
export { errorCodes } from '../domain/errors.js';

const coreErrors: Record<CoreErrorCode, string> = {
  VALIDATION_FAILED: '提交的内容不符合要求',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  TEXT_CONTROL_CHARACTER: '文字中含有不允许的控制字符（如 NUL），请删除后重新提交',
  INVALID_UTF8: '请求内容不是有效的 UTF-8 编码，请以 UTF-8 提交',
  NOT_FOUND: '请求的资源不存在',
  CASE_NOT_FOUND: '诉求不存在或无权查看',
  DEPARTMENT_NOT_FOUND: '部门不存在',
  CATEGORY_NOT_FOUND: '问题类别不存在',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有执行此操作的权限',
  CSRF_FAILED: '页面已过期，请刷新后重试',
  LOGIN_FAILED: '用户名或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已临时锁定，请稍后再试',
  LOGIN_THROTTLED: '登录尝试过于频繁，请稍后再试',
  IDEMPOTENCY_CONFLICT: '相同的幂等键已用于不同的内容',
  CONCURRENT_UPDATE: '诉求已被他人更新，请刷新后重试',
  UNKNOWN_COMMAND: '不支持的操作',
  INTERNAL_ERROR: '系统内部错误，请稍后重试',
  BACKUP_FAILED: '无法生成备份，请查看详情或联系运维人员',
  DATABASE_UNAVAILABLE: '数据库暂时无法访问，请稍后重试',
  DISK_FULL: '服务器存储空间已满，本次操作未保存，请联系运维人员清理空间后重试',
  MIGRATIONS_PENDING: '数据库结构尚未更新到本版本，请稍后重试',
  // Lifecycle guards
  CASE_TRANSITION_NOT_ALLOWED: '诉求当前状态不允许此操作',
  ROLE_NOT_ALLOWED: '当前角色不能执行此操作',
  NOT_ASSIGNED_TO_DEPARTMENT: '本部门不是该诉求的承办单位',
  NOT_LEAD_DEPARTMENT: '只有主办单位可以执行此操作',
  ALREADY_ACCEPTED: '诉求已受理',
  ALREADY_SIGNED: '本部门已签收',
  NOT_SIGNED: '请先签收',
  OPINION_ALREADY_GIVEN: '本部门已提交协办意见',
  OPINIONS_PENDING: '还有协办单位未提交意见且未到期限',
  REASON_REQUIRED: '请填写理由',
  BASIS_REQUIRED: '请填写法律或职责依据',
  TEXT_REQUIRED: '请填写内容',
  TEXT_TOO_LONG: '内容过长',
  RETURN_PENDING: '已有待审核的退单申请',
  NO_PENDING_RETURN: '没有待审核的退单申请',
  NEW_LEAD_REQUIRED: '批准主办单位退单时须指定新的主办单位',
  EXTENSION_PENDING: '已有待审核的延期申请',
  NO_PENDING_EXTENSION: '没有待审核的延期申请',
  EXTENSION_NOT_LATER: '延期后的期限必须晚于当前期限',
  CASE_SUSPENDED: '诉求已挂起，请先恢复',
  CASE_NOT_SUSPENDED: '诉求未挂起',
  LEAD_REQUIRED: '请指定主办单位',
  LEAD_IN_CO: '主办单位不能同时是协办单位',
  DUPLICATE_DEPARTMENT: '协办单位重复',
  SAME_DEPARTMENT: '新的主办单位不能是申请退单的单位',
  MERGE_SELF: '不能与自身并案',
  MERGE_TARGET_INVALID: '并案目标不存在或已终结',
  ALREADY_RATED: '诉求已评价',
  RATING_COMMENT_REQUIRED: '不满意时请说明原因',
  NOT_RATED_UNSATISFIED: '只有不满意的诉求可以重办',
  REDO_LIMIT_REACHED: '该诉求已重办过，不能再次重办',
  RATING_WINDOW_OPEN: '评价期限未到，诉求人尚未评价',
  // Levels and joint handling
  SUB_DISPATCH_NOT_SUBORDINATE: '只能下派给本单位所辖的乡镇（街道）或下级单位',
  SUB_DEADLINE_INVALID: '下派期限须晚于现在且不晚于本单位的办理期限',
  CHILDREN_ACTIVE: '下派的单位尚未办结，请等待其上报结果或收回',
  NOT_SUB_ASSIGNMENT: '这不是上级下派给本单位的任务',
  ASSIGNMENT_DONE: '本单位的任务已办结',
  ALREADY_ON_CASE: '该单位已在办理此诉求',
  ATTACHMENTS_INVALID: '附件不合要求：一次最多 10 个、不能重复，只有答复的附件可以给诉求人或公开',
  ATTACHMENT_NOT_USABLE: '附件不存在、已被使用或不是您为本诉求上传的，请重新上传',
};

export const errorMessages: Record<ErrorCode, string> = { ...coreErrors, ...calendarErrors, ...slaErrors, ...supervisionErrors, ...notificationErrors,
  ...assessmentErrors, ...dashboardErrors, ...publicationErrors, ...portalErrors, ...importErrors, ...open311Errors, ...routingErrors, ...followupsErrors,
  ...settingsErrors,
  ...catalogueErrors,
  ...orgErrors,
  ...peopleErrors,
  ...searchErrors,
  ...suggestionErrors,
  ...itemErrors,
  ...indicatorErrors,
  ...knowledgeErrors,
  ...hotspotErrors,
};

export function messageFor(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? errorMessages.INTERNAL_ERROR;
}
