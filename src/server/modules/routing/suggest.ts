import type { AppDeps } from '../../deps.js';
import { routeSubject } from './engine.js';

// Where a new case most likely goes: routing rules first, then the trained router, then nothing (a case nobody
// can route waits in the intake queue; there is no default department). Owner: the routing area; the portal calls it.

export interface RoutingInput {
  /** The case's text; with `title` given, the body only. */
  text: string;
  title?: string;
  categoryId?: number;
  districtId?: number;
  enterpriseName?: string;
  address?: string;
}

export interface RoutingSuggestion {
  /** 'category' is no longer produced (kept so callers' types stay valid). */
  source: 'rule' | 'model' | 'category' | 'none';
  ruleId?: number;
  ruleVersion?: number;
  modelVersion?: number;
  /** Best first, at most three; confidence 0..1 (null when the source gives none, e.g. a rule). */
  suggestions: { departmentId: number; departmentName: string; confidence: number | null; coDepartmentIds?: number[] }[];
  /** Words that drove the choice (the model's words, or the rule's keywords found in the text). */
  words?: string[];
}

export async function suggestDepartments(deps: AppDeps, input: RoutingInput): Promise<RoutingSuggestion> {
  const r = await routeSubject(deps, {
    title: input.title ?? '', body: input.text, categoryId: input.categoryId, districtId: input.districtId,
    enterpriseName: input.enterpriseName, address: input.address,
  });
  return {
    source: r.source,
    ...(r.rule ? { ruleId: r.rule.id, ruleVersion: r.rule.version } : {}),
    ...(r.source === 'model' && r.modelVersion != null ? { modelVersion: r.modelVersion } : {}),
    suggestions: r.suggestions.map((s) => ({
      departmentId: s.departmentId, departmentName: s.departmentName, confidence: s.confidence,
      ...(s.coDepartmentIds ? { coDepartmentIds: s.coDepartmentIds } : {}),
    })),
    words: r.suggestions[0]?.words ?? [],
  };
}
