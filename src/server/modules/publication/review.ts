import type { ApproveRequest } from '../../../contracts/publication.js';
import { maskName } from '../../../domain/privacy/mask.js';
import type { NewEvent } from '../../../domain/case/types.js';
import type { CaseRow } from '../../db/schema.js';
import type { PublicationRow } from '../../db/schema-publication.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { actorOf } from '../cases/index.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { publishCaseChange } from '../cases/index.js';
import { lockCase, writeCaseChange } from '../cases/index.js';
import { boardCacheOf } from './board-cache.js';
import { defaultChoices, hasApprovedReply, knownOf, maskText } from './masking.js';
import { lockPublication, writeApproval, writeDecision } from './repository.js';
import { searchLexemes } from './search-text.js';
import { cityPlacePrefixes } from '../settings/index.js';
import { boardReplyFiles } from '../portal/index.js';

// Publication decisions. Each one locks the case row (the order every case writer uses), then the publication row,
// writes the row and appends a case.publication_* event to the case's hash chain in the same transaction: the
// decision, who took it and the exact public text are part of the case's tamper-evident history.

const candidateStatuses = new Set(['dispatched', 'handling', 'replied', 'awaiting_rating', 'closed']);

async function lockBoth(deps: AppDeps, tx: Tx, caseId: number, version?: number): Promise<{ row: CaseRow; pub: PublicationRow }> {
  const dir = await deps.directory.ready();
  const locked = await lockCase(tx, caseId, (id) => dir.categoryKind(id));
  if (!locked) throw new AppError('CASE_NOT_FOUND');
  const pub = await lockPublication(tx, caseId);
  if (!locked.row.is_public) throw new AppError('PUBLICATION_NO_CONSENT');
  if (!pub) throw new AppError(candidateStatuses.has(locked.row.status) ? 'PUBLICATION_NOT_FOUND' : 'PUBLICATION_NOT_CANDIDATE');
  if (version !== undefined && version !== pub.version) throw new AppError('PUBLICATION_VERSION_CONFLICT', { current: pub.version });
  return { row: locked.row, pub };
}

/** Approves (or edits an approved) publication with the supervisor's text, masked once more on the server. */
async function approveTx(deps: AppDeps, tx: Tx, user: StaffUser, caseId: number, req: ApproveRequest, places: readonly string[]): Promise<void> {
  const { row, pub } = await lockBoth(deps, tx, caseId, req.version);
  if (req.showName && !row.is_name_public) throw new AppError('PUBLICATION_NO_CONSENT', { field: 'showName' });
  const known = knownOf(row, { redactions: req.redactions, maskEnterprise: req.maskEnterprise }, places);
  const publicTitle = maskText(req.publicTitle, known);
  const publicDescription = maskText(req.publicDescription, known);
  let publicReply: string | null = null;
  if (hasApprovedReply(row)) publicReply = maskText(req.publicReply ?? row.reply_text!, known);
  else if (req.publicReply) throw new AppError('PUBLICATION_REPLY_NOT_READY');
  const publicName = req.showName ? maskName(row.submitter_name) : null;
  const files = await boardReplyFiles(tx, caseId);
  const withheld = req.withheldAttachmentIds ?? pub.withheld_attachments.filter((id) => files.some((f) => f.id === id));
  const unknown = withheld.filter((id) => !files.some((f) => f.id === id));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', { withheldAttachmentIds: '只能保留不公开本诉求答复中标为公开的附件' });
  const now = deps.now();
  await writeApproval(tx, caseId, {
    publicTitle, publicDescription, publicReply, replySourceAt: publicReply ? row.reply_approved_at : null, publicName,
    maskEnterprise: req.maskEnterprise, redactions: req.redactions, reviewer: user.id, now,
    lexemes: searchLexemes(`${publicTitle}\n${publicDescription}\n${publicReply ?? ''}`),
    firstPublication: pub.status !== 'approved', withheld,
  });
  const event: NewEvent = {
    type: 'case.publication_approved',
    payload: { edited: pub.status === 'approved', publicTitle, publicDescription, publicReply, publicName, maskEnterprise: req.maskEnterprise, redactions: req.redactions.length,
      ...(files.length ? { publicFiles: files.length - withheld.length, withheldFiles: withheld.length } : {}) },
  };
  await writeCaseChange(tx, row, {}, [event], actorOf(user), now);
}

async function afterCommit(deps: AppDeps, caseId: number): Promise<void> {
  boardCacheOf(deps).publicationChanged(caseId);
  await publishCaseChange(deps, caseId);
}

export async function approvePublication(deps: AppDeps, user: StaffUser, caseId: number, req: ApproveRequest): Promise<void> {
  // Read before the transaction: on PGlite a read outside it would wait for it to end.
  const places = await cityPlacePrefixes(deps.database.db);
  await deps.database.db.transaction().execute((tx) => approveTx(deps, tx, user, caseId, req, places));
  await afterCommit(deps, caseId);
}

export async function decidePublication(deps: AppDeps, user: StaffUser, caseId: number, decision: 'reject' | 'withdraw', reason: string, version?: number): Promise<void> {
  await deps.database.db.transaction().execute(async (tx) => {
    const { row, pub } = await lockBoth(deps, tx, caseId, version);
    if (decision === 'reject' && pub.status !== 'pending') throw new AppError('PUBLICATION_NOT_PENDING');
    if (decision === 'withdraw' && pub.status !== 'approved') throw new AppError('PUBLICATION_NOT_APPROVED');
    const now = deps.now();
    await writeDecision(tx, caseId, decision === 'reject' ? 'rejected' : 'withdrawn', reason, user.id, now);
    const type = decision === 'reject' ? 'case.publication_rejected' as const : 'case.publication_withdrawn' as const;
    await writeCaseChange(tx, row, {}, [{ type, payload: { reason } }], actorOf(user), now);
  });
  await afterCommit(deps, caseId);
}

/** The automatic draft of a case: its own text masked with the publication's current choices. */
export function autoDraft(row: CaseRow, pub: Pick<PublicationRow, 'redactions' | 'mask_enterprise'> | undefined, places: readonly string[] = []): ApproveRequest {
  const choices = pub ? { redactions: pub.redactions, maskEnterprise: pub.mask_enterprise } : defaultChoices(row);
  const known = knownOf(row, choices, places);
  return {
    publicTitle: maskText(row.title, known),
    publicDescription: maskText(row.description, known),
    publicReply: hasApprovedReply(row) ? maskText(row.reply_text!, known) : null,
    redactions: choices.redactions,
    maskEnterprise: choices.maskEnterprise,
    showName: row.is_name_public,
  };
}

/** Approves each case with its automatic draft, one transaction per case; refusals are reported per case. */
export async function bulkApprove(deps: AppDeps, user: StaffUser, caseIds: number[]) {
  const results: { caseId: number; ok: boolean; code?: string; message?: string }[] = [];
  const places = await cityPlacePrefixes(deps.database.db);
  for (const caseId of [...new Set(caseIds)]) {
    try {
      await deps.database.db.transaction().execute(async (tx) => {
        const row = await tx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
        if (!row) throw new AppError('CASE_NOT_FOUND');
        const pub = await tx.selectFrom('case_publications').selectAll().where('case_id', '=', caseId).executeTakeFirst();
        await approveTx(deps, tx, user, caseId, autoDraft(row, pub, places), places);
      });
      await afterCommit(deps, caseId);
      results.push({ caseId, ok: true });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ caseId, ok: false, code: err.code, message: err.message });
    }
  }
  return { results };
}
