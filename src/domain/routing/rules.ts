import { normalizeText } from './text.js';

// Routing rules: conditions on category, district, keywords and enterprise location that send a case to a lead
// department and co-handlers. The first active rule (by position) whose conditions all hold fires. A rule with
// no condition at all never fires: it would be a default, and a case nobody can route waits for a person. Pure.

export interface RuleConditions {
  /** Categories (a parent category covers its children); empty = any. */
  categoryIds: number[];
  /** District (or town/park) ids of the case; empty = any. A district covers its towns. */
  districtIds: number[];
  /** Words or phrases in title or body. */
  keywords: string[];
  keywordMode: 'any' | 'all';
  /** Enterprise location: place names matched in the address and the enterprise name; empty = any. */
  locations: string[];
}

export interface RoutingRule extends RuleConditions {
  id: number;
  version: number;
  name: string;
  position: number;
  isActive: boolean;
  leadDepartmentId: number;
  coDepartmentIds: number[];
}

export interface RuleSubject {
  title: string;
  body: string;
  categoryId?: number | null;
  districtId?: number | null;
  address?: string | null;
  enterpriseName?: string | null;
}

/** How the organisation and catalogue nest, so a parent covers its children. */
export interface Hierarchy {
  /** The id and every ancestor of a category. */
  categoryLineage(categoryId: number): number[];
  /** The id and every ancestor of a department (town → district). */
  departmentLineage(departmentId: number): number[];
}

export const flatHierarchy: Hierarchy = { categoryLineage: (id) => [id], departmentLineage: (id) => [id] };

/** Keywords and locations as compared: normalised, non-empty, unique. */
export function cleanWords(words: readonly string[]): string[] {
  return [...new Set(words.map(normalizeText).filter((w) => w.length > 0))];
}

export function hasConditions(r: RuleConditions): boolean {
  return r.categoryIds.length > 0 || r.districtIds.length > 0 || cleanWords(r.keywords).length > 0 || cleanWords(r.locations).length > 0;
}

export function ruleMatches(rule: RuleConditions, s: RuleSubject, h: Hierarchy = flatHierarchy): boolean {
  if (!hasConditions(rule)) return false;
  if (rule.categoryIds.length) {
    if (s.categoryId == null) return false;
    const lineage = h.categoryLineage(s.categoryId);
    if (!rule.categoryIds.some((id) => lineage.includes(id))) return false;
  }
  if (rule.districtIds.length) {
    if (s.districtId == null) return false;
    const lineage = h.departmentLineage(s.districtId);
    if (!rule.districtIds.some((id) => lineage.includes(id))) return false;
  }
  const keywords = cleanWords(rule.keywords);
  if (keywords.length) {
    const text = normalizeText(`${s.title}\n${s.body}`);
    const hit = (k: string) => text.includes(k);
    if (rule.keywordMode === 'all' ? !keywords.every(hit) : !keywords.some(hit)) return false;
  }
  const locations = cleanWords(rule.locations);
  if (locations.length) {
    const where = normalizeText(`${s.address ?? ''}\n${s.enterpriseName ?? ''}`);
    if (!locations.some((l) => where.includes(l))) return false;
  }
  return true;
}

/** The rule that fires: the first active one by position whose conditions hold and whose departments are usable. */
export function firstMatchingRule<R extends RoutingRule>(rules: readonly R[], s: RuleSubject, h: Hierarchy = flatHierarchy, isUsableDepartment: (id: number) => boolean = () => true): R | null {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  for (const r of ordered) {
    if (!r.isActive) continue;
    if (!isUsableDepartment(r.leadDepartmentId) || !r.coDepartmentIds.every(isUsableDepartment)) continue;
    if (ruleMatches(r, s, h)) return r;
  }
  return null;
}

export type RuleFlagCode = 'NO_CONDITIONS' | 'EMPTY_KEYWORDS' | 'INACTIVE_DEPARTMENT' | 'LEAD_IN_CO' | 'SHADOWED' | 'CONFLICT' | 'DUPLICATE';

export interface RuleFlag {
  code: RuleFlagCode;
  /** The other rule involved (shadowing, conflicting or duplicated). */
  otherRuleId?: number;
  /** Department ids involved (inactive ones). */
  departmentIds?: number[];
}

/**
 * Is every subject `narrow` matches also matched by `broad`? (Sufficient conditions, per dimension; a parent
 * category or district covers its children, a keyword covers every keyword containing it.)
 */
export function covers(broad: RuleConditions, narrow: RuleConditions, h: Hierarchy = flatHierarchy): boolean {
  if (!hasConditions(broad) || !hasConditions(narrow)) return false;
  const setCovers = (b: number[], n: number[], lineage: (id: number) => number[]) =>
    b.length === 0 || (n.length > 0 && n.every((id) => lineage(id).some((a) => b.includes(a))));
  if (!setCovers(broad.categoryIds, narrow.categoryIds, (id) => h.categoryLineage(id))) return false;
  if (!setCovers(broad.districtIds, narrow.districtIds, (id) => h.departmentLineage(id))) return false;
  const bk = cleanWords(broad.keywords);
  const nk = cleanWords(narrow.keywords);
  if (bk.length) {
    if (!nk.length) return false;
    const someBroadIn = (k: string) => bk.some((b) => k.includes(b));
    if (broad.keywordMode === 'any') {
      // Narrow fires only with one of its keywords (any) or all of them (all): that text contains a broad keyword if…
      if (narrow.keywordMode === 'any' ? !nk.every(someBroadIn) : !nk.some(someBroadIn)) return false;
    } else {
      // Broad needs all its keywords: each must be inside every keyword narrow may fire on (any) or inside one it always has (all).
      const inside = (b: string) => (narrow.keywordMode === 'any' ? nk.every((k) => k.includes(b)) : nk.some((k) => k.includes(b)));
      if (!bk.every(inside)) return false;
    }
  }
  const bl = cleanWords(broad.locations);
  const nl = cleanWords(narrow.locations);
  if (bl.length && (!nl.length || !nl.every((l) => bl.some((b) => l.includes(b))))) return false;
  return true;
}

function sameConditions(a: RuleConditions, b: RuleConditions, h: Hierarchy): boolean {
  return covers(a, b, h) && covers(b, a, h);
}

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Why a rule can never fire or fights another, given every rule (the rule itself included or not). */
export function analyseRule(rule: RoutingRule, all: readonly RoutingRule[], isActiveDepartment: (id: number) => boolean, h: Hierarchy = flatHierarchy): RuleFlag[] {
  const flags: RuleFlag[] = [];
  const keywordsGiven = rule.keywords.length > 0;
  if (keywordsGiven && cleanWords(rule.keywords).length === 0) flags.push({ code: 'EMPTY_KEYWORDS' });
  if (!hasConditions(rule)) flags.push({ code: 'NO_CONDITIONS' });
  const inactive = [rule.leadDepartmentId, ...rule.coDepartmentIds].filter((id) => !isActiveDepartment(id));
  if (inactive.length) flags.push({ code: 'INACTIVE_DEPARTMENT', departmentIds: inactive });
  if (rule.coDepartmentIds.includes(rule.leadDepartmentId)) flags.push({ code: 'LEAD_IN_CO' });
  if (!rule.isActive) return flags;
  for (const other of all) {
    if (other.id === rule.id || !other.isActive) continue;
    const same = sameConditions(rule, other, h);
    if (same) {
      const sameTarget = other.leadDepartmentId === rule.leadDepartmentId && sameSet(other.coDepartmentIds, rule.coDepartmentIds);
      flags.push({ code: sameTarget ? 'DUPLICATE' : 'CONFLICT', otherRuleId: other.id });
    }
    const earlier = other.position < rule.position || (other.position === rule.position && other.id < rule.id);
    if (earlier && covers(other, rule, h)) flags.push({ code: 'SHADOWED', otherRuleId: other.id });
  }
  return flags;
}
