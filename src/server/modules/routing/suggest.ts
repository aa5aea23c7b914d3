import type { AppDeps } from '../../deps.js';

// Where a new case most likely goes: routing rules first, then the trained router, then the category's default.
// Owner: the routing area. First version: the category's default lead department only.

export interface RoutingInput {
  text: string;
  categoryId?: number;
  districtId?: number;
  enterpriseName?: string;
}

export interface RoutingSuggestion {
  source: 'rule' | 'model' | 'category' | 'none';
  ruleId?: number;
  ruleVersion?: number;
  modelVersion?: number;
  /** Best first, at most three; confidence 0..1 (null when the source gives none, e.g. a category default). */
  suggestions: { departmentId: number; departmentName: string; confidence: number | null; coDepartmentIds?: number[] }[];
  /** Words that drove a model's choice. */
  words?: string[];
}

export async function suggestDepartments(deps: AppDeps, input: RoutingInput): Promise<RoutingSuggestion> {
  const dir = await deps.directory.ready();
  const lead = input.categoryId != null ? dir.category(input.categoryId)?.defaultLeadDepartmentId : null;
  if (!lead) return { source: 'none', suggestions: [] };
  return { source: 'category', suggestions: [{ departmentId: lead, departmentName: dir.department(lead)?.name ?? '', confidence: null }] };
}
