import { createHash, randomBytes } from 'node:crypto';
import { decide } from '../../../domain/case/decide.js';
import type { CasePatch, CaseSnapshot, NewEvent } from '../../../domain/case/types.js';
import type { CreateCaseRequest } from '../../../contracts/cases.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from './actor.js';
import { actorOf } from './actor.js';
import { applyAssignmentOps, toSnapshot, writeCaseChange, type Tx } from './repository.js';
import { checkDepartments } from './run-command.js';

export interface CreateCaseInput extends Omit<CreateCaseRequest, 'channel' | 'urgency' | 'isPublic' | 'isNamePublic'> {
  channel: 'hotline' | 'web' | 'letter' | 'import' | 'open311' | 'staff';
  urgency: 'normal' | 'urgent' | 'emergency';
  isPublic: boolean;
  isNamePublic: boolean;
  /** Dispatch in the same transaction (the hotline desk's one-key dispatch). */
  dispatch?: { leadDepartmentId: number; coDepartmentIds: number[] };
}

const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Tracking code: date in Beijing time plus six random characters, e.g. YW20261126-7K3QZP. */
export function newCaseCode(now: Date): string {
  const local = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const bytes = randomBytes(6);
  let tail = '';
  for (const b of bytes) tail += codeAlphabet[b % codeAlphabet.length];
  return `YW${local}-${tail}`;
}

function fingerprint(input: CreateCaseInput): string {
  return createHash('sha256').update(JSON.stringify([input.title, input.description, input.categoryId, input.submitterPhone])).digest('hex');
}

/** Ids named in an intake must exist; the in-process directory answers without SQL, the database when it is unsure. */
async function checkIntakeReferences(deps: AppDeps, input: CreateCaseInput) {
  const dir = await deps.directory.ready();
  let category = dir.category(input.categoryId);
  if (!category) {
    dir.invalidate();
    category = (await deps.directory.ready()).category(input.categoryId);
    if (!category) throw new AppError('CATEGORY_NOT_FOUND');
  }
  const ids = [input.districtId, input.dispatch?.leadDepartmentId, ...(input.dispatch?.coDepartmentIds ?? [])].filter((x): x is number => x != null);
  const unknown = ids.filter((id) => !dir.department(id));
  if (unknown.length) await checkDepartments(deps.database.db, unknown);
  return category;
}

/**
 * Registers a case (status submitted, event case.created) and, when asked, dispatches it in the same transaction.
 * A repeated Idempotency-Key returns the case the first request created. The new row's state is known from the
 * insert, so nothing is read back: one insert for the case, one for its assignments, one for its events, one update.
 */
export async function createCase(deps: AppDeps, user: StaffUser, input: CreateCaseInput, idempotencyKey?: string): Promise<{ id: number; created: boolean }> {
  const { db } = deps.database;
  const now = deps.now();
  const actor = actorOf(user);
  const fp = idempotencyKey ? fingerprint(input) : null;
  if (idempotencyKey) {
    const existing = await findByKey(db, idempotencyKey);
    if (existing) return sameRequest(existing, fp!);
  }
  const category = await checkIntakeReferences(deps, input);
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('cases')
      .values({
        code: newCaseCode(now), title: input.title, description: input.description, category_id: input.categoryId,
        channel: input.channel, urgency: input.urgency, status: 'submitted', submitter_name: input.submitterName,
        submitter_phone: input.submitterPhone, enterprise_name: input.enterpriseName || null,
        enterprise_credit_code: input.enterpriseCreditCode || null, district_id: input.districtId ?? null,
        address: input.address || null, is_public: input.isPublic, is_name_public: input.isNamePublic,
        idempotency_key: idempotencyKey ?? null, idempotency_fingerprint: fp, created_by: user.id, created_at: now, updated_at: now,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const existing = await findByKey(tx, idempotencyKey!);
      return sameRequest(existing!, fp!);
    }
    const events: NewEvent[] = [{
      type: 'case.created',
      payload: { channel: input.channel, categoryId: input.categoryId, urgency: input.urgency, suggestedLeadDepartmentId: category.defaultLeadDepartmentId },
    }];
    let patch: CasePatch = {};
    if (input.dispatch) {
      const d = decide(toSnapshot(row, category.kind, []), { type: 'dispatch', ...input.dispatch }, actor, { now, policy: deps.policy });
      if (!d.ok) throw new AppError(d.code);
      await applyAssignmentOps(tx, row.id, d.assignments);
      events.push(...d.events);
      patch = d.patch;
    }
    await writeCaseChange(tx, row, patch, events, actor, now);
    return { id: row.id, created: true };
  });
}

async function findByKey(db: Tx, key: string) {
  return db.selectFrom('cases').select(['id', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst();
}

function sameRequest(existing: { id: number; idempotency_fingerprint: string | null }, fp: string) {
  if (existing.idempotency_fingerprint !== fp) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { id: existing.id, created: false };
}

export type { CaseSnapshot };
