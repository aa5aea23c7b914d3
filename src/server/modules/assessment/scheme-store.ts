import type { SchemeHistory, SchemeVersion } from '../../../contracts/assessment.js';
import { defaultScheme, schemeProblem, type AssessmentScheme } from '../../../domain/assessment/scheme.js';
import { AppError } from '../../errors.js';
import type { Db, Tx } from '../../kernel/index.js';
import { recordAdminChange, type AdminActor } from '../admin-audit/index.js';

/** The current scheme (the highest version); version 1 is the default, written the first time it is needed. */
export async function currentScheme(db: Tx, now: Date): Promise<{ version: number; scheme: AssessmentScheme }> {
  const row = await db.selectFrom('assessment_schemes').select(['version', 'config']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (row) return { version: row.version, scheme: row.config as AssessmentScheme };
  await db.insertInto('assessment_schemes').values({ version: 1, config: JSON.stringify(defaultScheme), note: '默认方案（12345 通行做法）', created_by: null, created_at: now })
    .onConflict((oc) => oc.column('version').doNothing()).execute();
  return currentScheme(db, now);
}

export async function schemeVersion(db: Tx, version: number): Promise<AssessmentScheme> {
  const row = await db.selectFrom('assessment_schemes').select('config').where('version', '=', version).executeTakeFirstOrThrow();
  return row.config as AssessmentScheme;
}

/** Saves a new version after checking it (the weights must add up to 1), recorded in the admin audit trail. */
export async function saveScheme(db: Db, scheme: AssessmentScheme, note: string, actor: AdminActor & { userId: number }, now: Date): Promise<number> {
  const problem = schemeProblem(scheme);
  if (problem) throw new AppError(problem.code, { field: problem.field });
  return db.transaction().execute(async (tx) => {
    const { version, scheme: before } = await currentScheme(tx, now);
    await tx.insertInto('assessment_schemes').values({ version: version + 1, config: JSON.stringify(scheme), note, created_by: actor.userId, created_at: now }).execute();
    await recordAdminChange(tx, actor, {
      action: 'assessment.scheme', targetType: 'assessment', targetId: version + 1, targetName: `考核方案 第 ${version + 1} 版`,
      before: { version, ...before }, after: { version: version + 1, note, ...scheme },
    }, now);
    return version + 1;
  });
}

export async function schemeHistory(db: Tx, now: Date, userName: (id: number | null) => string | null): Promise<SchemeHistory> {
  await currentScheme(db, now);
  const rows = await db.selectFrom('assessment_schemes').selectAll().orderBy('version', 'desc').execute();
  const versions: SchemeVersion[] = rows.map((r) => ({
    version: r.version, scheme: r.config as AssessmentScheme, note: r.note, createdAt: new Date(r.created_at).toISOString(), createdByName: userName(r.created_by),
  }));
  return { current: versions[0], versions };
}
