import type { ItemDrillPage, ItemDrillQuery } from '../../../contracts/assessment.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { checkDepartmentScope } from './drill.js';
import { itemFacts, itemSectionOf } from './item-section.js';
import { getPeriodRow, periodOf } from './periods.js';

/**
 * The items behind one figure of the items section: the unit's facts derived again from item events up to the
 * snapshot's item cursor, as of its instant (numerator: those met), so the list's length is the figure.
 */
export async function itemDrillDown(deps: AppDeps, user: StaffUser, q: ItemDrillQuery): Promise<ItemDrillPage> {
  const p = periodOf(q.period);
  checkDepartmentScope(user, q.department);
  const { db } = deps.database;
  const period = await getPeriodRow(db, q.period);
  if (!period) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: q.period });
  const section = itemSectionOf(period.sections);
  const facts = section
    ? (await itemFacts(db, p, section.itemCursor, new Date(section.asOf), q.department))
      .filter((f) => f.measure === q.measure && (q.part === 'denominator' || f.hit))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.itemId - b.itemId || a.ref.localeCompare(b.ref))
    : [];
  const row = section?.rows.find((r) => r.departmentId === q.department);
  const pair = row ? (q.measure === 'item_report' ? row.reports : row.milestones) : null;
  const page = facts.slice(q.offset, q.offset + q.limit);
  const items = page.length
    ? await db.selectFrom('items').select(['id', 'code', 'title']).where('id', 'in', [...new Set(page.map((f) => f.itemId))]).execute()
    : [];
  const byId = new Map(items.map((i) => [Number(i.id), i]));
  const names = (await deps.directory.ready()).names();
  return {
    period: q.period, departmentId: q.department, departmentName: names.department(q.department) ?? '', measure: q.measure, part: q.part,
    figure: pair ? pair[q.part] : 0, total: facts.length,
    items: page.map((f) => ({
      itemId: f.itemId, code: byId.get(f.itemId)?.code ?? `#${f.itemId}`, title: byId.get(f.itemId)?.title ?? '', label: f.label,
      dueAt: f.at.toISOString(), hit: f.hit,
    })),
  };
}
