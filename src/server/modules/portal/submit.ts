import { validateSubmission, fieldErrorMessages, type FieldError, type SubmissionRequest, type SubmissionResponse } from '../../../contracts/portal.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { createCase } from '../cases/index.js';
import { hashToken, newToken } from './tokens.js';

/** Idempotency keys of the portal live in their own namespace, so they cannot collide with another channel's keys. */
export const portalKey = (key: string) => `portal:${key}`;

/**
 * A submission by the public: every field checked at once (PORTAL_FIELDS_INVALID with one {field, code, message}
 * per problem), the uploaded files claimed by their tokens, the case created through createCase (null user = the
 * public; the Idempotency-Key makes a retry or a double click return the first case), then a private tracking link.
 */
export async function submitCase(deps: AppDeps, body: SubmissionRequest, idempotencyKey: string | undefined): Promise<SubmissionResponse> {
  const dir = await deps.directory.ready();
  const { errors, clean } = validateSubmission(body, {
    categoryExists: (id) => !!dir.category(id),
    districtExists: (id) => dir.department(id)?.kind === 'district',
  });
  const key = idempotencyKey ? portalKey(idempotencyKey) : undefined;
  const { db } = deps.database;

  // Every named upload must exist and be unclaimed — or claimed by this very submission (a retry with the same key).
  const hashes = clean.attachments.map(hashToken);
  if (hashes.length && !errors.some((e) => e.field === 'attachments')) {
    const rows = await db.selectFrom('case_attachments').leftJoin('cases', 'cases.id', 'case_attachments.case_id')
      .select(['case_attachments.token_hash', 'case_attachments.case_id', 'cases.idempotency_key'])
      .where('case_attachments.token_hash', 'in', hashes).execute();
    const usable = new Set(rows.filter((r) => r.case_id == null || (key != null && r.idempotency_key === key)).map((r) => r.token_hash));
    if (hashes.some((h) => !usable.has(h))) errors.push({ field: 'attachments', code: 'ATTACHMENT_UNKNOWN', message: fieldErrorMessages.ATTACHMENT_UNKNOWN });
  }
  if (errors.length) throw new AppError('PORTAL_FIELDS_INVALID', errors satisfies FieldError[]);

  const { id, created } = await createCase(deps, null, {
    channel: 'web', urgency: 'normal', title: clean.title, description: clean.description, categoryId: clean.categoryId,
    submitterName: clean.submitterName, submitterPhone: clean.submitterPhone, enterpriseName: clean.enterpriseName || undefined,
    enterpriseCreditCode: clean.enterpriseCreditCode || undefined, districtId: clean.districtId ?? undefined,
    address: clean.address || undefined, isPublic: clean.isPublic, isNamePublic: clean.isNamePublic,
    caseType: clean.caseType ?? undefined,
  }, key);

  const now = deps.now();
  if (hashes.length) {
    // Idempotent: a retry re-links only what is still unclaimed.
    await db.updateTable('case_attachments').set({ case_id: id, attached_at: now })
      .where('token_hash', 'in', hashes).where('case_id', 'is', null).execute();
  }
  // The link is shown once and stored hashed; a retry (which proved it holds the key) gets a fresh link to the same case.
  const { token, hash } = newToken();
  await db.insertInto('case_tracking_tokens').values({ token_hash: hash, case_id: id, origin: 'submit', created_at: now }).execute();
  const { code } = await db.selectFrom('cases').select('code').where('id', '=', id).executeTakeFirstOrThrow();
  return { code, trackingToken: token, trackingUrl: `/p/track/${token}`, created };
}
