import { decide } from '../../../domain/case/decide.js';
import type { Actor, NewEvent } from '../../../domain/case/types.js';
import type { AppDeps } from '../../deps.js';
import { publishCaseChange } from '../cases/case-changes.js';
import { applyAssignmentOps, lockCase, writeCaseChange } from '../cases/repository.js';
import { routeSubject, type RoutingOutcome, type RoutingSubject } from './engine.js';

// 一触即发: a public submission (portal, Open311) is routed the moment it is registered. A rule that fires, or the
// model at or above the admin's confidence, dispatches it as the system; otherwise it waits in the intake queue
// with the three suggestions. Every decision is a row in routing_decisions; a dispatch's event names the rule
// (id, version) or the model (version, confidence) that made it.

const systemActor: Actor = { userId: null, role: 'system', departmentId: null };

export interface RoutedCase {
  dispatched: boolean;
  outcome: RoutingOutcome;
}

function reasonFor(o: RoutingOutcome, dispatched: boolean): string {
  if (o.wouldDispatch && !dispatched) return '诉求已不在待派状态，未自动派单';
  const top = o.suggestions[0];
  if (o.source === 'rule') return dispatched ? `规则「${o.rule!.name}」(v${o.rule!.version}) 命中，已自动派单` : `规则「${o.rule!.name}」命中，自动派单已关闭，待人工派单`;
  if (o.source === 'model') {
    const c = `${((top.confidence ?? 0) * 100).toFixed(1)}%`;
    if (dispatched) return `模型 v${o.modelVersion} 置信度 ${c} ≥ ${(o.threshold * 100).toFixed(0)}%，已自动派单`;
    return o.autoDispatch ? `模型 v${o.modelVersion} 置信度 ${c} 低于 ${(o.threshold * 100).toFixed(0)}%，待人工派单` : `自动派单已关闭，待人工派单`;
  }
  return '无规则命中且无可用模型，待人工派单';
}

/**
 * Routes one newly registered case; never throws (a routing failure leaves the case waiting for a person). `known`
 * is the case's text when the caller has it (createCase), saving a read; the dispatch itself re-reads under a lock.
 */
export async function routeNewCase(deps: AppDeps, caseId: number, known?: RoutingSubject): Promise<RoutedCase | null> {
  try {
    let subject = known;
    if (!subject) {
      const row = await deps.database.db.selectFrom('cases')
        .select(['title', 'description', 'category_id', 'district_id', 'address', 'enterprise_name', 'status'])
        .where('id', '=', caseId).executeTakeFirst();
      if (!row || row.status !== 'submitted') return null;
      subject = { title: row.title, body: row.description, categoryId: row.category_id, districtId: row.district_id, address: row.address, enterpriseName: row.enterprise_name };
    }
    const outcome = await routeSubject(deps, subject);
    const dir = await deps.directory.ready();
    const now = deps.now();
    let dispatched = false;
    await deps.database.db.transaction().execute(async (tx) => {
      const top = outcome.suggestions[0];
      const decision = {
        case_id: caseId, decided_at: now, source: outcome.source, rule_id: outcome.rule?.id ?? null, rule_version: outcome.rule?.version ?? null,
        model_version: outcome.source === 'model' ? outcome.modelVersion : null, confidence: outcome.source === 'model' ? top?.confidence ?? null : null,
        threshold: outcome.threshold, lead_department_id: null as number | null, co_department_ids: '[]',
        suggestions: JSON.stringify(outcome.suggestions.map((s) => ({ departmentId: s.departmentId, confidence: s.confidence, words: s.words }))),
      };
      if (outcome.wouldDispatch && top) {
        const locked = await lockCase(tx, caseId, (id) => dir.categoryKind(id));
        if (locked && locked.row.status === 'submitted') {
          const lead = top.departmentId;
          const co = outcome.source === 'rule' ? outcome.rule!.coDepartmentIds : [];
          const d = decide(locked.snapshot, { type: 'dispatch', leadDepartmentId: lead, coDepartmentIds: co }, systemActor, { now, policy: deps.policy });
          if (d.ok) {
            const routing = outcome.source === 'rule'
              ? { source: 'rule', ruleId: outcome.rule!.id, ruleVersion: outcome.rule!.version }
              : { source: 'model', modelVersion: outcome.modelVersion, confidence: top.confidence };
            const events: NewEvent[] = d.events.map((e) => (e.type === 'case.dispatched' ? { ...e, payload: { ...e.payload, routing } } : e));
            await applyAssignmentOps(tx, caseId, d.assignments);
            await writeCaseChange(tx, locked.row, d.patch, events, systemActor, now);
            dispatched = true;
            decision.lead_department_id = lead;
            decision.co_department_ids = JSON.stringify(co);
          }
        }
      }
      await tx.insertInto('routing_decisions').values({ ...decision, dispatched, reason: reasonFor(outcome, dispatched) }).execute();
    });
    if (dispatched) await publishCaseChange(deps, caseId);
    return { dispatched, outcome };
  } catch (err) {
    deps.log.error({ err, caseId }, 'routing a new case failed; it waits for the intake desk');
    return null;
  }
}
