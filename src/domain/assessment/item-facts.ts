import { endOfBeijingDay, reportPeriods } from '../items/schedule.js';
import type { ReportSchedule } from '../items/types.js';
import { tallyByUnit } from './sections.js';

// The items section of the assessment (督办事项考核), pure: facts derived from one item's event record (item_events),
// in chain order, for the item's lead unit. Documented in docs/assessment.md ("Items section").
//
// - `item_report`: every scheduled report period of the item whose due instant lies in the period and has passed at
//   `asOf`, while the item was open. hit: the lead unit reported for that period on time (the report's `isLate` is
//   false) and the report was not sent back.
// - `item_milestone`: every milestone whose due instant (end of its Beijing due day) lies in the period and has passed
//   at `asOf`, while the item was open. hit: a report submitted by the due listed the milestone and was accepted.
// `at` is the due instant: it decides the period. Only events up to the snapshot's item cursor are given.

export const itemMeasures = ['item_report', 'item_milestone'] as const;
export type ItemMeasure = (typeof itemMeasures)[number];

export interface ItemEventInput {
  id: number;
  type: string;
  at: Date;
  payload: Record<string, unknown>;
}

export interface ItemFact {
  itemId: number;
  departmentId: number;
  measure: ItemMeasure;
  /** The report period (2026-03) or the milestone's id. */
  ref: string;
  /** What the drill-down shows: the period, or the milestone's title. */
  label: string;
  at: Date;
  hit: boolean;
}

interface Milestone { id: number; title: string; dueAt: Date }
interface Report { departmentId: number; period: string | null; at: Date; isLate: boolean; milestoneIds: number[]; returned: boolean; accepted: boolean }

const num = (v: unknown) => Number(v);

export function deriveItemFacts(itemId: number, events: readonly ItemEventInput[], from: Date, to: Date, asOf: Date): ItemFact[] {
  let lead: number | null = null;
  let schedule: ReportSchedule = { frequency: 'none' };
  let start = '';
  let end = '';
  let closedAt: Date | null = null;
  const milestones: Milestone[] = [];
  const reports = new Map<number, Report>();
  const addMilestones = (list: unknown) => {
    for (const m of (list ?? []) as Array<{ milestoneId: number; title: string; dueDate: string }>) {
      milestones.push({ id: num(m.milestoneId), title: m.title, dueAt: endOfBeijingDay(m.dueDate) });
    }
  };
  for (const e of events) {
    const p = e.payload;
    switch (e.type) {
      case 'item.created': {
        lead = num(p.leadDepartmentId);
        const s = p.schedule as { frequency: 'none' | 'monthly' | 'quarterly'; day: number | null };
        schedule = s.frequency === 'none' || s.day === null ? { frequency: 'none' } : { frequency: s.frequency, day: s.day };
        start = String(p.startDate);
        end = String(p.endDate);
        addMilestones(p.milestones);
        break;
      }
      case 'item.edited':
        if (typeof p.endDate === 'string') end = p.endDate;
        addMilestones(p.addedMilestones);
        break;
      case 'item.reported':
        reports.set(num(p.reportId), {
          departmentId: num(p.departmentId), period: (p.period as string | null) ?? null, at: e.at, isLate: p.isLate === true,
          milestoneIds: ((p.milestoneIds ?? []) as number[]).map(num), returned: false, accepted: false,
        });
        break;
      case 'item.report_returned': { const r = reports.get(num(p.reportId)); if (r) r.returned = true; break; }
      case 'item.report_accepted': { const r = reports.get(num(p.reportId)); if (r) r.accepted = true; break; }
      case 'item.closed': closedAt ??= e.at; break;
      default: break;
    }
  }
  if (lead === null) return [];
  const department = lead;
  const counts = (at: Date) => at >= from && at < to && at <= asOf && (!closedAt || at <= closedAt);
  const out: ItemFact[] = [];
  const leadReports = [...reports.values()].filter((r) => r.departmentId === department);
  for (const period of reportPeriods(schedule, start, end)) {
    if (!counts(period.dueAt)) continue;
    const hit = leadReports.some((r) => r.period === period.period && !r.isLate && !r.returned);
    out.push({ itemId, departmentId: department, measure: 'item_report', ref: period.period, label: `${period.period} 期进展`, at: period.dueAt, hit });
  }
  for (const m of milestones) {
    if (!counts(m.dueAt)) continue;
    const hit = [...reports.values()].some((r) => r.accepted && r.at <= m.dueAt && r.milestoneIds.includes(m.id));
    out.push({ itemId, departmentId: department, measure: 'item_milestone', ref: String(m.id), label: m.title, at: m.dueAt, hit });
  }
  return out;
}

export interface ItemSectionRow {
  departmentId: number;
  departmentName: string;
  /** Distinct items with a fact in the period. */
  items: number;
  reports: { numerator: number; denominator: number };
  milestones: { numerator: number; denominator: number };
  /** The case composite blended with every weighted section's rates (sections.ts `combinedScore`); null without weight. */
  combined: number | null;
}

/**
 * One row per lead unit with facts, ordered by department id; `combined` stays null here: `applyCombined` (sections.ts)
 * sets it once every section of the period is counted, since the combined score weighs them all.
 */
export function itemSection(facts: readonly ItemFact[], nameOf: (departmentId: number) => string): ItemSectionRow[] {
  return tallyByUnit(facts, (f) => f.itemId, (f) => f.measure === 'item_report').map((u) => ({
    departmentId: u.departmentId, departmentName: nameOf(u.departmentId), items: u.records, reports: u.first, milestones: u.second, combined: null,
  }));
}
