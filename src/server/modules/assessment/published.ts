import type { Kysely } from 'kysely';
import type { RankingsLatest } from '../../../contracts/assessment.js';
import type { ScorecardRow } from '../../../domain/assessment/scorecard.js';
import type { DB } from '../../db/schema.js';

/** The latest published period's figures per department (frozen snapshot). Used by dashboards and public stats. */
export async function latestPublishedRanking(db: Kysely<DB>): Promise<RankingsLatest> {
  // Months before quarters before years when several end on the same day: the freshest, finest period wins.
  const row = await db.selectFrom('assessment_periods').selectAll().where('status', '=', 'published')
    .orderBy('ends_at', 'desc').orderBy('starts_at', 'desc').orderBy('published_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return { period: null, rows: [] };
  const rows = row.figures as ScorecardRow[];
  return {
    period: {
      key: row.key, kind: row.kind, from: new Date(row.starts_at).toISOString(), to: new Date(row.ends_at).toISOString(),
      publishedAt: new Date(row.published_at!).toISOString(), schemeVersion: row.scheme_version,
    },
    rows: rows.map((r) => ({
      departmentId: r.departmentId, departmentName: r.departmentName, group: r.group, rank: r.rank, composite: r.composite, cases: r.cases,
      response: r.rates.response, resolution: r.rates.resolution, satisfaction: r.rates.satisfaction,
    })),
  };
}
