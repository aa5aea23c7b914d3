import type { ItemDrillPage, ItemDrillQuery } from '../../../contracts/assessment.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { itemFacts, itemSectionOf } from './item-section.js';
import { sectionDrill } from './section-drill.js';

/**
 * The items behind one figure of the items section: the unit's facts derived again from item events up to the
 * snapshot's item cursor, as of its instant (numerator: those met), so the list's length is the figure.
 */
export async function itemDrillDown(deps: AppDeps, user: StaffUser, q: ItemDrillQuery): Promise<ItemDrillPage> {
  const page = await sectionDrill(deps, user, q, {
    sectionOf: itemSectionOf,
    facts: async (db, p, section) => (await itemFacts(db, p, section.itemCursor, new Date(section.asOf), q.department))
      .filter((f) => f.measure === q.measure)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.itemId - b.itemId || a.ref.localeCompare(b.ref)),
    figure: (section) => {
      const row = section.rows.find((r) => r.departmentId === q.department);
      return row ? (q.measure === 'item_report' ? row.reports : row.milestones)[q.part] : 0;
    },
    items: async (db, facts) => {
      const rows = await db.selectFrom('items').select(['id', 'code', 'title']).where('id', 'in', [...new Set(facts.map((f) => f.itemId))]).execute();
      const byId = new Map(rows.map((i) => [Number(i.id), i]));
      return facts.map((f) => ({
        itemId: f.itemId, code: byId.get(f.itemId)?.code ?? `#${f.itemId}`, title: byId.get(f.itemId)?.title ?? '', label: f.label,
        dueAt: f.at.toISOString(), hit: f.hit,
      }));
    },
  });
  return { ...page, measure: q.measure, part: q.part };
}
