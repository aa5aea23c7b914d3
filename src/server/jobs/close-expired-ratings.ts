import type { AppDeps } from '../deps.js';
import { runCommand } from '../modules/cases/run-command.js';
import { AppError } from '../errors.js';

const systemActor = { userId: null, role: 'system' as const, departmentId: null };

/** Closes cases whose rating window ended without a rating (办结: 评价期限届满). Idempotent: a closed case is skipped. */
export async function closeExpiredRatings(deps: AppDeps, batch = 200): Promise<number> {
  const now = deps.now();
  const due = await deps.database.db.selectFrom('cases').select('id')
    .where('status', '=', 'awaiting_rating').where('rating', 'is', null).where('rating_deadline', '<=', now)
    .orderBy('rating_deadline').limit(batch).execute();
  let closed = 0;
  for (const { id } of due) {
    try {
      await runCommand(deps, null, id, { type: 'close', reason: '评价期限届满，诉求人未评价' }, systemActor);
      closed++;
    } catch (err) {
      // Someone rated it in the meantime: the lifecycle refuses, which is the right outcome.
      if (!(err instanceof AppError)) throw err;
    }
  }
  return closed;
}
