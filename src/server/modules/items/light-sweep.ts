import { sql } from 'kysely';
import type { Actor } from '../../../domain/case/types.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import {
  endOfBeijingDay, lastDuePeriod, lightOf, lightReasons, reportPeriods, startOfBeijingDay, type ItemLight, type LightReason,
} from '../../../domain/items/index.js';
import type { StoredLightReason } from '../../db/schema-items.js';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../../kernel/index.js';
import { publishItemNotices, writeItemNotices, type ItemNotice } from '../notifications/index.js';
import { chainRows } from './repository.js';

// The light sweep of supervised items (docs/items.md): like the case SLA sweep, re-runnable and set-based. It reads
// every open item with what its light depends on (a handful of statements per batch, no lock), and only for items
// whose reasons changed it locks them, reads them again, and writes: the crossings (unique per item, level and
// reason: a rerun inserts nothing), item.light_changed on the item's chain when the light changes, the light and its
// reasons on the row, and a notice to the lead unit per new crossing. Run under the scheduler's advisory lock.

export const systemActor: Actor = { userId: null, role: 'system', departmentId: null };

export interface ItemSweepCounts {
  scanned: number;
  changed: number;
  crossings: number;
  events: number;
}

interface LightRow {
  id: number;
  code: string;
  title: string;
  light: ItemLight;
  light_reasons: StoredLightReason[];
  lead_department_id: number;
  event_count: number;
  last_event_hash: string;
  start_date: string;
  end_date: string;
  report_frequency: 'none' | 'monthly' | 'quarterly';
  report_day: number | null;
  overdue: Array<{ id: number; title: string }>;
  next: { id: number; title: string; dueAt: string; prevDue: string | null } | null;
  shares: number[];
  periods: string[];
}

async function readLightRows(tx: Tx, now: Date, f: { afterId: number; limit: number } | { ids: readonly number[] }, lock: boolean): Promise<LightRow[]> {
  const where = 'ids' in f ? sql`i.id = ANY(${[...f.ids]}::bigint[])` : sql`i.id > ${f.afterId}`;
  const tail = 'ids' in f ? sql`` : sql`LIMIT ${f.limit}`;
  const r = await sql<LightRow>`
    SELECT i.id, i.code, i.title, i.light, i.light_reasons, i.lead_department_id, i.event_count, i.last_event_hash, i.start_date, i.end_date,
      i.report_frequency, i.report_day,
      (SELECT coalesce(json_agg(json_build_object('id', m.id, 'title', m.title) ORDER BY m.due_at, m.id), '[]'::json)
         FROM item_milestones m WHERE m.item_id = i.id AND m.done_at IS NULL AND m.due_at < ${now}) AS overdue,
      (SELECT json_build_object('id', m.id, 'title', m.title, 'dueAt', m.due_at,
                'prevDue', (SELECT max(p.due_at) FROM item_milestones p WHERE p.item_id = i.id AND p.due_at < m.due_at))
         FROM item_milestones m WHERE m.item_id = i.id AND m.done_at IS NULL AND m.due_at >= ${now} ORDER BY m.due_at, m.id LIMIT 1) AS next,
      (SELECT coalesce(array_agg(least(1.0, t.progress_value / t.target_value)), '{}') FROM item_targets t WHERE t.item_id = i.id) AS shares,
      (SELECT coalesce(array_agg(r.period), '{}') FROM item_reports r WHERE r.item_id = i.id AND r.state <> 'returned' AND r.period IS NOT NULL) AS periods
    FROM items i
    WHERE i.state = 'in_progress' AND ${where}
    ORDER BY i.id ${tail} ${lock ? sql`FOR UPDATE OF i` : sql``}`.execute(tx);
  return r.rows;
}

export function reasonsOf(row: LightRow, now: Date): LightReason[] {
  const schedule = row.report_frequency === 'none' ? { frequency: 'none' as const } : { frequency: row.report_frequency, day: row.report_day ?? 28 };
  const due = lastDuePeriod(reportPeriods(schedule, row.start_date, row.end_date), now);
  const startAt = startOfBeijingDay(row.start_date);
  return lightReasons({
    now,
    startAt,
    endAt: endOfBeijingDay(row.end_date),
    overdue: row.overdue,
    next: row.next ? { id: row.next.id, title: row.next.title, dueAt: new Date(row.next.dueAt), windowStart: row.next.prevDue ? new Date(row.next.prevDue) : startAt } : null,
    missingReport: due && !row.periods.includes(due.period) ? due.period : null,
    targetShares: row.shares.map(Number),
  });
}

const keysOf = (reasons: ReadonlyArray<{ key: string; level: string }>) => reasons.map((r) => `${r.level}:${r.key}`).sort().join('|');

function hasChanged(row: LightRow, reasons: readonly LightReason[]): boolean {
  return lightOf(reasons) !== row.light || keysOf(reasons) !== keysOf(row.light_reasons ?? []);
}

/** Writes what changed for locked rows; returns counts and the notices of new crossings. */
async function writeLights(tx: Tx, rows: readonly LightRow[], now: Date, notices: ItemNotice[]): Promise<Omit<ItemSweepCounts, 'scanned'>> {
  const changes = rows.map((row) => ({ row, reasons: reasonsOf(row, now) })).filter((c) => hasChanged(c.row, c.reasons));
  if (!changes.length) return { changed: 0, crossings: 0, events: 0 };
  const candidates = changes.flatMap((c) => c.reasons.map((r) => ({ item_id: c.row.id, department_id: c.row.lead_department_id, level: r.level, reason_key: r.key, crossed_at: now })));
  const fresh = candidates.length
    ? await tx.insertInto('item_light_crossings').values(candidates).onConflict((oc) => oc.columns(['item_id', 'level', 'reason_key']).doNothing())
      .returning(['item_id', 'level', 'reason_key']).execute()
    : [];
  const byItem = new Map(changes.map((c) => [c.row.id, c]));
  for (const f of fresh) {
    const c = byItem.get(f.item_id)!;
    const reason = c.reasons.find((r) => r.key === f.reason_key && r.level === f.level)!;
    notices.push({
      departmentId: c.row.lead_department_id, type: 'item.light_changed', link: `/items/${c.row.id}`,
      title: `督办事项亮${f.level === 'red' ? '红' : '黄'}灯：${c.row.title}`, body: `${c.row.code}：${reason.text}`,
    });
  }
  const eventRows = [];
  const updates = [];
  for (const { row, reasons } of changes) {
    const to = lightOf(reasons);
    let head = { count: row.event_count, hash: row.last_event_hash };
    if (to !== row.light) {
      const event: ItemEvent = { type: 'item.light_changed', payload: { from: row.light, to, reasons } };
      const chained = chainRows({ id: row.id, event_count: row.event_count, last_event_hash: row.last_event_hash }, [event], systemActor, now);
      eventRows.push(...chained.rows);
      head = { count: chained.eventCount, hash: chained.lastHash };
    }
    updates.push({ id: row.id, light: to, reasons, event_count: head.count, last_event_hash: head.hash });
  }
  for (let i = 0; i < eventRows.length; i += 2_000) await tx.insertInto('item_events').values(eventRows.slice(i, i + 2_000)).execute();
  await sql`
    UPDATE items i SET light = u.light, light_reasons = u.reasons, light_checked_at = ${now}, event_count = u.event_count,
      last_event_hash = u.last_event_hash, version = i.version + 1
    FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id bigint, light text, reasons jsonb, event_count integer, last_event_hash text)
    WHERE i.id = u.id`.execute(tx);
  return { changed: changes.length, crossings: fresh.length, events: eventRows.length };
}

/** Turns the lights of these items now, in the caller's transaction (after a command changed them). */
export async function refreshItemLights(tx: Tx, now: Date, ids: readonly number[], notices: ItemNotice[] = []): Promise<void> {
  const rows = await readLightRows(tx, now, { ids }, true);
  await writeLights(tx, rows, now, notices);
}

/** One sweep at deps.now() over every open item, in batches. Safe to run twice: the second writes nothing. */
export async function sweepItemLights(deps: AppDeps, opts: { batch?: number } = {}): Promise<ItemSweepCounts> {
  const batch = opts.batch ?? 20_000;
  const now = deps.now();
  const total: ItemSweepCounts = { scanned: 0, changed: 0, crossings: 0, events: 0 };
  let afterId = 0;
  for (;;) {
    const rows = await readLightRows(deps.database.db, now, { afterId, limit: batch }, false);
    total.scanned += rows.length;
    const ids = rows.filter((row) => hasChanged(row, reasonsOf(row, now))).map((r) => r.id);
    if (ids.length) {
      const notices: ItemNotice[] = [];
      const { counts, pairs } = await deps.database.db.transaction().execute(async (tx) => {
        // Locked and read again: a command may have changed an item since the unlocked read.
        const counts = await writeLights(tx, await readLightRows(tx, now, { ids }, true), now, notices);
        return { counts, pairs: await writeItemNotices(tx, notices, now) };
      });
      await publishItemNotices(deps, pairs);
      total.changed += counts.changed;
      total.crossings += counts.crossings;
      total.events += counts.events;
    }
    if (rows.length < batch) return total;
    afterId = rows[rows.length - 1].id;
  }
}
