import { exhaustive, type CaseEvent, type EventOf } from '../events/catalogue.js';
import type { CaseKind, Rating, Urgency } from '../case/status.js';
import type { DeadlinePolicy } from '../case/types.js';

// Case events → per-case, per-department facts. Every figure of a scorecard is a count over these facts, so a
// figure can always be traced to its cases and recomputed from the event log (`assess verify`).

export const factMeasures = ['signing', 'replying', 'followup', 'overdue', 'yellow', 'red', 'refused_return', 'redo', 'excluded'] as const;
export type FactMeasure = (typeof factMeasures)[number];

export interface Fact {
  caseId: number;
  departmentId: number;
  measure: FactMeasure;
  /** When it counts: the period whose range holds `at` counts it. */
  at: Date;
  /** signing / replying: on time. Others: true. */
  hit: boolean;
  /** followup only. */
  rating: Rating | null;
  responded: boolean | null;
  resolved: boolean | null;
  /** excluded: who approved it and why; otherwise null. */
  detail: Record<string, unknown> | null;
}

/** A case event with what facts need of its row. */
export type FactEvent = { id: number; at: Date; actorDepartmentId: number | null } & CaseEvent;

export interface FactCase {
  id: number;
  kind: CaseKind;
  urgency: Urgency;
  categoryId: number | null;
}

export type FactPolicy = Pick<DeadlinePolicy, 'signBy' | 'replyBy'>;

const date = (v: string | null | undefined): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * Derives a case's facts from its events (in chain order). One fact per department and measure: where a measure
 * happens more than once, the first occurrence dates it (so a case counts once per measure), except the follow-up,
 * where the latest rating counts (a redo's new rating replaces the old one).
 */
export function deriveFacts(c: FactCase, events: readonly FactEvent[], policy: FactPolicy): Fact[] {
  const facts = new Map<string, Fact>();
  const base = (departmentId: number, measure: FactMeasure, at: Date): Fact => ({
    caseId: c.id, departmentId, measure, at, hit: true, rating: null, responded: null, resolved: null, detail: null,
  });
  const first = (departmentId: number, measure: FactMeasure, at: Date, patch: Partial<Fact> = {}) => {
    const key = `${departmentId}:${measure}`;
    if (!facts.has(key)) facts.set(key, { ...base(departmentId, measure, at), ...patch });
  };
  const put = (f: Fact) => facts.set(`${f.departmentId}:${f.measure}`, f);

  let lead: number | null = null;
  const firstDispatch = new Map<number, Date>();
  /** Sign deadline of each department's open dispatch. */
  const signDue = new Map<number, Date>();
  /** Whether the department's latest signing was on time (the follow-up's 响应). */
  const lastSignOnTime = new Map<number, boolean>();
  const returnRequester = new Map<number, number>();
  const importedKeys = new Set<string>();

  const dispatchTo = (dept: number, at: Date) => {
    if (!firstDispatch.has(dept)) firstDispatch.set(dept, at);
    signDue.set(dept, policy.signBy(at, c.urgency, c.categoryId, c.kind));
  };

  for (const e of events) {
    switch (e.type) {
      case 'case.dispatched':
      case 'case.redone': {
        const leadId = e.payload.leadDepartmentId;
        lead = leadId;
        for (const d of [leadId, ...e.payload.coDepartmentIds]) dispatchTo(d, e.at);
        if (e.type === 'case.redone') first(leadId, 'redo', e.at);
        break;
      }
      case 'case.return_requested': {
        if (e.actorDepartmentId !== null) returnRequester.set(e.payload.assignmentId, e.actorDepartmentId);
        break;
      }
      case 'case.return_approved': {
        const next = e.payload.newLeadDepartmentId;
        if (e.payload.role === 'lead' && next != null) {
          lead = next;
          dispatchTo(next, e.at);
        }
        break;
      }
      case 'case.return_denied': {
        const dept = returnRequester.get(e.payload.assignmentId);
        if (dept !== undefined) first(dept, 'refused_return', e.at);
        break;
      }
      case 'case.signed': {
        const dept = e.actorDepartmentId;
        const due = dept === null ? undefined : signDue.get(dept);
        if (dept === null || !due) break;
        const onTime = e.at.getTime() <= due.getTime();
        signDue.delete(dept);
        lastSignOnTime.set(dept, onTime);
        const key = `${dept}:signing`;
        const prev = facts.get(key);
        if (prev) prev.hit = prev.hit && onTime;
        else put({ ...base(dept, 'signing', firstDispatch.get(dept) ?? e.at), hit: onTime });
        break;
      }
      case 'case.replied': {
        const dept = e.actorDepartmentId ?? lead;
        if (dept === null) break;
        const onTime = e.payload.onTime !== false;
        const prev = facts.get(`${dept}:replying`);
        if (prev) prev.hit = prev.hit && onTime;
        else put({ ...base(dept, 'replying', e.at), hit: onTime });
        if (!onTime) first(dept, 'overdue', e.at);
        break;
      }
      case 'case.warned': {
        if (e.payload.level === 'red') first(e.payload.departmentId, 'overdue', e.at);
        break;
      }
      case 'case.order_issued':
      case 'case.order_raised': {
        const dept = e.payload.departmentId;
        const level = e.type === 'case.order_issued' ? e.payload.level : e.payload.to;
        if (dept != null && (level === 'yellow' || level === 'red')) first(dept, level, e.at);
        break;
      }
      case 'case.rated': {
        const rating: Rating = e.payload.rating;
        if (lead === null) break;
        put({
          ...base(lead, 'followup', e.at), rating,
          responded: lastSignOnTime.get(lead) ?? true,
          resolved: rating !== 'unsatisfied',
        });
        break;
      }
      case 'case.assessment_excluded': {
        const p = e.payload;
        first(p.departmentId, 'excluded', e.at, { detail: { appealId: p.appealId, reason: p.reason, reasonLabel: p.reasonLabel, decidedBy: p.decidedBy, decidedByName: p.decidedByName, decisionReason: p.decisionReason } });
        break;
      }
      case 'case.unit_merged': {
        // The merged unit's open work is the successor's from now on: its pending sign and the lead move with it.
        const { fromDepartmentId: from, toDepartmentId: to } = e.payload;
        if (lead === from) lead = to;
        const due = signDue.get(from);
        if (due) {
          signDue.delete(from);
          if (!signDue.has(to)) signDue.set(to, due);
        }
        const dispatched = firstDispatch.get(from);
        if (dispatched && !firstDispatch.has(to)) firstDispatch.set(to, dispatched);
        const signed = lastSignOnTime.get(from);
        if (signed !== undefined && !lastSignOnTime.has(to)) lastSignOnTime.set(to, signed);
        break;
      }
      case 'case.imported':
        // A re-import carries the whole history again (revision 2, 3, …): the newest one replaces the facts of the last.
        for (const key of importedKeys) facts.delete(key);
        importedKeys.clear();
        for (const f of importedFacts(c, e, policy)) {
          put(f);
          importedKeys.add(`${f.departmentId}:${f.measure}`);
        }
        break;
      // Nothing to count.
      case 'case.created':
      case 'case.accepted':
      case 'case.rejected':
      case 'case.merged':
      case 'case.merge_received':
      case 'case.import_updated':
      case 'case.extension_requested':
      case 'case.extension_approved':
      case 'case.extension_denied':
      case 'case.suspended':
      case 'case.resumed':
      case 'case.opinion_given':
      case 'case.reply_approved':
      case 'case.sent_back':
      case 'case.closed':
      case 'case.instructed':
      case 'case.sub_dispatched':
      case 'case.sub_replied':
      case 'case.called_in':
      case 'case.urged':
      case 'case.escalated':
      case 'case.order_answered':
      case 'case.order_closed':
      case 'case.deadlines_recomputed':
      case 'case.publication_approved':
      case 'case.publication_rejected':
      case 'case.publication_withdrawn':
      case 'case.answered_directly': // closed at the desk without a unit: no unit's fact (counted apart, docs/knowledge.md)
        break;
      default:
        exhaustive(e);
        break;
    }
  }
  return [...facts.values()];
}

/** An imported case's whole past is one payload with the source system's timestamps. */
function importedFacts(c: FactCase, e: EventOf<'case.imported'> & { at: Date }, policy: FactPolicy): Fact[] {
  const h = e.payload;
  if (h.departmentId == null) return [];
  const dept = h.departmentId;
  const created = date(h.createdAt) ?? e.at;
  const dispatched = date(h.dispatchedAt) ?? date(h.acceptedAt) ?? created;
  const signed = date(h.signedAt);
  const replied = date(h.repliedAt);
  const closed = date(h.closedAt);
  const out: Fact[] = [];
  const base = { caseId: c.id, departmentId: dept, rating: null, responded: null, resolved: null, detail: null };
  let signOnTime = true;
  if (signed) {
    signOnTime = signed.getTime() <= policy.signBy(dispatched, c.urgency, c.categoryId, c.kind).getTime();
    out.push({ ...base, measure: 'signing', at: dispatched, hit: signOnTime });
  }
  if (replied) {
    const onTime = replied.getTime() <= policy.replyBy(dispatched, c.kind, c.urgency, c.categoryId).getTime();
    out.push({ ...base, measure: 'replying', at: replied, hit: onTime });
    if (!onTime) out.push({ ...base, measure: 'overdue', at: replied, hit: true });
  }
  const rating = h.rating ?? null;
  if (rating) {
    out.push({ ...base, measure: 'followup', at: closed ?? replied ?? created, hit: true, rating, responded: signOnTime, resolved: rating !== 'unsatisfied' });
  }
  return out;
}
