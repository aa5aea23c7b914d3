import type { KnowledgeErrorCode } from '../domain/errors.js';

// Stable error codes of the knowledge base (知识库), with their zh-CN messages.
export const knowledgeErrors: Record<KnowledgeErrorCode, string> = {
  KNOWLEDGE_OWNER_REQUIRED: '知识条目必须指定责任单位',
  KNOWLEDGE_OWNER_NOT_FOUND: '责任单位不存在或已停用',
  KNOWLEDGE_VALIDITY_INVALID: '有效期截止日期不能早于起始日期',
  KNOWLEDGE_BASIS_EXPIRED: '政策依据已过有效期，不能作为知识条目使用，请更新依据或有效期',
  KNOWLEDGE_ENTRY_NOT_FOUND: '知识条目不存在',
  KNOWLEDGE_VERSION_NOT_FOUND: '该版本不存在',
  KNOWLEDGE_NOT_OWNER: '只有责任单位可以审核或修改本单位的知识条目',
  KNOWLEDGE_NOT_DRAFT: '该版本不是待审核的草稿',
  KNOWLEDGE_NOT_PUBLISHED: '该知识条目尚未审核通过，不能用于答复',
  KNOWLEDGE_NOT_IN_FORCE: '该知识条目不在有效期内，不能用于答复',
  KNOWLEDGE_ANSWER_TARGET: '请登记一件新诉求，或指定一件待受理的诉求（二者选一）',
  KNOWLEDGE_CASE_NO_REPLY: '该诉求还没有答复，不能转为知识条目',
  KNOWLEDGE_FILE_INVALID: '知识库文件缺少必需的列：问题、答复、责任单位',
  KNOWLEDGE_QUERY_TOO_SHORT: '请至少输入两个字再查找知识库',
};
