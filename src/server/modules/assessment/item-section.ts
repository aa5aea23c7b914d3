import { sql } from 'kysely';
import type { Difference, ItemSectionDto } from '../../../contracts/assessment.js';
import { deriveItemFacts, itemSection, type ItemFact, type ItemSectionRow } from '../../../domain/assessment/index.js';
import type { Period } from '../../../domain/assessment/period.js';
import type { Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';
import { compareSectionRows } from './section-compare.js';

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

/** Counts the section: the facts' figures per lead unit (`combined` is set with the other sections, `period-sections.ts`). */
export async function computeItemSection(db: Tx, p: Pick<Period, 'from' | 'to'>, names: Names, cursor: number, asOf: Date): Promise<ItemSectionDto> {
  const rows = itemSection(await itemFacts(db, p, cursor, asOf), (d) => names.department(d) ?? '');
  return { itemCursor: cursor, asOf: asOf.toISOString(), rows };
}

/** The instant a section counts at: now, or the end of a period that has ended (a due after it is not the period's). */
export function sectionAsOf(p: Pick<Period, 'to'>, now: Date): Date {
  return now.getTime() < p.to.getTime() ? now : new Date(p.to.getTime() - 1);
}

/** Field-by-field differences between a stored section and a recomputation. */
export function compareItemSection(stored: ItemSectionDto | null, recomputed: ItemSectionDto | null): Difference[] {
  return compareSectionRows<ItemSectionRow>('items', stored?.rows, recomputed?.rows, [
    ['items', (r) => r.items], ['reports.numerator', (r) => r.reports.numerator], ['reports.denominator', (r) => r.reports.denominator],
    ['milestones.numerator', (r) => r.milestones.numerator], ['milestones.denominator', (r) => r.milestones.denominator], ['combined', (r) => r.combined],
  ]);
}

/** The stored sections column: `{ items }`, or null in snapshots made before sections existed. */
export function itemSectionOf(sections: unknown): ItemSectionDto | null {
  const s = sections as { items?: ItemSectionDto } | null;
  return s?.items ?? null;
}
