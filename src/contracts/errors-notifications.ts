import type { NotificationsErrorCode } from '../domain/errors.js';

// Error codes of the notifications area with their zh-CN messages; merged into errorMessages in errors.ts.
export const notificationErrors: Record<NotificationsErrorCode, string> = {
  NOTIFICATION_NOT_FOUND: '消息不存在',
  WEBHOOK_NOT_FOUND: 'Webhook 不存在',
  WEBHOOK_URL_INVALID: 'Webhook 地址必须是以 http:// 或 https:// 开头的有效网址',
  WEBHOOK_TARGET_PRIVATE: 'Webhook 地址指向本机、内网或保留地址，不能使用（如确需推送到内网，请由运维在 YIWANG_WEBHOOK_ALLOW_PRIVATE 中放行该网段）',
  WEBHOOK_DELIVERY_NOT_FOUND: '推送记录不存在',
};
