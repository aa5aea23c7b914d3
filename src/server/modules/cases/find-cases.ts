import { sql, type ExpressionBuilder } from 'kysely';
import { can } from '../../../domain/access/permissions.js';
import type { CasePage, FindCasesQuery } from '../../../contracts/cases.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { overdueCaseSql, overdueClockSql, type StaffUser } from '../../kernel/index.js';
import { presentSummary } from './presenter.js';

const dueSoonMs = 2 * 24 * 3_600_000;

export function encodeCursor(createdAt: Date, id: number): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: number } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at);
  const n = Number(id);
  if (Number.isNaN(createdAt.getTime()) || !Number.isInteger(n)) throw new AppError('VALIDATION_FAILED', { cursor: '无效的分页游标' });
  return { createdAt, id: n };
}

type Eb = ExpressionBuilder<DB, 'cases'>;

/** A page of cases, newest first, keyset-paged on (created_at, id) so deep pages cost the same as the first. */
export async function findCases(deps: AppDeps, user: StaffUser, q: FindCasesQuery): Promise<CasePage> {
  const { db } = deps.database;
  const now = deps.now();
  const all = can(user.roles, 'case:read-all');
  const mine = (eb: Eb, statuses?: string[]) => {
    let sub = eb.selectFrom('assignments as a').select('a.id').whereRef('a.case_id', '=', 'cases.id').where('a.department_id', '=', user.departmentId);
    if (statuses) sub = sub.where('a.status', 'in', statuses as ('pending' | 'signed')[]);
    return eb.exists(sub);
  };
  let query = db.selectFrom('cases').select([
    'id', 'code', 'title', 'status', 'channel', 'urgency', 'category_id', 'district_id', 'lead_department_id', 'supervision_level',
    'reply_deadline', 'suspended_at', 'rating', 'created_at', 'updated_at', 'warning_level', 'case_type',
    overdueClockSql(all ? null : user.departmentId).as('overdue_clock'),
  ]);
  if (!all) query = query.where((eb) => mine(eb));

  switch (q.view) {
    case 'all':
      break;
    case 'intake':
      query = query.where('status', '=', 'submitted');
      break;
    case 'to_sign':
      query = all ? query.where('status', '=', 'dispatched') : query.where((eb) => mine(eb, ['pending']));
      break;
    case 'handling':
      query = all ? query.where('status', '=', 'handling') : query.where('status', 'in', ['dispatched', 'handling']).where((eb) => mine(eb, ['signed']));
      break;
    case 'due_soon':
      query = query.where('status', 'in', ['dispatched', 'handling']).where('suspended_at', 'is', null)
        .where('reply_deadline', '>=', now).where('reply_deadline', '<', new Date(now.getTime() + dueSoonMs));
      if (!all) query = query.where((eb) => mine(eb, ['pending', 'signed']));
      break;
    case 'overdue':
      // The one definition (domain/sla/overdue.ts): city-wide a red case; for a department its own red clock.
      query = query.where(overdueCaseSql(all ? null : user.departmentId));
      break;
    case 'review':
      query = query.where('status', '=', 'replied');
      break;
    case 'returns':
      query = query.where('status', 'in', ['dispatched', 'handling']).where((eb) =>
        eb.exists(eb.selectFrom('assignments as r').select('r.id').whereRef('r.case_id', '=', 'cases.id')
          .where('r.return_requested_at', 'is not', null).where('r.status', 'in', ['pending', 'signed'])));
      break;
    case 'extensions':
      query = query.where('pending_extension_until', 'is not', null).where('status', 'in', ['dispatched', 'handling']);
      break;
    case 'awaiting_rating':
      query = query.where('status', '=', 'awaiting_rating');
      break;
    case 'closed':
      query = query.where('status', '=', 'closed');
      break;
  }
  if (q.status) query = query.where('status', '=', q.status);
  if (q.categoryId) query = query.where('category_id', '=', q.categoryId);
  if (q.caseType) query = query.where('case_type', '=', q.caseType);
  if (q.departmentId) query = query.where('lead_department_id', '=', q.departmentId);
  if (q.warningLevel) query = query.where('warning_level', '=', q.warningLevel);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('title', 'like', like), eb('code', '=', q.q!.toUpperCase())]));
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where(sql<boolean>`(created_at, id) < (${c.createdAt}, ${c.id})`);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  const names = (await deps.directory.ready()).names();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => presentSummary(r, names)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
