import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { zFileReportBody, zMajorReport, zMajorReportQuery, zReportTypeBody } from '../../../contracts/suggestions.js';
import { beijingDate, parseLocalDate, midnightMillis } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { MajorReportFile } from '../../db/schema-suggestions.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { sendNotices } from '../notifications/index.js';

// 重大事项报告: report types (admin), a unit files a report of a matter within the type's working days, the office
// (督查室) acknowledges each. Timeliness is fixed when the report is filed: due = N working days after the matter's date.

type Report = z.infer<typeof zMajorReport>;

export async function listReportTypes(db: Kysely<DB>, activeOnly: boolean) {
  let q = db.selectFrom('major_report_types').selectAll().orderBy('id');
  if (activeOnly) q = q.where('is_active', '=', true);
  return (await q.execute()).map((t) => ({ id: t.id, name: t.name, deadlineDays: t.deadline_days, description: t.description, isActive: t.is_active }));
}

export async function saveReportType(deps: AppDeps, caller: { user: StaffUser; address: string | null }, id: number | null, body: z.infer<typeof zReportTypeBody>) {
  return inTransaction(deps.database.db, async (tx) => {
    const same = await tx.selectFrom('major_report_types').select('id').where('name', '=', body.name).executeTakeFirst();
    if (same && same.id !== id) throw new AppError('MAJOR_REPORT_TYPE_NAME_TAKEN');
    const values = { name: body.name, deadline_days: body.deadlineDays, description: body.description, is_active: body.isActive };
    let before: unknown = null;
    let savedId: number;
    if (id === null) {
      savedId = (await tx.insertInto('major_report_types').values({ ...values, created_at: deps.now() }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const old = await tx.selectFrom('major_report_types').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!old) throw new AppError('MAJOR_REPORT_TYPE_NOT_FOUND');
      before = { name: old.name, deadlineDays: old.deadline_days, description: old.description, isActive: old.is_active };
      await tx.updateTable('major_report_types').set(values).where('id', '=', id).execute();
      savedId = id;
    }
    await recordAdminChange(tx, staffActor(caller.user, caller.address), {
      action: id === null ? 'major_report_type.create' : 'major_report_type.update', targetType: 'major_report_type', targetId: savedId, targetName: body.name,
      before, after: body,
    }, deps.now());
    return { id: savedId, ...body };
  });
}

/** The instant a report of a matter on `matterDate` is due: the end of the Nth working day after it. */
export function reportDueAt(deps: AppDeps, matterDate: string, days: number): Date {
  return deps.calendar.workingTime.addWorkingDays(new Date(midnightMillis(parseLocalDate(matterDate))), days);
}

export async function fileReport(deps: AppDeps, user: StaffUser, body: z.infer<typeof zFileReportBody>): Promise<number> {
  const now = deps.now();
  if (body.matterDate > beijingDate(now)) throw new AppError('MAJOR_REPORT_DATE_INVALID');
  const type = await deps.database.db.selectFrom('major_report_types').selectAll().where('id', '=', body.typeId).where('is_active', '=', true).executeTakeFirst();
  if (!type) throw new AppError('MAJOR_REPORT_TYPE_NOT_FOUND');
  const dueAt = reportDueAt(deps, body.matterDate, type.deadline_days);
  // Files go to the store first; an unreferenced blob left by a failed insert is removed by the orphan sweep.
  const files: MajorReportFile[] = [];
  for (const f of body.files) {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length > 5 * 1024 * 1024) throw new AppError('VALIDATION_FAILED');
    const stored = await deps.files.put(bytes, { contentType: 'application/octet-stream' });
    files.push({ name: f.name, size: bytes.length, key: stored.key });
  }
  const row = await deps.database.db.insertInto('major_reports').values({
    type_id: type.id, department_id: user.departmentId, title: body.title, body: body.body, matter_date: body.matterDate, due_at: dueAt, filed_at: now,
    is_late: now.getTime() > dueAt.getTime(), filed_by: user.id, files: JSON.stringify(files), acknowledged_at: null, acknowledged_by: null, ack_note: null,
  }).returning('id').executeTakeFirstOrThrow();
  await sendNotices(deps, [{ role: 'supervisor', type: 'major_report.filed', title: `重大事项报告：${body.title}`, body: `${user.departmentName} · ${type.name}`, link: `/major-reports/${row.id}` }]);
  return row.id;
}

export async function acknowledgeReport(deps: AppDeps, user: StaffUser, id: number, note: string): Promise<void> {
  const r = await deps.database.db.updateTable('major_reports').set({ acknowledged_at: deps.now(), acknowledged_by: user.id, ack_note: note || null })
    .where('id', '=', id).where('acknowledged_at', 'is', null).returning(['department_id', 'title']).executeTakeFirst();
  if (!r) {
    const exists = await deps.database.db.selectFrom('major_reports').select('id').where('id', '=', id).executeTakeFirst();
    throw new AppError(exists ? 'MAJOR_REPORT_ALREADY_ACKNOWLEDGED' : 'MAJOR_REPORT_NOT_FOUND');
  }
  await sendNotices(deps, [{ departmentIds: [r.department_id], type: 'major_report.acknowledged', title: `重大事项报告已签收：${r.title}`, body: note, link: `/major-reports/${id}` }]);
}

const canReadAll = (user: StaffUser) => user.permissions.includes('major-report:read-all');

function reportsQuery(db: Kysely<DB>) {
  return db.selectFrom('major_reports as r').innerJoin('major_report_types as t', 't.id', 'r.type_id').innerJoin('departments as d', 'd.id', 'r.department_id')
    .innerJoin('users as u', 'u.id', 'r.filed_by').leftJoin('users as a', 'a.id', 'r.acknowledged_by')
    .selectAll('r').select(['t.name as type_name', 'd.name as department_name', 'u.display_name as filed_by_name', 'a.display_name as ack_name']);
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>;
const present = (r: ReportRow): Report => ({
  id: r.id, typeId: r.type_id, typeName: r.type_name, departmentId: r.department_id, departmentName: r.department_name, title: r.title, body: r.body,
  matterDate: r.matter_date, dueAt: r.due_at.toISOString(), filedAt: r.filed_at.toISOString(), isLate: r.is_late, filedBy: r.filed_by_name,
  files: r.files.map((f) => ({ name: f.name, size: f.size })), acknowledgedAt: r.acknowledged_at?.toISOString() ?? null, acknowledgedBy: r.ack_name, ackNote: r.ack_note,
});

export async function findReports(db: Kysely<DB>, user: StaffUser, f: z.infer<typeof zMajorReportQuery>): Promise<Report[]> {
  let q = reportsQuery(db);
  if (!canReadAll(user)) q = q.where('r.department_id', '=', user.departmentId);
  else if (f.departmentId) q = q.where('r.department_id', '=', f.departmentId);
  if (f.month) q = q.where(sql<boolean>`to_char(r.filed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = ${f.month}`);
  if (f.state === 'unacknowledged') q = q.where('r.acknowledged_at', 'is', null);
  if (f.state === 'late') q = q.where('r.is_late', '=', true);
  return (await q.orderBy('r.filed_at', 'desc').orderBy('r.id', 'desc').limit(500).execute()).map(present);
}

export async function getReport(db: Kysely<DB>, user: StaffUser, id: number): Promise<Report & { fileKeys: string[] }> {
  const r = await reportsQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!r || (!canReadAll(user) && r.department_id !== user.departmentId)) throw new AppError('MAJOR_REPORT_NOT_FOUND');
  return { ...present(r), fileKeys: r.files.map((f) => f.key) };
}

/** Reports per unit and month of filing: filed, on time, late, acknowledged (the office's timeliness count). */
export async function reportStats(db: Kysely<DB>, user: StaffUser, year: number) {
  let q = db.selectFrom('major_reports as r').innerJoin('departments as d', 'd.id', 'r.department_id')
    .select([
      'r.department_id', 'd.name', sql<string>`to_char(r.filed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('filed'), sql<number>`count(*) FILTER (WHERE r.is_late)::int`.as('late'),
      sql<number>`count(r.acknowledged_at)::int`.as('acknowledged'),
    ])
    .where(sql<boolean>`extract(year from r.filed_at AT TIME ZONE 'Asia/Shanghai') = ${year}`)
    .groupBy(['r.department_id', 'd.name', 'month']).orderBy('month').orderBy('r.department_id');
  if (!canReadAll(user)) q = q.where('r.department_id', '=', user.departmentId);
  return (await q.execute()).map((r) => ({ departmentId: r.department_id, departmentName: r.name, month: r.month, filed: r.filed, late: r.late, onTime: r.filed - r.late, acknowledged: r.acknowledged }));
}
