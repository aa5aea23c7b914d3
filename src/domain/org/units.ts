// Units of the organisation tree (一网覆盖): their kinds, the scorecard group each kind falls in, and the pure checks
// the organisation commands make (no cycle when moving, codes well formed).

export const unitKinds = ['office', 'city_department', 'utility', 'vertical', 'judicial', 'district', 'town', 'park', 'community'] as const;
export type UnitKind = (typeof unitKinds)[number];

/** The words the console and the Excel file use for each kind. */
export const unitKindLabels: Record<UnitKind, string> = {
  office: '综合部门',
  city_department: '市直部门',
  utility: '公用企业',
  vertical: '垂直管理单位',
  judicial: '司法机关',
  district: '县市区',
  town: '乡镇街道',
  park: '园区',
  community: '村社区网格',
};

export type UnitGroup = 'city' | 'district' | 'park';

/** The scorecard group of a kind (the old `dept_group` column, kept and derived). */
export function unitGroup(kind: UnitKind): UnitGroup {
  if (kind === 'park') return 'park';
  if (kind === 'district' || kind === 'town' || kind === 'community') return 'district';
  return 'city';
}

/** Kinds listed on every scorecard even without cases: the units the city assesses. */
export function isAssessedKind(kind: UnitKind): boolean {
  return kind === 'city_department' || kind === 'utility' || kind === 'vertical' || kind === 'judicial' || kind === 'district' || kind === 'park';
}

/** Kinds that handle cases as a department (the handling-department pickers). */
export const handlingKinds: UnitKind[] = ['city_department', 'utility', 'vertical', 'judicial', 'district', 'park', 'town', 'community', 'office'];

/** Unit codes: letters, digits, '-' and '_', 1 to 32 characters (the demo's are short pinyin initials). */
export const unitCodePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** True when `candidate` is `id` itself or lies below it: moving `id` under it would make a cycle. */
export function isSelfOrDescendant(id: number, candidate: number, parentOf: (x: number) => number | null | undefined): boolean {
  const seen = new Set<number>();
  for (let x: number | null | undefined = candidate; x != null && !seen.has(x); x = parentOf(x)) {
    if (x === id) return true;
    seen.add(x);
  }
  return false;
}

/** Follows successor links to the unit that carries a merged unit's work today (itself when not merged). */
export function finalSuccessor(id: number, successorOf: (x: number) => number | null | undefined): number {
  const seen = new Set<number>([id]);
  let current = id;
  for (let next = successorOf(current); next != null && !seen.has(next); next = successorOf(current)) {
    seen.add(next);
    current = next;
  }
  return current;
}
