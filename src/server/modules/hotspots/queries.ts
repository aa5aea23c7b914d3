import { sql, type Kysely } from 'kysely';
import type { HotspotDetail, HotspotList, HotspotMap, HotspotSummary, HotspotTrend } from '../../../contracts/hotspots.js';
import { beijingDate, beijingDateCn, beijingMonth } from '../../../domain/calendar/local-time.js';
import { mondayOf, trendVerdict } from '../../../domain/hotspots/index.js';
import type { AppDeps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { intArray, type StaffUser } from '../../kernel/index.js';
import { districtOfDepartments } from './detect.js';
import { hotspotParams } from './params.js';
import { convertBlockedReason, taskTitle, topicBlockedReason, topicUndoBlockedReason } from './take-up.js';

// Reading hot spots: the day's list, one hot spot with its cases and trend, the district map. Only people with
// hotspot:read get here (the routes check); a hot spot shows cases of every unit, so unit staff have no access at all.

interface Row {
  id: number; detected_on: string; kind: 'spike' | 'cluster'; district_id: number; district_name: string; category_id: number; category_name: string;
  signature: string; recent_count: number; baseline: string | null; ratio: string | null; summary: string; window_start: Date; window_end: Date;
  item_id: number | null; item_code: string | null; item_title: string | null; topic_month: string | null; taken_up_at: Date | null;
}

// The task or topic of this hot spot, or of the same hot spot on an earlier day (a spike is the same while its
// district and category are; a cluster also keeps its words).
const rowsSql = (where: ReturnType<typeof sql>) => sql<Row>`
  SELECT h.id, h.detected_on, h.kind, h.district_id, d.name AS district_name, h.category_id, c.name AS category_name, h.signature,
    h.recent_count, h.baseline, h.ratio, h.summary, h.window_start, h.window_end, i.id AS item_id, i.code AS item_code, i.title AS item_title,
    coalesce(h.topic_month, tp.topic_month) AS topic_month, coalesce(h.taken_up_at, t.taken_up_at, tp.taken_up_at) AS taken_up_at
  FROM hotspots h
  JOIN departments d ON d.id = h.district_id
  JOIN categories c ON c.id = h.category_id
  LEFT JOIN LATERAL (SELECT e.item_id, e.taken_up_at FROM hotspots e WHERE e.item_id IS NOT NULL AND e.kind = h.kind AND e.district_id = h.district_id
    AND e.category_id = h.category_id AND (h.kind = 'spike' OR e.signature = h.signature) AND e.detected_on <= h.detected_on
    ORDER BY e.detected_on DESC LIMIT 1) t ON true
  LEFT JOIN LATERAL (SELECT e.topic_month, e.taken_up_at FROM hotspots e WHERE e.topic_month IS NOT NULL AND e.kind = h.kind AND e.district_id = h.district_id
    AND e.category_id = h.category_id AND (h.kind = 'spike' OR e.signature = h.signature) AND e.detected_on <= h.detected_on
    ORDER BY e.detected_on DESC LIMIT 1) tp ON true
  LEFT JOIN items i ON i.id = coalesce(h.item_id, t.item_id)
  WHERE ${where}
  ORDER BY h.recent_count - coalesce(h.baseline, 0) DESC, h.id`;

function present(r: Row): HotspotSummary {
  return {
    id: Number(r.id), detectedOn: r.detected_on, kind: r.kind, districtId: r.district_id, districtName: r.district_name, categoryId: r.category_id,
    categoryName: r.category_name, words: r.signature ? r.signature.split(' ') : [], recentCount: r.recent_count,
    baseline: r.baseline === null ? null : Number(r.baseline), ratio: r.ratio === null ? null : Number(r.ratio), summary: r.summary,
    windowStart: new Date(r.window_start).toISOString(), windowEnd: new Date(r.window_end).toISOString(),
    item: r.item_id === null ? null : { id: Number(r.item_id), code: r.item_code!, title: r.item_title! }, topicMonth: r.topic_month,
    takenUpAt: r.taken_up_at ? new Date(r.taken_up_at).toISOString() : null,
  };
}

async function latestDays(db: Kysely<DB>): Promise<{ day: string; ran_at: Date; cases_read: number }[]> {
  return db.selectFrom('hotspot_runs').select(['day', 'ran_at', 'cases_read']).orderBy('day', 'desc').limit(30).execute();
}

export async function listHotspots(deps: AppDeps, user: StaffUser, q: { day?: string; kind?: 'spike' | 'cluster'; districtId?: number }): Promise<HotspotList> {
  const db = deps.database.db;
  if (q.day && q.day > beijingDate(deps.now())) throw new AppError('HOTSPOT_DAY_INVALID');
  const runs = await latestDays(db);
  const run = q.day ? runs.find((r) => r.day === q.day) : runs[0];
  const day = q.day ?? runs[0]?.day ?? null;
  const canRun = user.permissions.includes('hotspot:run');
  const p = await hotspotParams(db);
  const params = { windowDays: p.windowDays, baselineWeeks: p.baselineWeeks, minSpikeCases: p.minSpikeCases, minRatio: p.minRatio, minClusterCases: p.minClusterCases, clusterShare: p.clusterShare };
  if (!day) return { day: null, days: [], lastRunAt: null, casesRead: null, hotspots: [], canRun, params };
  const rows = await rowsSql(sql.join([
    sql`h.detected_on = ${day}`,
    q.kind ? sql`h.kind = ${q.kind}` : sql`true`,
    q.districtId ? sql`h.district_id = ${q.districtId}` : sql`true`,
  ], sql` AND `)).execute(db);
  return {
    day, days: runs.map((r) => r.day), lastRunAt: run ? new Date(run.ran_at).toISOString() : null, casesRead: run?.cases_read ?? null,
    hotspots: rows.rows.map(present), canRun, params,
  };
}

export async function getHotspotRow(db: Kysely<DB>, id: number): Promise<HotspotSummary> {
  const r = (await rowsSql(sql`h.id = ${id}`).execute(db)).rows[0];
  if (!r) throw new AppError('HOTSPOT_NOT_FOUND');
  return present(r);
}

/** Cases per week of the hot spot's district and category (and words, for a cluster), 8 weeks before its window to now. */
export async function hotspotTrend(deps: AppDeps, h: HotspotSummary, takenUpAt: Date | null): Promise<HotspotTrend> {
  const dir = await deps.directory.ready();
  const districtOf = districtOfDepartments(dir.departments);
  const places = [...districtOf].filter(([, d]) => d === h.districtId).map(([id]) => id);
  const now = deps.now();
  const from = new Date(new Date(h.windowStart).getTime() - 8 * 7 * 86_400_000);
  const words = h.kind === 'cluster' ? h.words : [];
  const rows = await sql<{ week: string; n: number }>`
    SELECT to_char(date_trunc('week', created_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week, count(*)::int AS n
    FROM cases
    WHERE created_at >= ${from} AND created_at <= ${now} AND category_id = ${h.categoryId} AND district_id = ANY(${intArray(places)}::int[])
      ${words.length ? sql`AND ${sql.join(words.map((w) => sql`(title || description) LIKE ${`%${w}%`}`), sql` AND `)}` : sql``}
    GROUP BY 1 ORDER BY 1`.execute(deps.database.db);
  const counts = new Map(rows.rows.map((r) => [r.week, Number(r.n)]));
  const weeks: { week: string; count: number }[] = [];
  const currentWeek = mondayOf(beijingDate(now));
  for (let w = mondayOf(beijingDate(from)); w <= currentWeek; w = new Date(new Date(`${w}T00:00:00Z`).getTime() + 7 * 86_400_000).toISOString().slice(0, 10)) {
    weeks.push({ week: w, count: counts.get(w) ?? 0 });
  }
  const turn = takenUpAt ?? new Date(h.windowEnd);
  const turnWeek = mondayOf(beijingDate(turn));
  return { weeks, turnWeek, turnLabel: `${takenUpAt ? '转办' : '发现'}（${beijingDateCn(turn)}）`, ...trendVerdict(weeks, turnWeek, currentWeek) };
}

export async function hotspotDetail(deps: AppDeps, user: StaffUser, id: number): Promise<HotspotDetail> {
  const db = deps.database.db;
  const h = await getHotspotRow(db, id);
  const takenUpAt = h.takenUpAt ? new Date(h.takenUpAt) : null;
  const cases = await db.selectFrom('hotspot_cases as hc').innerJoin('cases as c', 'c.id', 'hc.case_id')
    .select(['c.id', 'c.code', 'c.title', 'c.status', 'c.created_at', 'c.address']).where('hc.hotspot_id', '=', id)
    .orderBy('c.created_at', 'desc').limit(500).execute();
  const now = deps.now();
  const end = new Date(now.getTime() + 90 * 86_400_000);
  return {
    hotspot: h,
    cases: cases.map((c) => ({ id: Number(c.id), code: c.code, title: c.title, status: c.status, createdAt: new Date(c.created_at).toISOString(), address: c.address })),
    trend: await hotspotTrend(deps, h, takenUpAt),
    convertBlocked: convertBlockedReason(user, h),
    topicBlocked: await topicBlockedReason(db, user, h, beijingMonth(now)),
    topicUndoBlocked: topicUndoBlockedReason(user, h, beijingMonth(now)),
    topicMonthNext: beijingMonth(now),
    defaults: { leadDepartmentId: h.districtId, endDate: beijingDate(end), title: taskTitle(h) },
  };
}

/** Districts coloured by the latest day's hot spots: how many, their cases, the strongest one's sentence. */
export async function hotspotMap(deps: AppDeps): Promise<HotspotMap> {
  const db = deps.readDb;
  const run = await db.selectFrom('hotspot_runs').select('day').orderBy('day', 'desc').limit(1).executeTakeFirst();
  const dir = await deps.directory.ready();
  const districts = dir.departments.filter((d) => d.kind === 'district' && d.isActive);
  const rows = run
    ? await db.selectFrom('hotspots').select(['district_id', 'recent_count', 'baseline', 'summary']).where('detected_on', '=', run.day).execute()
    : [];
  return {
    day: run?.day ?? null,
    districts: districts.map((d) => {
      const mine = rows.filter((r) => r.district_id === d.id).sort((a, b) => (b.recent_count - Number(b.baseline ?? 0)) - (a.recent_count - Number(a.baseline ?? 0)));
      return { name: d.name, districtId: d.id, hotspots: mine.length, cases: mine.reduce((a, r) => a + r.recent_count, 0), top: mine[0]?.summary ?? null };
    }),
  };
}
