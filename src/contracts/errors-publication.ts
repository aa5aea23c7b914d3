import type { PublicationErrorCode } from '../domain/errors.js';

// Stable error codes of the publication area and their zh-CN messages (merged into errorMessages in errors.ts).
export const publicationErrors: Record<PublicationErrorCode, string> = {
  PUBLICATION_NOT_FOUND: '该诉求没有公开记录',
  PUBLICATION_NO_CONSENT: '诉求人未同意公开，不能发布到公开栏',
  PUBLICATION_NOT_CANDIDATE: '诉求尚未受理交办，不能公开',
  PUBLICATION_NOT_PENDING: '只有待审核的公开申请可以驳回',
  PUBLICATION_NOT_APPROVED: '只有已公开的问题可以撤回',
  PUBLICATION_VERSION_CONFLICT: '公开内容已被他人修改，请刷新后重试',
  PUBLICATION_REPLY_NOT_READY: '答复尚未审核通过，不能公开答复',
  BOARD_CASE_NOT_FOUND: '公开栏中没有这个问题',
};
