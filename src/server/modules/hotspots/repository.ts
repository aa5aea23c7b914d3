import { sql, type Kysely } from 'kysely';
import type { Hotspot } from '../../../domain/hotspots/index.js';
import type { DB } from '../../db/schema.js';
import { intArray, type Tx } from '../../kernel/index.js';

// All writes of the hot-spot tables (one writer per table): the day's detection, and taking a hot spot up.

export interface DetectionWrite {
  day: string;
  now: Date;
  windowStart: Date;
  windowEnd: Date;
  by: number | null;
  casesRead: number;
  rows: (Hotspot & { summary: string })[];
}

/**
 * The day's rows in one transaction: each hot spot upserted on its key (day, kind, district, category, words), its
 * case list replaced; rows of the day no longer found are deleted unless taken up; the run recorded. A rerun of the
 * same day with the same cases writes the same rows. Returns the rows' ids, in the order of `w.rows`.
 */
export async function writeDetection(db: Kysely<DB>, w: DetectionWrite): Promise<number[]> {
  return db.transaction().execute(async (tx) => {
    const kept: number[] = [];
    for (const h of w.rows) {
      const row = await tx.insertInto('hotspots').values({
        detected_on: w.day, kind: h.kind, district_id: h.districtId, category_id: h.categoryId, signature: h.words.join(' '),
        window_start: w.windowStart, window_end: w.windowEnd, recent_count: h.recent,
        baseline: h.baseline === null ? null : h.baseline.toFixed(2), ratio: h.ratio === null ? null : h.ratio.toFixed(2),
        summary: h.summary, created_at: w.now, updated_at: w.now,
      }).onConflict((oc) => oc.columns(['detected_on', 'kind', 'district_id', 'category_id', 'signature']).doUpdateSet((eb) => ({
        window_start: eb.ref('excluded.window_start'), window_end: eb.ref('excluded.window_end'), recent_count: eb.ref('excluded.recent_count'),
        baseline: eb.ref('excluded.baseline'), ratio: eb.ref('excluded.ratio'), summary: eb.ref('excluded.summary'), updated_at: eb.ref('excluded.updated_at'),
      }))).returning('id').executeTakeFirstOrThrow();
      const id = Number(row.id);
      kept.push(id);
      await tx.deleteFrom('hotspot_cases').where('hotspot_id', '=', id).execute();
      if (h.caseIds.length) {
        await sql`INSERT INTO hotspot_cases (hotspot_id, case_id) SELECT ${id}, unnest(${intArray(h.caseIds)}::bigint[])`.execute(tx);
      }
    }
    let gone = tx.deleteFrom('hotspots').where('detected_on', '=', w.day).where('item_id', 'is', null).where('topic_month', 'is', null);
    if (kept.length) gone = gone.where('id', 'not in', kept);
    await gone.execute();
    await tx.insertInto('hotspot_runs').values({ day: w.day, ran_at: w.now, found: w.rows.length, cases_read: w.casesRead, ran_by: w.by })
      .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({
        ran_at: eb.ref('excluded.ran_at'), found: eb.ref('excluded.found'), cases_read: eb.ref('excluded.cases_read'), ran_by: eb.ref('excluded.ran_by'),
      }))).execute();
    return kept;
  });
}

/** The office's thresholds (one row, replaced whole). */
export async function writeHotspotParams(tx: Tx, params: object, by: number, now: Date): Promise<void> {
  const row = { params: JSON.stringify(params), updated_at: now, updated_by: by };
  await tx.insertInto('hotspot_params').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
}

/** Marks a hot spot as a governance task (the item written by the items area in the same transaction). */
export async function setHotspotItem(tx: Tx, id: number, itemId: number, by: number, now: Date): Promise<void> {
  await tx.updateTable('hotspots').set({ item_id: itemId, taken_up_at: now, taken_up_by: by, updated_at: now }).where('id', '=', id).execute();
}

/** The month has no topic any more; a hot spot that is no task is no longer taken up. */
export async function clearHotspotTopic(tx: Tx, month: string, now: Date): Promise<void> {
  await tx.updateTable('hotspots').set({
    topic_month: null, taken_up_at: sql<Date | null>`CASE WHEN item_id IS NULL THEN NULL ELSE taken_up_at END`,
    taken_up_by: sql<number | null>`CASE WHEN item_id IS NULL THEN NULL ELSE taken_up_by END`, updated_at: now,
  }).where('topic_month', '=', month).execute();
}

/** Makes a hot spot the month's topic (每月一题); the unique index refuses a second one for the month. */
export async function setHotspotTopic(tx: Tx, id: number, month: string, by: number, now: Date): Promise<void> {
  await tx.updateTable('hotspots').set((eb) => ({
    topic_month: month, taken_up_at: eb.fn.coalesce('taken_up_at', sql<Date>`${now}`), taken_up_by: eb.fn.coalesce('taken_up_by', sql<number>`${by}`), updated_at: now,
  })).where('id', '=', id).execute();
}
