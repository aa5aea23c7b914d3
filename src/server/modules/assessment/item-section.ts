import { sql } from 'kysely';
import type { Difference, ItemSectionDto } from '../../../contracts/assessment.js';
import { deriveItemFacts, itemSection, itemSectionWeights, type AssessmentScheme, type ItemFact, type ItemSectionRow } from '../../../domain/assessment/index.js';
import type { Period } from '../../../domain/assessment/period.js';
import type { ScorecardRow } from '../../../domain/assessment/scorecard.js';
import type { Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';

// The items section of a period (督办事项: reports on time and milestones met per lead unit). Facts are derived in
// memory from item_events up to the item-event cursor, at the instant the section was counted (`asOf`), and never
// stored: the run, the drill-down and `verify` all derive them the same way from the event record, so they agree.

const batch = 1000;

/** The newest item event id: the cursor a section counts up to. */
export async function itemEventCursor(db: Tx): Promise<number> {
  const r = await sql<{ id: string | null }>`SELECT max(id)::text AS id FROM item_events`.execute(db);
  return Number(r.rows[0]?.id ?? 0);
}

/** Every item fact of the period (of one lead unit when asked), derived from events with id ≤ cursor. */
export async function itemFacts(db: Tx, p: Pick<Period, 'from' | 'to'>, cursor: number, asOf: Date, departmentId?: number): Promise<ItemFact[]> {
  let q = db.selectFrom('items').select('id').orderBy('id');
  if (departmentId !== undefined) q = q.where('lead_department_id', '=', departmentId);
  const ids = (await q.execute()).map((r) => Number(r.id));
  const out: ItemFact[] = [];
  for (let i = 0; i < ids.length; i += batch) {
    const part = ids.slice(i, i + batch);
    const rows = await db.selectFrom('item_events').select(['id', 'item_id', 'type', 'at', 'payload'])
      .where('item_id', 'in', part).where('id', '<=', cursor).orderBy('item_id').orderBy('seq').execute();
    let start = 0;
    for (let j = 1; j <= rows.length; j++) {
      if (j < rows.length && rows[j].item_id === rows[start].item_id) continue;
      const events = rows.slice(start, j).map((e) => ({ id: Number(e.id), type: e.type, at: new Date(e.at), payload: e.payload as Record<string, unknown> }));
      out.push(...deriveItemFacts(Number(rows[start].item_id), events, p.from, p.to, asOf));
      start = j;
    }
  }
  return out;
}

/** Counts the section: the facts' figures per lead unit, blended with the case composite by the scheme's weights. */
export async function computeItemSection(db: Tx, p: Pick<Period, 'from' | 'to'>, scheme: AssessmentScheme, caseRows: readonly ScorecardRow[],
  names: Names, cursor: number, asOf: Date): Promise<ItemSectionDto> {
  const facts = await itemFacts(db, p, cursor, asOf);
  const composite = new Map(caseRows.map((r) => [r.departmentId, r.composite]));
  const rows = itemSection(facts, itemSectionWeights(scheme), (d) => composite.get(d) ?? null, (d) => names.department(d) ?? '');
  return { itemCursor: cursor, asOf: asOf.toISOString(), rows };
}

/** The instant a section counts at: now, or the end of a period that has ended (a due after it is not the period's). */
export function sectionAsOf(p: Pick<Period, 'to'>, now: Date): Date {
  return now.getTime() < p.to.getTime() ? now : new Date(p.to.getTime() - 1);
}

/** Field-by-field differences between a stored section and a recomputation. */
export function compareItemSection(stored: ItemSectionDto | null, recomputed: ItemSectionDto | null): Difference[] {
  const out: Difference[] = [];
  const before = new Map((stored?.rows ?? []).map((r) => [r.departmentId, r]));
  const after = new Map((recomputed?.rows ?? []).map((r) => [r.departmentId, r]));
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    const name = (a ?? b)!.departmentName;
    if (!a || !b) {
      out.push({ departmentId: id, departmentName: name, field: 'items.department', snapshot: a ? 'listed' : null, recomputed: b ? 'listed' : null });
      continue;
    }
    const fields: Array<[string, (r: ItemSectionRow) => unknown]> = [
      ['items.items', (r) => r.items], ['items.reports.numerator', (r) => r.reports.numerator], ['items.reports.denominator', (r) => r.reports.denominator],
      ['items.milestones.numerator', (r) => r.milestones.numerator], ['items.milestones.denominator', (r) => r.milestones.denominator],
      ['items.combined', (r) => r.combined],
    ];
    for (const [field, get] of fields) {
      if (JSON.stringify(get(a)) !== JSON.stringify(get(b))) out.push({ departmentId: id, departmentName: name, field, snapshot: get(a), recomputed: get(b) });
    }
  }
  return out;
}

/** The stored sections column: `{ items }`, or null in snapshots made before sections existed. */
export function itemSectionOf(sections: unknown): ItemSectionDto | null {
  const s = sections as { items?: ItemSectionDto } | null;
  return s?.items ?? null;
}
