import type { BatchResult } from '../../../contracts/cases.js';
import { messageFor } from '../../../contracts/errors.js';
import type { Command } from '../../../domain/case/types.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { runCommand } from './run-command.js';

/**
 * One command on several cases (batch dispatch from the intake queue, signing in a department inbox, approving
 * replies in review): each case in its own transaction through runCommand, so a refused case is reported with its
 * code and message and does not undo the others. Cases run one after another, in the order given.
 */
export async function runBatch(deps: AppDeps, user: StaffUser, caseIds: readonly number[], cmd: Command): Promise<BatchResult> {
  const results: BatchResult['results'] = [];
  for (const caseId of new Set(caseIds)) {
    try {
      await runCommand(deps, user, caseId, cmd);
      results.push({ caseId, ok: true, code: null, message: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ caseId, ok: false, code: err.code, message: messageFor(err.code) });
    }
  }
  return { results };
}
