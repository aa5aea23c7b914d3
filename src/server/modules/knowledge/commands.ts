import type { KnowledgeEntryInput } from '../../../contracts/knowledge.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { entryRefusal } from '../../../domain/knowledge/entry.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser, type Tx } from '../../kernel/index.js';
import type { KnowledgeVersionRow } from '../../db/schema-knowledge.js';
import { canApproveEntry, canEditEntry, lockEntry, publishedColumns, versionValues, type EntryRow } from './repository.js';

// Edits and approvals (知识库): every save is a new version (a draft); the owner unit approves a draft, which then is
// what the desk and the portal are offered. Approving a version whose policy replaces a document number marks every
// entry citing that number, so the sweep flags them to their owners.

/** Refuses an edit without an owner, with an expired basis or a reversed validity, or naming an unknown unit. */
async function checkFields(deps: AppDeps, input: KnowledgeEntryInput): Promise<number> {
  const today = beijingDate(deps.now());
  const refused = entryRefusal({ ownerUnitId: input.ownerUnitId, validFrom: input.validFrom, validTo: input.validTo }, today);
  if (refused) throw new AppError(refused);
  const dir = await deps.directory.ready();
  const unit = dir.department(input.ownerUnitId!);
  if (!unit || unit.isActive === false) throw new AppError('KNOWLEDGE_OWNER_NOT_FOUND');
  return unit.id;
}

export interface NewEntryOrigin {
  source: 'manual' | 'import' | 'case';
  sourceCaseId?: number | null;
  importKey?: string | null;
}

/** A new entry with its first version, a draft. */
export async function createEntry(deps: AppDeps, user: StaffUser, input: KnowledgeEntryInput, origin: NewEntryOrigin = { source: 'manual' }): Promise<number> {
  const owner = await checkFields(deps, input);
  if (!canEditEntry(user, owner)) throw new AppError('KNOWLEDGE_NOT_OWNER');
  return inTransaction(deps.database.db, (tx) => insertEntry(tx, deps.now(), user.id, input, owner, origin));
}

export async function insertEntry(tx: Tx, now: Date, userId: number | null, input: KnowledgeEntryInput, owner: number, origin: NewEntryOrigin): Promise<number> {
  const v = versionValues(input, owner);
  const { replaces_basis_number: _r, note: _n, ...entry } = v;
  const row = await tx.insertInto('knowledge_entries').values({
    ...entry, latest_version: 1, published_version: null, source: origin.source, source_case_id: origin.sourceCaseId ?? null,
    import_key: origin.importKey ?? null, created_at: now, updated_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('knowledge_versions').values({ ...v, entry_id: row.id, version: 1, status: 'draft', edited_by: userId, edited_at: now }).execute();
  return row.id;
}

/** A new version of an entry, a draft; the published version stays offered until the draft is approved. */
export async function reviseEntry(deps: AppDeps, user: StaffUser, id: number, input: KnowledgeEntryInput): Promise<number> {
  const owner = await checkFields(deps, input);
  return inTransaction(deps.database.db, async (tx) => {
    const row = await lockEntry(tx, id);
    if (!row) throw new AppError('KNOWLEDGE_ENTRY_NOT_FOUND');
    // The unit that owns it now, and the unit it is given to, must both be the editor's (or the editor a supervisor).
    if (!canEditEntry(user, row.owner_unit_id) || !canEditEntry(user, owner)) throw new AppError('KNOWLEDGE_NOT_OWNER');
    return writeDraft(tx, deps.now(), user.id, row, input, owner);
  });
}

export async function writeDraft(tx: Tx, now: Date, userId: number | null, row: { id: number; latest_version: number; published_version: number | null }, input: KnowledgeEntryInput, owner: number): Promise<number> {
  const version = row.latest_version + 1;
  const v = versionValues(input, owner);
  await tx.insertInto('knowledge_versions').values({ ...v, entry_id: row.id, version, status: 'draft', edited_by: userId, edited_at: now }).execute();
  // An entry never approved shows its newest draft in the list; an approved one keeps its published text.
  const { replaces_basis_number: _r, note: _n, ...entry } = v;
  await tx.updateTable('knowledge_entries').set({ latest_version: version, updated_at: now, ...(row.published_version === null ? entry : {}) })
    .where('id', '=', row.id).execute();
  return version;
}

/** The owner unit approves a draft: it becomes the published version; earlier approved versions are superseded. */
export async function approveVersion(deps: AppDeps, user: StaffUser, id: number, version: number): Promise<void> {
  const now = deps.now();
  const today = beijingDate(now);
  await inTransaction(deps.database.db, async (tx) => {
    const row = await lockEntry(tx, id);
    if (!row) throw new AppError('KNOWLEDGE_ENTRY_NOT_FOUND');
    const v = await tx.selectFrom('knowledge_versions').selectAll().where('entry_id', '=', id).where('version', '=', version).executeTakeFirst();
    if (!v) throw new AppError('KNOWLEDGE_VERSION_NOT_FOUND');
    if (!canApproveEntry(user, v.owner_unit_id)) throw new AppError('KNOWLEDGE_NOT_OWNER');
    if (v.status !== 'draft') throw new AppError('KNOWLEDGE_NOT_DRAFT');
    // A draft whose basis expired while it waited is not approved (the bad input of the issue: an expired basis).
    const refused = entryRefusal({ ownerUnitId: v.owner_unit_id, validFrom: v.valid_from, validTo: v.valid_to }, today);
    if (refused) throw new AppError(refused);
    await publishVersion(tx, now, user.id, row, v);
  });
}

/** The version becomes the entry's published one (the approval's writes; the demo's loader approves its entries so too). */
export async function publishVersion(tx: Tx, now: Date, userId: number | null, row: Pick<EntryRow, 'id' | 'basis_number' | 'basis_replaced_by'>, v: KnowledgeVersionRow): Promise<void> {
  const { id } = row;
  const { version } = v;
  await tx.updateTable('knowledge_versions').set({ status: 'superseded' }).where('entry_id', '=', id).where('status', '=', 'approved').execute();
  // Older drafts are left as they are: history shows them, and approving one later would publish older text.
  await tx.updateTable('knowledge_versions').set({ status: 'approved', approved_by: userId, approved_at: now }).where('entry_id', '=', id).where('version', '=', version).execute();
  await tx.updateTable('knowledge_entries').set({
    ...publishedColumns(v), published_version: version, flag: null, flagged_at: null, updated_at: now,
    // A new approved version answers the flag: a replaced basis is cleared when the version cites another number.
    basis_replaced_by: v.basis_number !== null && v.basis_number === row.basis_number ? row.basis_replaced_by : null,
  }).where('id', '=', id).execute();
  if (v.replaces_basis_number) {
    await tx.updateTable('knowledge_entries').set({ basis_replaced_by: v.basis_number ?? `（见知识条目 #${id}）`, updated_at: now })
      .where('basis_number', '=', v.replaces_basis_number).where('id', '!=', id).where('published_version', 'is not', null).execute();
  }
}
