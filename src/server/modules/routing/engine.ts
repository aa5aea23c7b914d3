import { cleanWords, firstMatchingRule, type RoutingRule, type RuleSubject } from '../../../domain/routing/rules.js';
import { normalizeText } from '../../../domain/routing/text.js';
import { suggestWithModel } from '../../../domain/routing/router.js';
import { toSuccessors } from '../../../domain/routing/successors.js';
import type { RoutingResult } from '../../../contracts/routing.js';
import type { AppDeps } from '../../deps.js';
import { districtLevel, hierarchyOf } from './hierarchy.js';
import { activeModel } from './models.js';
import { cachedRules } from './rules-store.js';
import { cachedSettings } from './settings.js';
import { choiceFor } from './precision.js';
import { thresholdOf } from '../../../domain/routing/threshold.js';
import { messageFor } from '../../../contracts/errors.js';

// One answer to "where does this case go?": the first rule that fires, else the model's top three, else nothing
// (a case nobody can route waits for a person; there is no default department).

/** What routing reads of a case: the rules' subject (the model reads title, body, category and district of it). */
export type RoutingSubject = RuleSubject;

export interface RoutingOutcome extends RoutingResult {
  firedRule: RoutingRule | null;
}

export async function routeSubject(deps: AppDeps, s: RoutingSubject): Promise<RoutingOutcome> {
  const [dir, rules, current, settings] = await Promise.all([deps.directory.ready(), cachedRules(deps), activeModel(deps), cachedSettings(deps)]);
  const usable = (id: number) => rules.activeDepartments.has(id) && !!dir.department(id);
  const name = (id: number) => dir.department(id)?.name ?? `#${id}`;
  const fired = firstMatchingRule(rules.list, s, hierarchyOf(dir), usable);
  // A label of a unit merged since training counts for its successor (toSuccessors); a retired unit without one is left out.
  const modelSuggestions = current
    ? toSuccessors(suggestWithModel(current.model, { title: s.title, body: s.body, categoryId: s.categoryId, districtId: districtLevel(dir, s.districtId) }, {
      n: 10, excluded: (id) => !usable(dir.successorOf(id)),
    }), (id) => dir.successorOf(id))
    : [];
  const fromModel = modelSuggestions.map((m) => ({ departmentId: m.departmentId, departmentName: name(m.departmentId), confidence: m.confidence, words: m.words }));
  // Under a target precision the top department needs its own threshold (chosen on out-of-fold cases); a model from
  // before migration 0040 has none and keeps the fixed threshold.
  const choice = current && settings.targetPrecision != null ? choiceFor(current, settings.targetPrecision) : null;
  const modelBlocked = choice?.blocked ? { code: choice.blocked, message: messageFor(choice.blocked) } : null;
  const thresholdFor = (departmentId: number | undefined) => (choice ? (departmentId == null ? null : thresholdOf(choice, departmentId)) : settings.threshold);
  const base = {
    threshold: settings.threshold, autoDispatch: settings.autoDispatch, modelVersion: current?.version ?? null,
    targetPrecision: choice ? settings.targetPrecision : null, modelBlocked,
  };
  if (fired) {
    const text = normalizeText(`${s.title}\n${s.body}`);
    const keywords = cleanWords(fired.keywords).filter((k) => text.includes(k));
    const suggestions = [
      { departmentId: fired.leadDepartmentId, departmentName: name(fired.leadDepartmentId), confidence: null, words: keywords, coDepartmentIds: fired.coDepartmentIds },
      ...fromModel.filter((m) => m.departmentId !== fired.leadDepartmentId),
    ].slice(0, 3);
    return {
      ...base, source: 'rule', firedRule: fired, suggestions, wouldDispatch: settings.autoDispatch,
      rule: { id: fired.id, version: fired.version, name: fired.name, leadDepartmentId: fired.leadDepartmentId, coDepartmentIds: fired.coDepartmentIds },
    };
  }
  if (fromModel.length) {
    const top = fromModel[0].confidence ?? 0;
    // A merged unit's successor without its own threshold gets the shared one.
    const t = thresholdFor(fromModel[0].departmentId);
    return { ...base, threshold: t ?? 1, source: 'model', firedRule: null, rule: null, suggestions: fromModel, wouldDispatch: settings.autoDispatch && t != null && top >= t };
  }
  return { ...base, source: 'none', firedRule: null, rule: null, suggestions: [], wouldDispatch: false };
}
