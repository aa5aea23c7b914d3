import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser } from '../../kernel/index.js';
import { insertEntry } from './commands.js';

// A supervisor turns a good reply into a draft entry: the case's title and description are the question, its
// approved reply the answer, its lead unit the owner (who reviews, completes the basis and approves it).

export async function entryFromCase(deps: AppDeps, user: StaffUser, caseId: number): Promise<number> {
  const { db } = deps.database;
  const c = await db.selectFrom('cases').select(['id', 'title', 'reply_text', 'reply_approved_at', 'lead_department_id', 'category_id'])
    .where('id', '=', caseId).executeTakeFirst();
  if (!c) throw new AppError('CASE_NOT_FOUND');
  if (!c.reply_text || !c.reply_approved_at) throw new AppError('KNOWLEDGE_CASE_NO_REPLY');
  const dir = await deps.directory.ready();
  const owner = c.lead_department_id ?? dir.category(c.category_id)?.defaultLeadDepartmentId ?? null;
  if (owner === null) throw new AppError('KNOWLEDGE_OWNER_REQUIRED');
  const input = {
    question: c.title.slice(0, 200), answer: c.reply_text.slice(0, 5000), basisTitle: '', basisNumber: null, replacesBasisNumber: null,
    ownerUnitId: owner, validFrom: beijingDate(deps.now()), validTo: null, visibility: 'internal' as const, keywords: [],
    note: `由诉求答复转入（诉求 #${c.id}）`,
  };
  return inTransaction(db, (tx) => insertEntry(tx, deps.now(), user.id, input, owner, { source: 'case', sourceCaseId: c.id }));
}
