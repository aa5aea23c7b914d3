import { sql } from 'kysely';
import { beijingDate, beijingDayStart } from '../../../domain/calendar/local-time.js';
import { detectHotspots, summaryOf, type GroupCount, type Hotspot, type HotspotParams, type WindowCase } from '../../../domain/hotspots/index.js';
import { createTokenizer, placeAndDepartmentWords } from '../../../domain/routing/tokenize.js';
import type { AppDeps } from '../../deps.js';
import { intArray } from '../../kernel/index.js';
import { cityWords } from '../../../domain/settings/city.js';
import { sendNotices } from '../notifications/index.js';
import { citySettings } from '../settings/index.js';
import { hotspotParams } from './params.js';
import { writeDetection } from './repository.js';

// The detection: count the cases of every district and category in the window and the baseline weeks (one indexed
// range scan of cases by created_at, grouped in the database), segment the words of the window's cases (jieba, the
// router's segmenter, with place and category names dropped: every case of a district names it), let the domain
// decide, and write the day's rows. A case's place is the district above its town or community.

export interface DetectionResult { day: string; found: number; casesRead: number; hotspots: Hotspot[] }

/** Department id → the id of the district (kind 'district') it is or lies under; departments outside a district are left out. */
export function districtOfDepartments(departments: readonly { id: number; kind: string; parentId: number | null }[]): Map<number, number> {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const out = new Map<number, number>();
  for (const d of departments) {
    let at: typeof d | undefined = d;
    for (let hops = 0; at && hops < 10; hops++) {
      if (at.kind === 'district') {
        out.set(d.id, at.id);
        break;
      }
      at = at.parentId == null ? undefined : byId.get(at.parentId);
    }
  }
  return out;
}

/** Detects the hot spots of `now`'s Beijing day and writes them (a rerun of the day replaces its rows). */
export async function detect(deps: AppDeps, opts: { now?: Date; by?: number | null; params?: HotspotParams } = {}): Promise<DetectionResult> {
  const now = opts.now ?? deps.now();
  const p = opts.params ?? await hotspotParams(deps.database.db);
  const day = beijingDate(now);
  // The window ends with the day: the detection of a day reads the same cases whenever in the day it runs (an on-demand
  // rerun sees the cases that came in since).
  const windowEnd = new Date(beijingDayStart(day).getTime() + 86_400_000);
  const windowStart = new Date(windowEnd.getTime() - p.windowDays * 86_400_000);
  const baselineStart = new Date(windowStart.getTime() - p.baselineWeeks * 7 * 86_400_000);
  const dir = await deps.directory.ready();
  const districtOf = districtOfDepartments(dir.departments);
  const db = deps.database.db;
  const deptIds = [...districtOf.keys()];
  const deptDistricts = deptIds.map((id) => districtOf.get(id)!);

  const groups = await sql<{ district_id: number; category_id: number; recent: number; prior: number }>`
    WITH place AS (SELECT * FROM unnest(${intArray(deptIds)}::int[], ${intArray(deptDistricts)}::int[]) AS p(dept_id, district_id))
    SELECT place.district_id, c.category_id,
      count(*) FILTER (WHERE c.created_at >= ${windowStart})::int AS recent,
      count(*) FILTER (WHERE c.created_at < ${windowStart})::int AS prior
    FROM cases c JOIN place ON place.dept_id = c.district_id
    WHERE c.created_at >= ${baselineStart} AND c.created_at < ${windowEnd}
    GROUP BY 1, 2`.execute(db);
  const counts: GroupCount[] = groups.rows.map((g) => ({ districtId: g.district_id, categoryId: g.category_id, recent: Number(g.recent), prior: Number(g.prior) }));

  const recent = await sql<{ id: number; district_id: number; category_id: number; title: string; description: string }>`
    SELECT c.id, c.district_id, c.category_id, c.title, left(c.description, 200) AS description
    FROM cases c
    WHERE c.created_at >= ${windowStart} AND c.created_at < ${windowEnd} AND c.district_id IS NOT NULL`.execute(db);
  const stops = [
    ...placeAndDepartmentWords(dir.departments.map((d) => d.name), cityWords((await citySettings(db)).settings)),
    ...dir.categories.map((c) => c.name),
  ];
  const tokenizer = createTokenizer([], stops);
  const cases: WindowCase[] = [];
  for (const r of recent.rows) {
    const districtId = districtOf.get(r.district_id);
    if (districtId === undefined) continue;
    cases.push({ id: Number(r.id), districtId, categoryId: r.category_id, tokens: [...new Set(tokenizer.tokens(`${r.title}。${r.description}`).filter((t) => t.length >= 2))] });
  }
  const found = detectHotspots(counts, cases, p);
  const name = (id: number) => dir.departments.find((d) => d.id === id)?.name ?? '';
  const category = (id: number) => dir.categories.find((c) => c.id === id)?.name ?? '';
  const known = await placesSeenSince(deps, beijingDate(windowStart), day);
  const rows = found.map((h) => ({ ...h, summary: summaryOf(h, { district: name(h.districtId), category: category(h.categoryId) }, p) }));
  const ids = await writeDetection(db, { day, now, windowStart, windowEnd, by: opts.by ?? null, casesRead: recent.rows.length, rows });
  // After commit: the supervision office hears of a district × category that was no hot spot in the window before
  // (a rerun of the day, or a hot spot that lasts, tells nobody twice).
  await sendNotices(deps, rows.flatMap((h, i) => known.has(placeKey(h.districtId, h.categoryId)) ? [] : [{
    role: 'supervisor' as const, type: hotspotFoundNotice, title: `发现热点：${name(h.districtId)} ${category(h.categoryId)}`, body: h.summary, link: `/hotspots/${ids[i]}`,
  }]));
  return { day, found: found.length, casesRead: recent.rows.length, hotspots: found };
}

export const hotspotFoundNotice = 'hotspot.found';

const placeKey = (districtId: number, categoryId: number) => `${districtId}:${categoryId}`;

/** District × category pairs that were hot spots on any day from `from` to `day` (today's earlier runs included). */
async function placesSeenSince(deps: AppDeps, from: string, day: string): Promise<Set<string>> {
  const rows = await deps.database.db.selectFrom('hotspots').select(['district_id', 'category_id']).distinct()
    .where('detected_on', '>=', from).where('detected_on', '<=', day).execute();
  return new Set(rows.map((r) => placeKey(r.district_id, r.category_id)));
}

/** The daily job: detects today's hot spots once (a day already run is left to on-demand reruns). */
export async function runDailyHotspots(deps: AppDeps): Promise<DetectionResult | null> {
  const day = beijingDate(deps.now());
  const done = await deps.database.db.selectFrom('hotspot_runs').select('day').where('day', '=', day).executeTakeFirst();
  if (done) return null;
  return detect(deps);
}
