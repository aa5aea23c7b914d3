import type { z } from 'zod';
import type { BulkResult, zBulkInstructRequest, zBulkIssueRequest } from '../../../contracts/supervision.js';
import { messageFor } from '../../../contracts/errors.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { runCommand } from '../cases/index.js';
import { issueOrder } from './order-commands.js';

// Bulk actions run one case per transaction: a refused case is reported and does not undo the others.

type Result = BulkResult['results'][number];

function failure(caseId: number, err: unknown): Result {
  if (err instanceof AppError) return { caseId, ok: false, orderId: null, code: err.code, message: messageFor(err.code) };
  throw err;
}

/** Issues one order per case to the case's lead department. */
export async function bulkIssue(deps: AppDeps, user: StaffUser, req: z.infer<typeof zBulkIssueRequest>): Promise<BulkResult> {
  const results: Result[] = [];
  const ids = [...new Set(req.caseIds)];
  const leads = await deps.database.db.selectFrom('cases').select(['id', 'lead_department_id']).where('id', 'in', ids).execute();
  const leadOf = new Map(leads.map((l) => [l.id, l.lead_department_id]));
  for (const caseId of ids) {
    const lead = leadOf.get(caseId);
    if (!lead) {
      results.push({ caseId, ok: false, orderId: null, code: 'CASE_NOT_FOUND', message: messageFor('CASE_NOT_FOUND') });
      continue;
    }
    try {
      const orderId = await issueOrder(deps, user, caseId, { departmentId: lead, level: req.level, demands: req.demands, deadline: req.deadline });
      results.push({ caseId, ok: true, orderId, code: null, message: null });
    } catch (err) {
      results.push(failure(caseId, err));
    }
  }
  return { results };
}

/** A leader's instruction on each case, through the lifecycle's own `instruct` command. */
export async function bulkInstruct(deps: AppDeps, user: StaffUser, req: z.infer<typeof zBulkInstructRequest>): Promise<BulkResult> {
  const results: Result[] = [];
  for (const caseId of new Set(req.caseIds)) {
    try {
      await runCommand(deps, user, caseId, { type: 'instruct', text: req.text });
      results.push({ caseId, ok: true, orderId: null, code: null, message: null });
    } catch (err) {
      results.push(failure(caseId, err));
    }
  }
  return { results };
}
