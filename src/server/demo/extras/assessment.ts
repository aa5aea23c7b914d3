import type { Kysely } from 'kysely';
import { previousMonthKey } from '../../../domain/assessment/period.js';
import type { DB } from '../../db/schema.js';
import { Directory } from '../../modules/org/directory.js';
import { publishPeriod, runPeriod } from '../../modules/assessment/periods.js';
import type { DemoContext } from './context.js';

/**
 * Earlier months are run and published, so rankings and bulletins have history; last month is left for the
 * supervisor to run and publish. One appeal waits for a decision.
 */
export async function demoAssessment(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const supervisor = await db.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirst();
  if (!supervisor) return;
  const deps = {
    database: { db, kind: 'pglite' as const, location: 'demo', close: async () => {} },
    now: () => ctx.now, policy: ctx.policy, directory: new Directory(db),
  };
  for (const back of [5, 4, 3, 2]) {
    const key = previousMonthKey(ctx.now, back);
    await runPeriod(deps, supervisor.id, key);
    await publishPeriod(deps, supervisor.id, key);
  }
  // A department head asks that one unsatisfied case not count: out of the department's remit.
  const target = await db.selectFrom('assessment_facts as f').innerJoin('users as u', (j) => j.onRef('u.department_id', '=', 'f.department_id').on('u.role', '=', 'head'))
    .select(['f.case_id', 'f.department_id', 'u.id as head_id'])
    .where('f.measure', '=', 'followup').where('f.rating', '=', 'unsatisfied').where('f.valid_to', 'is', null)
    .orderBy('f.at', 'desc').limit(1).executeTakeFirst();
  if (!target) return;
  const head = { id: target.head_id, department_id: target.department_id };
  await db.insertInto('assessment_appeals').values({
    case_id: target.case_id, department_id: head.department_id, reason: 'out_of_scope',
    evidence: '经核实，该诉求事项属民事争议，依法应通过诉讼或仲裁途径解决，不属于本单位行政职责范围，已书面告知诉求人。附：法律顾问意见。',
    filed_by: head.id, filed_at: new Date(ctx.now.getTime() - 2 * 24 * 3_600_000),
  }).execute();
}
