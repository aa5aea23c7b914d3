import type { PortalErrorCode } from '../domain/errors.js';

// Stable error codes of the portal area and their zh-CN messages (merged into errorMessages in errors.ts).
export const portalErrors: Record<PortalErrorCode, string> = {
  PORTAL_FIELDS_INVALID: '请按提示修改标出的内容',
  PORTAL_RATE_LIMITED: '操作过于频繁，请稍后再试',
  ATTACHMENT_TYPE_NOT_ALLOWED: '只能上传图片（JPG、PNG、GIF、WebP、HEIC）或 PDF 文件；该文件的实际内容不是这些格式',
  ATTACHMENT_TOO_LARGE: '单个附件不能超过 10 MB',
  ATTACHMENT_EMPTY: '附件是空文件',
  ATTACHMENT_MISSING: '请选择要上传的文件',
  ATTACHMENT_NOT_FOUND: '附件不存在或无权查看',
  TRACKING_NOT_FOUND: '查询链接无效或已失效，请用受理编号和手机号后四位重新查询',
  TRACKING_LOOKUP_FAILED: '受理编号或手机号后四位不正确',
  PORTAL_RATING_NOT_OPEN: '该诉求当前不在评价阶段',
  PORTAL_REDO_NOT_AVAILABLE: '该诉求已重办过一次，不能再次申请重办；如有异议，督办员会与您联系',
};
