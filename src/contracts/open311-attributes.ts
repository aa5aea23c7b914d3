import { z } from 'zod';
import { zId, zStr } from './common.js';

// Wire shapes of the admin's Open311 service attribute console (/api/open311/services…, /api/open311/attributes…).
// The public service definition (GeoReport v2) is zOpen311ServiceDefinition in open311.ts.

export const open311Datatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type Open311Datatype = (typeof open311Datatypes)[number];
/** Datatypes whose answers are keys from the attribute's value list. */
export const open311ListDatatypes: readonly Open311Datatype[] = ['singlevaluelist', 'multivaluelist'];

export const open311DatatypeLabels: Record<Open311Datatype, string> = {
  string: '单行文本', number: '数字', datetime: '日期时间', text: '多行文本', singlevaluelist: '单选', multivaluelist: '多选',
};

// Codes and keys travel in form field names (attribute[code]) and values, so they stay plain ASCII.
const codePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
const keyPattern = /^[A-Za-z0-9_.-]+$/;

export const zOpen311AttributeValue = z.object({
  key: zStr().trim().min(1, '请填写选项值').max(40, '选项值不超过 40 个字符').regex(keyPattern, '选项值只能含字母、数字、下划线、连字符和点'),
  name: zStr().trim().min(1, '请填写选项名称').max(60, '选项名称不超过 60 字'),
});

export const zOpen311AttributeInput = z.object({
  code: zStr().trim().min(1, '请填写属性代码').max(40, '属性代码不超过 40 个字符').regex(codePattern, '属性代码须以字母开头，只含字母、数字和下划线'),
  datatype: z.enum(open311Datatypes, '请选择数据类型'),
  required: z.boolean().default(false),
  /** false: an explanation shown to the client, not a question (the spec's `variable`). */
  variable: z.boolean().default(true),
  description: zStr().trim().min(1, '请填写属性说明（提问）').max(200, '属性说明不超过 200 字'),
  datatypeDescription: zStr().trim().max(200, '填写提示不超过 200 字').default(''),
  values: z.array(zOpen311AttributeValue).max(100, '选项不超过 100 个').default([]),
});
export type Open311AttributeInput = z.input<typeof zOpen311AttributeInput>;
export type Open311AttributeData = z.output<typeof zOpen311AttributeInput>;

export const zOpen311AdminAttribute = z.object({
  id: z.number(),
  categoryId: z.number(),
  code: z.string(),
  datatype: z.enum(open311Datatypes),
  required: z.boolean(),
  variable: z.boolean(),
  description: z.string(),
  datatypeDescription: z.string(),
  /** Position in the service definition (1, 2, …). */
  order: z.number(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type Open311AdminAttribute = z.infer<typeof zOpen311AdminAttribute>;

/** A leaf category as an Open311 service, as the admin picks it. */
export const zOpen311AdminService = z.object({
  categoryId: z.number(),
  code: z.string(),
  name: z.string(),
  group: z.string(),
  attributeCount: z.number(),
});
export type Open311AdminService = z.infer<typeof zOpen311AdminService>;

export const zOpen311AdminServiceList = z.object({ items: z.array(zOpen311AdminService) });
export const zOpen311AttributeList = z.object({ service: zOpen311AdminService, items: z.array(zOpen311AdminAttribute) });
export type Open311AttributeList = z.infer<typeof zOpen311AttributeList>;

export const zOpen311AttributeReorder = z.object({ attributeIds: z.array(zId).min(1, '请给出属性顺序').max(200) });

export const zOpen311AttributeChange = z.object({
  id: z.number(),
  change: z.enum(['created', 'updated', 'deleted', 'reordered']),
  /** The attribute's code (after the change; before it for a deletion); null for a reorder. */
  code: z.string().nullable(),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  /** The attribute before and after; for a reorder, the codes in their old and new order. */
  before: z.unknown(),
  after: z.unknown(),
});
export type Open311AttributeChange = z.infer<typeof zOpen311AttributeChange>;
export const zOpen311AttributeChangeList = z.object({ items: z.array(zOpen311AttributeChange) });

export const zOpen311ServiceParams = z.object({ categoryId: zId });
export const zOpen311AttributeParams = z.object({ id: zId });
