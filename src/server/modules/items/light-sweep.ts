import { sql } from 'kysely';
import type { Actor } from '../../../domain/case/types.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import {
  endOfBeijingDay, lastDuePeriod, lightOf, lightReasons, nextLightCheck, reportPeriods, startOfBeijingDay, type ItemLight, type LightReason,
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
  light_check_at: Date;
  overdue: Array<{ id: number; title: string }>;
  next: { id: number; title: string; dueAt: string; prevDue: string | null } | null;
  shares: number[];
  periods: string[];
}

/** "Never": an item whose light cannot change without a command is not read again by the sweep. */
const never = new Date('9999-12-31T00:00:00Z');

/**
 * The due items (light_check_at passed) of a batch, or the given ones, locked, with what their light depends on: one
 * statement of set-based CTEs over the batch (no per-item subqueries).
 */
async function readLightRows(tx: Tx, now: Date, f: { limit: number } | { ids: readonly number[] }): Promise<LightRow[]> {
  // The pick is its own statement, so an empty one (the usual rerun) costs one index probe.
  const picked = 'ids' in f
    ? await sql<{ id: number }>`SELECT id FROM items WHERE state = 'in_progress' AND id = ANY(${[...f.ids]}::bigint[]) ORDER BY id FOR UPDATE`.execute(tx)
    : await sql<{ id: number }>`SELECT id FROM items WHERE state = 'in_progress' AND light_check_at <= ${now} ORDER BY light_check_at, id LIMIT ${f.limit} FOR UPDATE`.execute(tx);
  if (!picked.rows.length) return [];
  const pick = sql`SELECT * FROM items WHERE id = ANY(${picked.rows.map((r) => Number(r.id))}::bigint[])`;
  const r = await sql<LightRow>`
    WITH due AS MATERIALIZED (${pick}),
    ms AS (
      SELECT m.item_id, m.id, m.title, m.due_at, m.done_at, lag(m.due_at) OVER (PARTITION BY m.item_id ORDER BY m.due_at, m.id) AS prev_due
      FROM item_milestones m JOIN due ON due.id = m.item_id),
    ov AS (
      SELECT item_id, json_agg(json_build_object('id', id, 'title', title) ORDER BY due_at, id) AS overdue
      FROM ms WHERE done_at IS NULL AND due_at < ${now} GROUP BY item_id),
    nx AS (
      SELECT DISTINCT ON (item_id) item_id, json_build_object('id', id, 'title', title, 'dueAt', due_at, 'prevDue', prev_due) AS next
      FROM ms WHERE done_at IS NULL AND due_at >= ${now} ORDER BY item_id, due_at, id),
    tg AS (
      SELECT t.item_id, array_agg(least(1.0, t.progress_value / t.target_value)) AS shares
      FROM item_targets t JOIN due ON due.id = t.item_id GROUP BY t.item_id),
    rp AS (
      SELECT r.item_id, array_agg(r.period) AS periods
      FROM item_reports r JOIN due ON due.id = r.item_id WHERE r.state <> 'returned' AND r.period IS NOT NULL GROUP BY r.item_id)
    SELECT due.id, due.code, due.title, due.light, due.light_reasons, due.lead_department_id, due.event_count, due.last_event_hash,
      due.start_date, due.end_date, due.report_frequency, due.report_day, due.light_check_at,
      coalesce(ov.overdue, '[]'::json) AS overdue, nx.next, coalesce(tg.shares, '{}') AS shares, coalesce(rp.periods, '{}') AS periods
    FROM due LEFT JOIN ov ON ov.item_id = due.id LEFT JOIN nx ON nx.item_id = due.id LEFT JOIN tg ON tg.item_id = due.id
      LEFT JOIN rp ON rp.item_id = due.id
    ORDER BY due.id`.execute(tx);
  return r.rows;
}

/** The light's reasons now and when they may next change. */
export function assess(row: LightRow, now: Date): { reasons: LightReason[]; checkAt: Date } {
  const schedule = row.report_frequency === 'none' ? { frequency: 'none' as const } : { frequency: row.report_frequency, day: row.report_day ?? 28 };
  const periods = reportPeriods(schedule, row.start_date, row.end_date);
  const due = lastDuePeriod(periods, now);
  const startAt = startOfBeijingDay(row.start_date);
  const input = {
    now,
    startAt,
    endAt: endOfBeijingDay(row.end_date),
    overdue: row.overdue,
    next: row.next ? { id: row.next.id, title: row.next.title, dueAt: new Date(row.next.dueAt), windowStart: row.next.prevDue ? new Date(row.next.prevDue) : startAt } : null,
    missingReport: due && !row.periods.includes(due.period) ? due.period : null,
    targetShares: row.shares.map(Number),
  };
  const nextReport = periods.find((p) => p.dueAt.getTime() >= now.getTime())?.dueAt ?? null;
  return { reasons: lightReasons(input), checkAt: nextLightCheck(input, nextReport) ?? never };
}

const keysOf = (reasons: ReadonlyArray<{ key: string; level: string }>) => reasons.map((r) => `${r.level}:${r.key}`).sort().join('|');

function hasChanged(row: LightRow, reasons: readonly LightReason[]): boolean {
  return lightOf(reasons) !== row.light || keysOf(reasons) !== keysOf(row.light_reasons ?? []);
}

/**
 * Writes, for locked rows: crossings of their reasons (new ones only), item.light_changed where the light changed,
 * and each row's light, reasons and next check instant. Returns counts and the notices of new crossings.
 */
async function writeLights(tx: Tx, rows: readonly LightRow[], now: Date, notices: ItemNotice[]): Promise<Omit<ItemSweepCounts, 'scanned'>> {
  if (!rows.length) return { changed: 0, crossings: 0, events: 0 };
  const assessed = rows.map((row) => ({ row, ...assess(row, now) }));
  const changes = assessed.filter((c) => hasChanged(c.row, c.reasons));
  const candidates = changes.flatMap((c) => c.reasons.map((r) => ({ item_id: c.row.id, department_id: c.row.lead_department_id, level: r.level, reason_key: r.key, crossed_at: now })));
  const fresh = [];
  for (let i = 0; i < candidates.length; i += 5_000) {
    fresh.push(...await tx.insertInto('item_light_crossings').values(candidates.slice(i, i + 5_000))
      .onConflict((oc) => oc.columns(['item_id', 'level', 'reason_key']).doNothing()).returning(['item_id', 'level', 'reason_key']).execute());
  }
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
  for (const { row, reasons, checkAt } of assessed) {
    const changed = byItem.has(row.id);
    const to = lightOf(reasons);
    let head = { count: row.event_count, hash: row.last_event_hash };
    if (to !== row.light) {
      const event: ItemEvent = { type: 'item.light_changed', payload: { from: row.light, to, reasons } };
      const chained = chainRows({ id: row.id, event_count: row.event_count, last_event_hash: row.last_event_hash }, [event], systemActor, now);
      eventRows.push(...chained.rows);
      head = { count: chained.eventCount, hash: chained.lastHash };
    }
    // An unchanged row only moves its check instant on.
    if (changed || checkAt.getTime() !== new Date(row.light_check_at).getTime()) {
      updates.push({ id: row.id, changed, light: to, reasons, event_count: head.count, last_event_hash: head.hash, check_at: checkAt.toISOString() });
    }
  }
  for (let i = 0; i < eventRows.length; i += 2_000) await tx.insertInto('item_events').values(eventRows.slice(i, i + 2_000)).execute();
  if (updates.length) {
    await sql`
      UPDATE items i SET
        light = CASE WHEN u.changed THEN u.light ELSE i.light END,
        light_reasons = CASE WHEN u.changed THEN u.reasons ELSE i.light_reasons END,
        light_checked_at = CASE WHEN u.changed THEN ${now}::timestamptz ELSE i.light_checked_at END,
        event_count = u.event_count, last_event_hash = u.last_event_hash, light_check_at = u.check_at,
        version = CASE WHEN u.changed THEN i.version + 1 ELSE i.version END
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
        AS u(id bigint, changed boolean, light text, reasons jsonb, event_count integer, last_event_hash text, check_at timestamptz)
      WHERE i.id = u.id`.execute(tx);
  }
  return { changed: changes.length, crossings: fresh.length, events: eventRows.length };
}

/** Turns the lights of these items now, in the caller's transaction (after a command changed them). */
export async function refreshItemLights(tx: Tx, now: Date, ids: readonly number[], notices: ItemNotice[] = []): Promise<void> {
  await writeLights(tx, await readLightRows(tx, now, { ids }), now, notices);
}

/**
 * One sweep at deps.now() over the open items whose check instant has come, in batches (one transaction each) until
 * none is due. Safe to run twice: the second finds nothing due and writes nothing.
 */
export async function sweepItemLights(deps: AppDeps, opts: { batch?: number; timings?: Record<string, number> } = {}): Promise<ItemSweepCounts> {
  const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      if (opts.timings) opts.timings[phase] = (opts.timings[phase] ?? 0) + performance.now() - t;
    }
  };
  const batch = opts.batch ?? 20_000;
  const now = deps.now();
  const total: ItemSweepCounts = { scanned: 0, changed: 0, crossings: 0, events: 0 };
  for (;;) {
    const notices: ItemNotice[] = [];
    const { scanned, counts, pairs } = await deps.database.db.transaction().execute(async (tx) => {
      const rows = await timed('read', () => readLightRows(tx, now, { limit: batch }));
      const counts = await timed('write', () => writeLights(tx, rows, now, notices));
      return { scanned: rows.length, counts, pairs: await timed('notices', () => writeItemNotices(tx, notices, now)) };
    });
    await publishItemNotices(deps, pairs);
    total.scanned += scanned;
    total.changed += counts.changed;
    total.crossings += counts.crossings;
    total.events += counts.events;
    if (scanned < batch) return total;
  }
}
