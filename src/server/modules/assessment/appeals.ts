import { fileTypeFromBuffer } from 'file-type';
import { appealReasonLabels, appealReasons, type Appeal } from '../../../contracts/assessment.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { AssessmentAppealRow } from '../../db/schema-assessment.js';
import { actorOf } from '../cases/index.js';
import { hasRole, isDepartmentStaff, type StaffUser } from '../../kernel/index.js';
import { publishCaseChange } from '../cases/index.js';
import { lockCase } from '../cases/index.js';
import { writeCaseChange } from '../cases/index.js';
import type { Names } from '../org/index.js';
import { checkDepartmentScope } from './drill.js';

type Reason = (typeof appealReasons)[number];
const maxFileBytes = 5 * 1024 * 1024;
const allowedTypes = new Set([
  'application/pdf', 'image/png', 'image/jpeg', 'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

export interface AppealInput {
  caseId?: number;
  caseCode?: string;
  reason: string;
  evidence: string;
  file?: { name: string; base64: string };
}

const isReason = (r: string): r is Reason => (appealReasons as readonly string[]).includes(r);

/**
 * The case an appeal names: its id, or the tracking code people see. An unknown code answers like a case the
 * department never handled (APPEAL_CASE_NOT_COUNTED), so another unit's codes cannot be probed.
 */
async function appealCaseId(deps: AppDeps, input: AppealInput): Promise<number> {
  if (input.caseId) return input.caseId;
  if (!input.caseCode) throw new AppError('VALIDATION_FAILED', { caseCode: '请填写受理编号' });
  const row = await deps.database.db.selectFrom('cases').select('id').where('code', '=', input.caseCode).executeTakeFirst();
  if (!row) throw new AppError('APPEAL_CASE_NOT_COUNTED');
  return Number(row.id);
}

/** A department head asks that a case not count against the department (不纳入考核), with evidence. */
export async function fileAppeal(deps: AppDeps, user: StaffUser, given: AppealInput): Promise<Appeal> {
  const input = { ...given, caseId: await appealCaseId(deps, given) };
  if (!isReason(input.reason)) throw new AppError('APPEAL_REASON_INVALID');
  const evidence = input.evidence.trim();
  if (!evidence) throw new AppError('APPEAL_EVIDENCE_REQUIRED');
  let file: { name: string; type: string; data: Buffer } | null = null;
  if (input.file) {
    const data = Buffer.from(input.file.base64, 'base64');
    const type = data.length > 0 && data.length <= maxFileBytes ? await fileTypeFromBuffer(data) : undefined;
    if (!type || !allowedTypes.has(type.mime)) throw new AppError('APPEAL_FILE_INVALID');
    file = { name: input.file.name, type: type.mime, data };
  }
  const { db } = deps.database;
  const departmentId = user.departmentId;
  const counted = await db.selectFrom('assessment_facts').select('id')
    .where('case_id', '=', input.caseId).where('department_id', '=', departmentId).where('valid_to', 'is', null)
    .where('measure', '<>', 'excluded').limit(1).executeTakeFirst();
  const everAssigned = counted ?? await db.selectFrom('assignments').select('id')
    .where('case_id', '=', input.caseId).where('department_id', '=', departmentId).limit(1).executeTakeFirst();
  if (!everAssigned) throw new AppError('APPEAL_CASE_NOT_COUNTED');
  const live = await db.selectFrom('assessment_appeals').select('id').where('case_id', '=', input.caseId)
    .where('department_id', '=', departmentId).where('state', 'in', ['pending', 'approved']).executeTakeFirst();
  if (live) throw new AppError('APPEAL_EXISTS', { appealId: live.id });
  const row = await db.insertInto('assessment_appeals').values({
    case_id: input.caseId, department_id: departmentId, reason: input.reason, evidence,
    file_name: file?.name ?? null, file_type: file?.type ?? null, file_data: file?.data ?? null,
    filed_by: user.id, filed_at: deps.now(),
  }).returning('id').executeTakeFirstOrThrow()
    .catch((err: unknown) => {
      // Two heads filing at once: the partial unique index lets one through.
      if (String((err as { code?: string }).code) === '23505') throw new AppError('APPEAL_EXISTS');
      throw err;
    });
  return getAppeal(deps, user, row.id);
}

/** A supervisor approves (the case–department pair leaves every run made from now on) or refuses, with a reason. */
export async function decideAppeal(deps: AppDeps, user: StaffUser, id: number, decision: 'approve' | 'refuse', reason: string): Promise<Appeal> {
  const text = reason.trim();
  if (!text) throw new AppError('APPEAL_DECISION_REASON_REQUIRED');
  const now = deps.now();
  const dir = await deps.directory.ready();
  const caseId = await deps.database.db.transaction().execute(async (tx) => {
    const appeal = await tx.selectFrom('assessment_appeals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!appeal) throw new AppError('APPEAL_NOT_FOUND');
    if (appeal.state !== 'pending') throw new AppError('APPEAL_ALREADY_DECIDED');
    await tx.updateTable('assessment_appeals')
      .set({ state: decision === 'approve' ? 'approved' : 'refused', decided_by: user.id, decided_at: now, decision_reason: text })
      .where('id', '=', id).execute();
    if (decision === 'approve') {
      const locked = await lockCase(tx, Number(appeal.case_id), (c) => dir.categoryKind(c));
      if (!locked) throw new AppError('CASE_NOT_FOUND');
      // The exclusion is an event on the case's hash chain, so facts, snapshots and `verify` all derive it.
      await writeCaseChange(tx, locked.row, {}, [{
        type: 'case.assessment_excluded',
        payload: {
          appealId: id, departmentId: appeal.department_id, reason: appeal.reason, reasonLabel: appealReasonLabels[appeal.reason],
          decidedBy: user.id, decidedByName: user.displayName, decisionReason: text,
        },
      }], actorOf(user), now);
    }
    return Number(appeal.case_id);
  });
  if (decision === 'approve') await publishCaseChange(deps, caseId);
  return getAppeal(deps, user, id);
}

function presentAppeal(r: AssessmentAppealRow & { case_code: string; case_title: string }, names: Names, user: StaffUser): Appeal {
  return {
    id: r.id, caseId: Number(r.case_id), caseCode: r.case_code, caseTitle: r.case_title, departmentId: r.department_id,
    departmentName: names.department(r.department_id) ?? '', reason: r.reason, reasonLabel: appealReasonLabels[r.reason], evidence: r.evidence,
    fileName: r.file_name, fileType: r.file_type, state: r.state, filedByName: names.user(r.filed_by), filedAt: new Date(r.filed_at).toISOString(),
    decidedByName: names.user(r.decided_by), decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null, decisionReason: r.decision_reason,
    canDecide: r.state === 'pending' && hasRole(user, 'supervisor'),
  };
}

const appealsWithCase = (deps: AppDeps) => deps.database.db.selectFrom('assessment_appeals as a').innerJoin('cases as c', 'c.id', 'a.case_id')
  .select(['a.id', 'a.case_id', 'a.department_id', 'a.reason', 'a.evidence', 'a.file_name', 'a.file_type', 'a.state', 'a.filed_by', 'a.filed_at',
    'a.decided_by', 'a.decided_at', 'a.decision_reason', 'c.code as case_code', 'c.title as case_title']);

export async function getAppeal(deps: AppDeps, user: StaffUser, id: number): Promise<Appeal> {
  const row = await appealsWithCase(deps).where('a.id', '=', id).executeTakeFirst();
  if (!row || (isDepartmentStaff(user) && row.department_id !== user.departmentId)) throw new AppError('APPEAL_NOT_FOUND');
  return presentAppeal({ ...row, file_data: null }, (await deps.directory.ready()).names(), user);
}

export async function listAppeals(deps: AppDeps, user: StaffUser, state?: 'pending' | 'approved' | 'refused'): Promise<Appeal[]> {
  let q = appealsWithCase(deps);
  if (isDepartmentStaff(user)) q = q.where('a.department_id', '=', user.departmentId);
  if (state) q = q.where('a.state', '=', state);
  const rows = await q.orderBy('a.filed_at', 'desc').orderBy('a.id', 'desc').limit(500).execute();
  const names = (await deps.directory.ready()).names();
  return rows.map((r) => presentAppeal({ ...r, file_data: null }, names, user));
}

export async function appealFile(deps: AppDeps, user: StaffUser, id: number) {
  const row = await deps.database.db.selectFrom('assessment_appeals').select(['department_id', 'file_name', 'file_type', 'file_data']).where('id', '=', id).executeTakeFirst();
  if (!row || !row.file_data) throw new AppError('APPEAL_NOT_FOUND');
  checkDepartmentScope(user, row.department_id);
  return { name: row.file_name ?? 'evidence', type: row.file_type ?? 'application/octet-stream', data: row.file_data };
}
