import { sql, type RawBuilder } from 'kysely';
import { behindMargin, riskShare } from '../../../domain/items/index.js';

// The light rules of domain/items/light.ts (lightReasons, nextLightCheck) and schedule.ts (the last period due, the
// next period's due) as one set-based SQL statement over the picked items, so the sweep neither ships every item's
// milestones to Node nor sends the lights back one by one. The domain functions stay the definition: the parity test
// (test/items/light-parity.int.test.ts) compares the two on both engines. Instants: a date's Beijing day starts at
// date 00:00 +08:00 and ends 1 ms before the next; "today" is the Beijing date of now. Times in ms since the epoch
// (double precision, as the domain's Date arithmetic) where the domain counts ms.

/** "Never": an item whose light cannot change without a command is not read again by the sweep. */
export const never = new Date('9999-12-31T00:00:00Z');

export type LightPick = { limit: number } | { ids: readonly number[] };

const startOfDay = (d: RawBuilder<unknown>) => sql`((${d})::timestamp AT TIME ZONE 'UTC' - interval '8 hours')`;
const ms = (t: RawBuilder<unknown>) => sql`(date_part('epoch', ${t}) * 1000)`;
/** timeShare(from, to, now) of light.ts over ms values. */
const share = (from: RawBuilder<unknown>, to: RawBuilder<unknown>, now: RawBuilder<unknown>) => sql`
  CASE WHEN ${to} - ${from} <= 0 THEN CASE WHEN ${now} >= ${to} THEN 1 ELSE 0 END
       ELSE least(1, greatest(0, (${now} - ${from}) / (${to} - ${from}))) END`;

/**
 * One statement: picks the due items (or the given open ones) and locks them, computes each light, its reasons and
 * the next check instant, inserts the crossings of changed reasons (ON CONFLICT DO NOTHING: a rerun inserts none),
 * writes the reasons to the rows whose reasons changed under the same light (version + 1) and the check instants that
 * moved (item_light_checks, migration 0062: a narrow row, far cheaper to update than the item's). Returns the count
 * scanned, the items whose light changed with their new reasons (the caller writes those rows once, with their chain
 * event: light-sweep.ts) and the fresh crossings with their texts (for the notices).
 */
export function lightSweepStatement(now: Date, pick: LightPick) {
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const today = sql`((${nowTs} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
  const nowMs = ms(nowTs);
  /** A candidate check instant (ms) if it lies after now, else NULL: least() of them is the earliest to come. */
  const after = (t: RawBuilder<unknown>) => sql`CASE WHEN ${t} > ${nowMs} THEN ${t} END`;
  const picked = 'ids' in pick
    ? sql`SELECT id FROM items WHERE state = 'in_progress' AND id = ANY(${[...pick.ids]}::bigint[]) ORDER BY id FOR UPDATE`
    // Only open items have a check row (migration 0062's triggers): the earliest due by the index, then locked in id
    // order like the given ones. The index range also stays the plan when statistics are stale (PGlite has no autovacuum).
    : sql`SELECT id FROM items WHERE state = 'in_progress' AND id IN (
            SELECT item_id FROM item_light_checks WHERE check_at <= ${nowTs} ORDER BY check_at, item_id LIMIT ${pick.limit})
          ORDER BY id FOR UPDATE`;
  return sql<{ scanned: number; changed: number; lights: LightChange[] | null; fresh: FreshCrossing[] | null }>`
    WITH due AS (${picked}),
    it AS (
      SELECT i.id, i.code, i.title, i.light, coalesce(i.light_reasons, '[]'::jsonb) AS old_reasons, lc.check_at AS light_check_at, i.lead_department_id,
        i.event_count, i.last_event_hash, i.start_date::date AS start_date, i.end_date::date AS end_date, i.report_frequency, coalesce(i.report_day, 28) AS report_day,
        ${ms(startOfDay(sql`i.start_date::date`))} AS start_ms, ${ms(startOfDay(sql`i.end_date::date + 1`))} - 1 AS end_ms
      FROM items i JOIN due ON due.id = i.id LEFT JOIN item_light_checks lc ON lc.item_id = i.id),
    facts AS MATERIALIZED (
      SELECT it.*, ov.reasons AS overdue, nx.id AS next_id, nx.title AS next_title, ${ms(sql`nx.due_at`)} AS next_ms,
        coalesce(${ms(sql`pv.due_at`)}, it.start_ms) AS window_ms, tg.progress, lp.period AS last_period,
        rp.item_id IS NOT NULL AS reported,
        ${ms(startOfDay(sql`nr.due_date + 1`))} AS next_report_ms
      FROM it
      LEFT JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_object('level', 'red', 'key', 'milestone:' || m.id, 'text', '节点“' || m.title || '”已逾期') ORDER BY m.due_at, m.id) AS reasons
        FROM item_milestones m WHERE m.item_id = it.id AND m.done_at IS NULL AND m.due_at < ${nowTs}) ov ON true
      LEFT JOIN LATERAL (
        SELECT m.id, m.title, m.due_at FROM item_milestones m
        WHERE m.item_id = it.id AND m.done_at IS NULL AND m.due_at >= ${nowTs} ORDER BY m.due_at, m.id LIMIT 1) nx ON true
      LEFT JOIN LATERAL (
        SELECT max(p.due_at) AS due_at FROM item_milestones p WHERE p.item_id = it.id AND (p.due_at, p.id) < (nx.due_at, nx.id)) pv ON nx.id IS NOT NULL
      LEFT JOIN LATERAL (
        SELECT avg(least(1, greatest(0, least(1.0, t.progress_value / t.target_value)))) AS progress
        FROM item_targets t WHERE t.item_id = it.id) tg ON true
      LEFT JOIN LATERAL (
        SELECT CASE WHEN it.report_frequency = 'monthly' THEN to_char(mo, 'YYYY-MM') ELSE to_char(mo, 'YYYY') || '-Q' || (extract(month FROM mo)::int / 3) END AS period
        FROM generate_series(date_trunc('month', least(it.end_date, ${today} - 1)::timestamp), date_trunc('month', it.start_date::timestamp), interval '-1 month') mo
        WHERE it.report_frequency <> 'none' AND (it.report_frequency = 'monthly' OR extract(month FROM mo)::int % 3 = 0)
          AND mo::date + (it.report_day - 1) BETWEEN it.start_date AND least(it.end_date, ${today} - 1)
        ORDER BY mo DESC LIMIT 1) lp ON true
      LEFT JOIN LATERAL (
        SELECT r.item_id FROM item_reports r WHERE r.item_id = it.id AND r.state <> 'returned' AND r.period = lp.period LIMIT 1) rp ON lp.period IS NOT NULL
      LEFT JOIN LATERAL (
        SELECT mo::date + (it.report_day - 1) AS due_date
        FROM generate_series(date_trunc('month', greatest(it.start_date, ${today})::timestamp), date_trunc('month', it.end_date::timestamp), interval '1 month') mo
        WHERE it.report_frequency <> 'none' AND (it.report_frequency = 'monthly' OR extract(month FROM mo)::int % 3 = 0)
          AND mo::date + (it.report_day - 1) BETWEEN greatest(it.start_date, ${today}) AND it.end_date
        ORDER BY mo LIMIT 1) nr ON true),
    shares AS (
      SELECT f.*, CASE WHEN f.next_id IS NULL THEN NULL ELSE ${share(sql`f.window_ms`, sql`f.next_ms`, nowMs)} END AS risk_share,
        ${share(sql`f.start_ms`, sql`f.end_ms`, nowMs)} AS used
      FROM facts f),
    calc AS (
      SELECT s.*, r.reasons, CASE WHEN r.reasons @> '[{"level":"red"}]' THEN 'red' WHEN r.reasons @> '[{"level":"yellow"}]' THEN 'yellow' ELSE 'green' END AS new_light,
        coalesce(to_timestamp(least(${after(sql`s.window_ms + ceil((s.next_ms - s.window_ms) * ${riskShare})`)}, ${after(sql`s.next_ms + 1`)},
          ${after(sql`s.next_report_ms`)}, ${after(sql`s.start_ms + floor((s.progress + ${behindMargin}) * (s.end_ms - s.start_ms)) + 1`)}) / 1000),
          ${never.toISOString()}::timestamptz) AS check_at
      FROM shares s, LATERAL (SELECT coalesce(s.overdue, '[]'::jsonb)
        || CASE WHEN s.last_period IS NOT NULL AND NOT s.reported
             THEN jsonb_build_array(jsonb_build_object('level', 'red', 'key', 'report:' || s.last_period, 'text', s.last_period || ' 期进展未按时报送')) ELSE '[]' END
        || CASE WHEN s.risk_share >= ${riskShare}
             THEN jsonb_build_array(jsonb_build_object('level', 'yellow', 'key', 'risk:' || s.next_id, 'text', '节点“' || s.next_title || '”临近到期尚未完成')) ELSE '[]' END
        || CASE WHEN s.progress IS NOT NULL AND s.used - s.progress > ${behindMargin}
             THEN jsonb_build_array(jsonb_build_object('level', 'yellow', 'key', 'behind',
               'text', '时间已过 ' || round(s.used * 100) || '%，目标完成 ' || round(s.progress * 100) || '%，进度滞后')) ELSE '[]' END AS reasons) r),
    marked AS (
      -- A key names its level (milestone:, report: red; risk:, behind yellow); reasons come in the rules' order.
      -- Equal reasons have equal keys (the common case, compared without a path query).
      SELECT c.*, c.new_light <> c.light
        OR (c.reasons <> c.old_reasons AND jsonb_path_query_array(c.reasons, '$[*].key') <> jsonb_path_query_array(c.old_reasons, '$[*].key')) AS changed
      FROM calc c),
    ins AS (
      INSERT INTO item_light_crossings (item_id, department_id, level, reason_key, crossed_at)
      SELECT m.id, m.lead_department_id, e->>'level', e->>'key', ${nowTs} FROM marked m, jsonb_array_elements(m.reasons) e WHERE m.changed
      ON CONFLICT (item_id, level, reason_key) DO NOTHING RETURNING item_id, level, reason_key),
    upd AS (
      UPDATE items i SET light_reasons = m.reasons, light_checked_at = ${nowTs}, version = i.version + 1
      FROM marked m WHERE i.id = m.id AND m.changed AND m.new_light = m.light
      RETURNING i.id),
    chk AS (
      UPDATE item_light_checks c SET check_at = m.check_at
      FROM marked m WHERE c.item_id = m.id AND m.check_at <> m.light_check_at
      RETURNING c.item_id)
    SELECT (SELECT count(*)::int FROM marked) AS scanned, (SELECT count(*)::int FROM marked WHERE changed) AS changed,
      (SELECT count(*)::int FROM upd) AS written, (SELECT count(*)::int FROM chk) AS checks,
      (SELECT json_agg(json_build_object('id', m.id, 'from', m.light, 'to', m.new_light, 'reasons', m.reasons, 'eventCount', m.event_count, 'lastHash', m.last_event_hash) ORDER BY m.id)
        FROM marked m WHERE m.new_light <> m.light) AS lights,
      (SELECT json_agg(json_build_object('itemId', f.item_id, 'level', f.level, 'code', m.code, 'title', m.title, 'departmentId', m.lead_department_id, 'text', e->>'text') ORDER BY f.item_id, f.reason_key)
        FROM ins f JOIN marked m ON m.id = f.item_id, jsonb_array_elements(m.reasons) e WHERE e->>'key' = f.reason_key AND e->>'level' = f.level) AS fresh`;
}

export interface LightChange {
  id: number;
  from: 'green' | 'yellow' | 'red';
  to: 'green' | 'yellow' | 'red';
  reasons: Array<{ level: 'yellow' | 'red'; key: string; text: string }>;
  eventCount: number;
  lastHash: string;
}

export interface FreshCrossing {
  itemId: number;
  level: 'yellow' | 'red';
  code: string;
  title: string;
  departmentId: number;
  text: string;
}
