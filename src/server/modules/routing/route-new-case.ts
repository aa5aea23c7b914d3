import type { QueryCreator } from 'kysely';
import type { Actor, Command, DispatchRouting } from '../../../domain/case/types.js';
import type { DB } from '../../db/schema.js';

export type DispatchCommand = Extract<Command, { type: 'dispatch' }>;
import type { AppDeps } from '../../deps.js';
import { routeSubject, type RoutingOutcome, type RoutingSubject } from './engine.js';

// 一触即发: a public submission (portal, Open311) is routed the moment it is registered. A rule that fires, or the
// model at or above the admin's confidence, dispatches it as the system; otherwise it waits in the intake queue
// with the three suggestions. The routing is decided before the case is written, so the case, its dispatch (as the
// system) and the routing_decisions row are written by createCase in one statement. A dispatch's event names the
// rule (id, version) or the model (version, confidence) that made it.

export const systemActor: Actor = { userId: null, role: 'system', departmentId: null };

const pct = (x: number) => `${Number((x * 100).toFixed(1))}%`;

export function reasonFor(o: RoutingOutcome, dispatched: boolean): string {
  if (o.wouldDispatch && !dispatched) return '自动派单未能完成，待人工派单';
  const top = o.suggestions[0];
  if (o.source === 'rule') return dispatched ? `规则「${o.rule!.name}」(v${o.rule!.version}) 命中，已自动派单` : `规则「${o.rule!.name}」命中，自动派单已关闭，待人工派单`;
  if (o.source === 'model') {
    const c = `${((top.confidence ?? 0) * 100).toFixed(1)}%`;
    if (o.modelBlocked && o.autoDispatch) return `${o.modelBlocked.message}；待人工派单`;
    if (o.targetPrecision != null && o.autoDispatch) {
      const goal = `目标精确率 ${pct(o.targetPrecision)}`;
      if (dispatched) return `模型 v${o.modelVersion} 置信度 ${c} ≥ ${top.departmentName}的阈值 ${pct(o.threshold)}（${goal}），已自动派单`;
      return o.threshold >= 1
        ? `模型 v${o.modelVersion} 对${top.departmentName}达不到${goal}，待人工派单`
        : `模型 v${o.modelVersion} 置信度 ${c} 低于${top.departmentName}的阈值 ${pct(o.threshold)}（${goal}），待人工派单`;
    }
    if (dispatched) return `模型 v${o.modelVersion} 置信度 ${c} ≥ ${(o.threshold * 100).toFixed(0)}%，已自动派单`;
    return o.autoDispatch ? `模型 v${o.modelVersion} 置信度 ${c} 低于 ${(o.threshold * 100).toFixed(0)}%，待人工派单` : `自动派单已关闭，待人工派单`;
  }
  return '无规则命中且无可用模型，待人工派单';
}

/** Where a new public case goes; never throws (a routing failure is logged and the case waits for a person). */
export async function routeNewSubject(deps: AppDeps, subject: RoutingSubject): Promise<RoutingOutcome | null> {
  try {
    return await routeSubject(deps, subject);
  } catch (err) {
    deps.log.error({ err }, 'routing a new case failed; it waits for the intake desk');
    return null;
  }
}

/** The dispatch the outcome asks for, if any, naming the rule (id, version) or the model (version, confidence). */
export function dispatchFor(o: RoutingOutcome): DispatchCommand | null {
  const top = o.suggestions[0];
  if (!o.wouldDispatch || !top) return null;
  const routing: DispatchRouting = o.source === 'rule'
    ? { source: 'rule', ruleId: o.rule!.id, ruleVersion: o.rule!.version }
    : { source: 'model', modelVersion: o.modelVersion ?? undefined, confidence: top.confidence ?? undefined };
  return { type: 'dispatch', leadDepartmentId: top.departmentId, coDepartmentIds: o.source === 'rule' ? o.rule!.coDepartmentIds : [], routing };
}

/** The routing_decisions row: what the router said for the case, and whether it dispatched. */
export function decisionRow(caseId: number, o: RoutingOutcome, dispatch: DispatchCommand | null, now: Date) {
  const top = o.suggestions[0];
  return {
    case_id: caseId, decided_at: now, source: o.source, rule_id: o.rule?.id ?? null, rule_version: o.rule?.version ?? null,
    model_version: o.source === 'model' ? o.modelVersion : null, confidence: o.source === 'model' ? top?.confidence ?? null : null,
    threshold: o.threshold, lead_department_id: dispatch?.leadDepartmentId ?? null, co_department_ids: JSON.stringify(dispatch?.coDepartmentIds ?? []),
    suggestions: JSON.stringify(o.suggestions.map((s) => ({ departmentId: s.departmentId, confidence: s.confidence, words: s.words }))),
    dispatched: dispatch !== null, reason: reasonFor(o, dispatch !== null),
  };
}

/**
 * The routing_decisions insert as a CTE for createCase's one intake statement (`.with('r', insertDecision(row))`):
 * the routing area writes its own table, inside the statement the cases area runs.
 */
export function insertDecision(row: ReturnType<typeof decisionRow>) {
  return <T extends DB>(q: QueryCreator<T>) => (q as unknown as QueryCreator<DB>).insertInto('routing_decisions').values(row);
}
