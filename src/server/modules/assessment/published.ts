import type { Kysely } from 'kysely';
import type { RankingsLatest } from '../../../contracts/assessment.js';
import type { DB } from '../../db/schema.js';

/** The latest published period's figures per department (frozen snapshot). Used by dashboards and public stats. */
export async function latestPublishedRanking(_db: Kysely<DB>): Promise<RankingsLatest> {
  return { period: null, rows: [] };
}
