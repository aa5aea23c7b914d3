import { sql } from 'kysely';
import type { z } from 'zod';
import type { zDirectAnswerRequest } from '../../../contracts/knowledge.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { DirectAnswer } from '../../../domain/case/types.js';
import { isInForce } from '../../../domain/knowledge/entry.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser } from '../../kernel/index.js';
import { createCase, runCommand } from '../cases/index.js';

// 直接答复: the desk answers the caller from an approved entry in force and the case closes at once, the entry cited
// on the case's chain (case.answered_directly, decided by the lifecycle like any command). A new call is registered
// and closed in one statement; a case already waiting at the desk (a portal consultation) is answered and closed.
// The use is then counted on the entry (knowledge_uses): the case event is the record, the count its tally.

/** The approved version of an entry, as it will be cited; refused when unapproved or not in force today. */
export async function citableAnswer(deps: AppDeps, entryId: number): Promise<DirectAnswer> {
  const e = await deps.database.db.selectFrom('knowledge_entries')
    .select(['id', 'published_version', 'question', 'answer', 'basis_number', 'valid_from', 'valid_to']).where('id', '=', entryId).executeTakeFirst();
  if (!e) throw new AppError('KNOWLEDGE_ENTRY_NOT_FOUND');
  if (e.published_version === null) throw new AppError('KNOWLEDGE_NOT_PUBLISHED');
  if (!isInForce({ validFrom: e.valid_from, validTo: e.valid_to }, beijingDate(deps.now()))) throw new AppError('KNOWLEDGE_NOT_IN_FORCE');
  return { entryId: e.id, version: e.published_version, question: e.question, answer: e.answer, basisNumber: e.basis_number };
}

export async function answerDirectly(deps: AppDeps, user: StaffUser, req: z.infer<typeof zDirectAnswerRequest>, idempotencyKey?: string) {
  if ((req.caseId === undefined) === (req.case === undefined)) throw new AppError('KNOWLEDGE_ANSWER_TARGET');
  const answer = await citableAnswer(deps, req.entryId);
  let caseId: number;
  let counted = true;
  if (req.case) {
    const { id, created } = await createCase(deps, user, { ...req.case, directAnswer: answer }, idempotencyKey);
    caseId = id;
    counted = created;
  } else {
    caseId = req.caseId!;
    await runCommand(deps, user, caseId, { type: 'answer-directly', answer });
  }
  if (counted) await countUse(deps, answer, 'desk', caseId);
  const row = await deps.database.db.selectFrom('cases').select('code').where('id', '=', caseId).executeTakeFirstOrThrow();
  return { caseId, code: row.code, entryId: answer.entryId, version: answer.version };
}

/** One use of an entry: a direct answer (with its case, once) or a portal visitor answered. */
export async function countUse(deps: AppDeps, a: { entryId: number; version: number }, kind: 'desk' | 'portal', caseId: number | null): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const added = await tx.insertInto('knowledge_uses').values({ entry_id: a.entryId, version: a.version, kind, case_id: caseId, at: now })
      .onConflict((oc) => oc.column('case_id').doNothing()).returning('id').executeTakeFirst();
    if (!added) return;
    const column = kind === 'desk' ? 'answered_count' : 'helpful_count';
    await tx.updateTable('knowledge_entries').set({ [column]: sql`${sql.ref(column)} + 1` }).where('id', '=', a.entryId).execute();
  });
}

/** "这解答了我的问题" on the portal: counted for a public approved entry in force; nothing is submitted. */
export async function countHelpful(deps: AppDeps, entryId: number, version: number): Promise<void> {
  const e = await deps.database.db.selectFrom('knowledge_entries').select(['published_version', 'visibility', 'valid_from', 'valid_to'])
    .where('id', '=', entryId).executeTakeFirst();
  // An internal entry is not named to the public: it does not exist for them.
  if (!e || e.visibility !== 'public' || e.published_version === null) throw new AppError('KNOWLEDGE_ENTRY_NOT_FOUND');
  if (version < 1 || version > e.published_version) throw new AppError('KNOWLEDGE_VERSION_NOT_FOUND');
  await countUse(deps, { entryId, version }, 'portal', null);
}
