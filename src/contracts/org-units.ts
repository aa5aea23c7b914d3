import { z } from 'zod';
import { zStr } from './common.js';
import { zUnitKind } from './org.js';

// The organisation's admin API (单位管理): the tree with counts, a unit's page, and the commands that change units.
// Every command takes the Beijing date it is effective from (default: today) and is kept as history.

const zDate = zStr().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const zName = zStr().trim().min(1, '请填写单位名称').max(100, '单位名称最长 100 字');
const zCode = zStr().trim().min(1, '请填写单位编码').max(32, '单位编码最长 32 位');
const zPhone = zStr().trim().max(40, '联系电话最长 40 位').nullable();

export const zUnitCreate = z.object({
  name: zName, code: zCode, kind: zUnitKind, parentId: z.number().int().nullable(), phone: zPhone.optional(),
  sortOrder: z.number().int().optional(), effectiveOn: zDate.optional(),
});
export type UnitCreate = z.infer<typeof zUnitCreate>;

export const zUnitEdit = z.object({
  name: zName.optional(), code: zCode.optional(), kind: zUnitKind.optional(), phone: zPhone.optional(),
  sortOrder: z.number().int().optional(), effectiveOn: zDate.optional(),
});
export type UnitEdit = z.infer<typeof zUnitEdit>;

export const zUnitMove = z.object({ parentId: z.number().int().nullable(), effectiveOn: zDate.optional() });
export const zUnitMerge = z.object({ targetId: z.number().int(), effectiveOn: zDate.optional() });
export const zUnitDated = z.object({ effectiveOn: zDate.optional() });
export const zUnitSplit = z.object({
  units: z.array(z.object({ name: zName, code: zCode, kind: zUnitKind.optional(), phone: zPhone.optional() })).min(1).max(20),
  /** Index into `units` of the new unit that takes the open cases and accounts; null keeps them with the original. */
  openWorkTo: z.number().int().min(0).nullable(),
  /** Retire the original unit (一分为多); otherwise it keeps working beside the new ones (职能划出). */
  retire: z.boolean(),
  effectiveOn: zDate.optional(),
});
export type UnitSplit = z.infer<typeof zUnitSplit>;

export const zUnitNode = z.object({
  id: z.number(), code: zStr(), name: zStr(), kind: zUnitKind, parentId: z.number().nullable(), phone: zStr().nullable(),
  sortOrder: z.number(), isActive: z.boolean(), successorId: z.number().nullable(), retiredOn: zStr().nullable(),
  people: z.number(), openCases: z.number(),
});
export type UnitNode = z.infer<typeof zUnitNode>;
export const zUnitTree = z.object({ items: z.array(zUnitNode) });
export type UnitTree = z.infer<typeof zUnitTree>;

export const unitChangeKinds = ['create', 'update', 'rename', 'move', 'merge', 'split', 'deactivate', 'reactivate', 'merged_in'] as const;
export const unitChangeLabels: Record<(typeof unitChangeKinds)[number], string> = {
  create: '设立', update: '修改信息', rename: '更名', move: '调整上级', merge: '并入其他单位', split: '拆分', deactivate: '停用',
  reactivate: '启用', merged_in: '合并接收',
};

export const zUnitChange = z.object({
  id: z.number(), change: z.enum(unitChangeKinds), effectiveOn: zStr(), before: z.unknown(), after: z.unknown(),
  otherId: z.number().nullable(), otherName: zStr().nullable(), newUnits: z.array(z.object({ id: z.number(), name: zStr() })),
  recordedAt: zStr(), recordedByName: zStr().nullable(),
});
export type UnitChange = z.infer<typeof zUnitChange>;

export const zUnitDetail = z.object({
  unit: zUnitNode,
  parentName: zStr().nullable(),
  successorName: zStr().nullable(),
  people: z.array(z.object({ id: z.number(), username: zStr(), displayName: zStr(), role: zStr(), roles: z.array(zStr()), isActive: z.boolean() })),
  /** The cases the unit holds now (an open assignment), newest first, at most 50: what a merge would move. */
  openCaseList: z.array(z.object({ id: z.number(), code: zStr(), title: zStr(), status: zStr(), role: z.enum(['lead', 'co']), isSub: z.boolean() })),
  categories: z.array(z.object({ id: z.number(), code: zStr(), name: zStr() })),
  history: z.array(zUnitChange),
});
export type UnitDetail = z.infer<typeof zUnitDetail>;

export const zUnitResult = z.object({
  id: z.number(),
  /** What a merge or split moved. */
  moved: z.object({ cases: z.number(), assignments: z.number(), orders: z.number(), users: z.number(), children: z.number() }).optional(),
  createdIds: z.array(z.number()).optional(),
});
export type UnitResult = z.infer<typeof zUnitResult>;

/** One row of the Excel import's dry run or real run. */
export const zUnitImportRow = z.object({
  row: z.number(), name: zStr(), parent: zStr(), kind: zStr(), code: zStr(), phone: zStr(),
  problems: z.array(zStr()),
});
export const zUnitImportResult = z.object({
  dryRun: z.boolean(), rows: z.array(zUnitImportRow), errors: z.number(), imported: z.number(),
});
export type UnitImportResult = z.infer<typeof zUnitImportResult>;
