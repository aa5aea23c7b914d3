import type { Actor } from '../../../domain/case/types.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../../kernel/index.js';
import { publishItemNotices, writeItemNotices, type ItemNotice } from '../notifications/index.js';
import { lightSweepStatement, type LightPick } from './light-sql.js';
import { chainRows } from './repository.js';
import { noticeChannels } from './run.js';
import { sql } from 'kysely';

// The light sweep of supervised items (docs/items.md): like the case SLA sweep, re-runnable and set-based. One
// statement (light-sql.ts) picks the due items and locks them, computes every light, its reasons and the next check
// instant in SQL, inserts the crossings (unique per item, level and reason: a rerun inserts nothing) and writes the
// rows that changed. Node then only chains item.light_changed onto the items whose light changed (the hash is
// computed here, as for every item event) and writes a notice to the lead unit per new crossing. Run under the
// scheduler's advisory lock.

export const systemActor: Actor = { userId: null, role: 'system', departmentId: null };

export interface ItemSweepCounts {
  scanned: number;
  changed: number;
  crossings: number;
  events: number;
}

/** Turns the lights of the picked items at `now`, in the caller's transaction; collects the notices. */
async function turnLights(tx: Tx, now: Date, pick: LightPick, notices: ItemNotice[], timed: Timer = (_p, w) => w()): Promise<ItemSweepCounts> {
  // The statement's cost estimate is large (lateral reads per item) and PostgreSQL's JIT would spend seconds
  // compiling it; the plan runs in well under that without it. PGlite has no JIT and accepts the setting.
  await sql`SET LOCAL jit = off`.execute(tx);
  const r = (await timed('compute', () => lightSweepStatement(now, pick).execute(tx))).rows[0];
  const lights = r.lights ?? [];
  const fresh = r.fresh ?? [];
  for (const f of fresh) {
    notices.push({
      departmentId: f.departmentId, type: 'item.light_changed', link: `/items/${f.itemId}`,
      title: `督办事项亮${f.level === 'red' ? '红' : '黄'}灯：${f.title}`, body: `${f.code}：${f.text}`, urgent: f.level === 'red',
    });
  }
  if (lights.length) {
    await timed('events', async () => {
      // One row per item whose light changed: its chain event (hash computed here) and the row's new light, reasons
      // and chain head, written in one statement (each item row is updated once).
      const rows = lights.map((l) => {
        const event: ItemEvent = { type: 'item.light_changed', payload: { from: l.from, to: l.to, reasons: l.reasons } };
        const head = chainRows({ id: l.id, event_count: l.eventCount, last_event_hash: l.lastHash }, [event], systemActor, now);
        const e = head.rows[0];
        return { id: l.id, light: l.to, reasons: l.reasons, seq: e.seq, type: e.type, actor_role: e.actor_role, payload: e.payload, prev_hash: e.prev_hash, hash: e.hash };
      });
      await sql`
        WITH u AS MATERIALIZED (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS u(id bigint, light text, reasons jsonb, seq int, type text, actor_role text, payload text, prev_hash text, hash text)),
        ev AS (
          INSERT INTO item_events (item_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash)
          SELECT id, seq, type, ${systemActor.userId}::int, ${systemActor.departmentId}::int, actor_role, ${now.toISOString()}::timestamptz, payload::jsonb, prev_hash, hash FROM u)
        UPDATE items i SET light = u.light, light_reasons = u.reasons, light_checked_at = ${now.toISOString()}::timestamptz, version = i.version + 1,
          event_count = u.seq, last_event_hash = u.hash
        FROM u WHERE i.id = u.id`.execute(tx);
    });
  }
  return { scanned: r.scanned, changed: r.changed, crossings: fresh.length, events: lights.length };
}

type Timer = <T>(phase: string, work: () => Promise<T>) => Promise<T>;

/** Turns the lights of these items now, in the caller's transaction (after a command changed them). */
export async function refreshItemLights(tx: Tx, now: Date, ids: readonly number[], notices: ItemNotice[] = []): Promise<void> {
  await turnLights(tx, now, { ids }, notices);
}

/**
 * One sweep at deps.now() over the open items whose check instant has come, in batches (one transaction each) until
 * none is due. Safe to run twice: the second finds nothing due and writes nothing.
 */
export async function sweepItemLights(deps: AppDeps, opts: { batch?: number; timings?: Record<string, number> } = {}): Promise<ItemSweepCounts> {
  const timed: Timer = async (phase, work) => {
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
    const { counts, pairs } = await deps.database.db.transaction().execute(async (tx) => {
      const counts = await turnLights(tx, now, { limit: batch }, notices, timed);
      return { counts, pairs: await timed('notices', () => writeItemNotices(tx, notices, now, noticeChannels(deps))) };
    });
    await publishItemNotices(deps, pairs);
    total.scanned += counts.scanned;
    total.changed += counts.changed;
    total.crossings += counts.crossings;
    total.events += counts.events;
    if (counts.scanned < batch) return total;
  }
}
