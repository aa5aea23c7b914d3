import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { SuggestionDetail, SuggestionListItem, UnitSummary } from '../../../contracts/suggestions.js';
import { allowedSuggestionActions } from '../../../domain/suggestions/decide.js';
import { daysLeft } from '../../../domain/suggestions/deadline.js';
import type { DB } from '../../db/schema.js';
import type { SuggestionRow } from '../../db/schema-suggestions.js';
import { AppError } from '../../errors.js';
import { hasRole, type StaffUser } from '../../kernel/index.js';
import { suggestionLabel } from './labels.js';
import { lockSuggestion as loadSnapshot } from './repository.js';

// Reads of suggestions, each within the reader's scope: the office and leaders see all, a unit the suggestions it
// was assigned, a deputy the suggestions they proposed.

type Scope = { all: true } | { all: false; departmentId: number | null; userId: number | null };

export function scopeOf(user: StaffUser): Scope {
  if (user.permissions.includes('suggestion:read-all')) return { all: true };
  return {
    all: false,
    departmentId: user.permissions.includes('suggestion:handle') ? user.departmentId : null,
    userId: hasRole(user, 'deputy') ? user.id : null,
  };
}

function inScope(scope: Scope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  return sql<SqlBool>`(EXISTS (SELECT 1 FROM suggestion_units u WHERE u.suggestion_id = s.id AND u.department_id = ${scope.departmentId ?? -1})
    OR EXISTS (SELECT 1 FROM suggestion_proposers p WHERE p.suggestion_id = s.id AND p.user_id = ${scope.userId ?? -1}))`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface ListFilter {
  year?: number;
  status?: SuggestionRow['status'];
  kind?: SuggestionRow['kind'];
  q?: string;
  page: number;
  pageSize: number;
}

export async function findSuggestions(db: Kysely<DB>, user: StaffUser, f: ListFilter, now: Date): Promise<{ items: SuggestionListItem[]; total: number }> {
  let q = db.selectFrom('suggestions as s').where(inScope(scopeOf(user)));
  if (f.year) q = q.where(sql<SqlBool>`extract(year from s.created_at AT TIME ZONE 'Asia/Shanghai') = ${f.year}`);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.q) q = q.where((eb) => eb.or([eb('s.title', 'like', `%${f.q}%`), eb(sql`s.number::text`, '=', f.q!)]));
  const [{ n }] = await q.select(sql<number>`count(*)::int`.as('n')).execute();
  const rows = await q.selectAll('s').orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: await present(db, rows, now), total: n };
}

async function present(db: Kysely<DB>, rows: SuggestionRow[], now: Date): Promise<SuggestionListItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [proposers, units] = await Promise.all([
    db.selectFrom('suggestion_proposers').select(['suggestion_id', 'name']).where('suggestion_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('suggestion_units as u').innerJoin('departments as d', 'd.id', 'u.department_id')
      .select(['u.suggestion_id', 'u.department_id', 'd.name', 'u.role', 'u.signed_at']).where('u.suggestion_id', 'in', ids).orderBy('u.id').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, term: r.term, sessionNo: r.session_no, number: r.number, label: suggestionLabel(r), title: r.title, category: r.category,
    status: r.status, round: r.round,
    proposers: proposers.filter((p) => p.suggestion_id === r.id).map((p) => p.name),
    units: units.filter((u) => u.suggestion_id === r.id).map((u) => ({ departmentId: u.department_id, departmentName: u.name, role: u.role, signedAt: iso(u.signed_at) })),
    replyDeadline: iso(r.reply_deadline),
    daysLeft: r.reply_deadline && !['awaiting_rating', 'closed', 'countersigning'].includes(r.status) ? daysLeft(now, r.reply_deadline) : null,
    isLate: r.is_late, class: r.class, rating: r.rating, createdAt: r.created_at.toISOString(),
  }));
}

/** One suggestion with its letters, meetings, events and the buttons this person may use. */
export async function getSuggestion(db: Kysely<DB>, user: StaffUser, id: number, now: Date): Promise<SuggestionDetail> {
  const row = await db.selectFrom('suggestions as s').selectAll('s').where('s.id', '=', id).where(inScope(scopeOf(user))).executeTakeFirst();
  if (!row) throw new AppError('SUGGESTION_NOT_FOUND');
  const [item] = await present(db, [row], now);
  const [letters, countersigns, meetings, events, { snapshot }] = await Promise.all([
    db.selectFrom('suggestion_letters as l').innerJoin('departments as d', 'd.id', 'l.department_id').selectAll('l').select('d.name as department_name')
      .where('l.suggestion_id', '=', id).orderBy('l.round').orderBy('l.id').execute(),
    db.selectFrom('suggestion_countersigns as c').innerJoin('suggestion_letters as l', 'l.id', 'c.letter_id').innerJoin('departments as d', 'd.id', 'c.department_id')
      .select(['c.letter_id', 'd.name', 'c.opinion', 'c.signed_at']).where('l.suggestion_id', '=', id).orderBy('c.signed_at').execute(),
    db.selectFrom('suggestion_meetings as m').innerJoin('departments as d', 'd.id', 'm.department_id').selectAll('m').select('d.name as department_name')
      .where('m.suggestion_id', '=', id).orderBy('m.id').execute(),
    db.selectFrom('suggestion_events as e').leftJoin('users as u', 'u.id', 'e.actor_user_id').leftJoin('departments as d', 'd.id', 'e.actor_department_id')
      .select(['e.seq', 'e.type', 'e.at', 'e.payload', 'u.display_name', 'd.name']).where('e.suggestion_id', '=', id).orderBy('e.seq').execute(),
    loadSnapshot(db, id, false),
  ]);
  const actor = { userId: user.id, departmentId: user.departmentId, isSupervisor: user.permissions.includes('suggestion:manage') };
  let actions = allowedSuggestionActions(snapshot, actor, now);
  if (!user.permissions.includes('suggestion:rate')) actions = actions.filter((a) => a !== 'rate');
  if (!user.permissions.includes('suggestion:handle')) actions = actions.filter((a) => !['sign', 'request-extension', 'meet', 'reply', 'countersign'].includes(a));
  return {
    ...item, body: row.body, isPublic: row.is_public, assignMode: row.assign_mode, assignedAt: iso(row.assigned_at), extensionState: row.extension_state,
    extensionReason: row.extension_reason, ratingComment: row.rating_comment, ratedAt: iso(row.rated_at), closedAt: iso(row.closed_at), sentAt: iso(row.sent_at),
    promiseItemId: row.promise_item_id,
    letters: letters.map((l) => ({
      id: l.id, departmentId: l.department_id, departmentName: l.department_name, round: l.round, docNumber: l.doc_number, class: l.class, body: l.body,
      promise: l.promise, promiseDue: l.promise_due, isLate: l.is_late, repliedAt: l.replied_at.toISOString(), sentAt: iso(l.sent_at),
      countersigns: countersigns.filter((c) => c.letter_id === l.id).map((c) => ({ departmentName: c.name, opinion: c.opinion, signedAt: c.signed_at.toISOString() })),
    })),
    meetings: meetings.map((m) => ({ id: m.id, departmentName: m.department_name, round: m.round, metOn: m.met_on, form: m.form, people: m.people, summary: m.summary })),
    events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at.toISOString(), actorName: e.display_name, departmentName: e.name, payload: e.payload })),
    allowedActions: actions,
  };
}

/**
 * The yearly summary per unit (年度办理情况): suggestions assigned in the year, by state, class (of the unit's letters),
 * rating, and letters on time / late. Units see their own row only.
 */
export async function yearSummary(db: Kysely<DB>, user: StaffUser, year: number): Promise<UnitSummary[]> {
  const scope = scopeOf(user);
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  let q = db.selectFrom('suggestion_units as u').innerJoin('suggestions as s', 's.id', 'u.suggestion_id').innerJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('suggestion_letters as l', (j) => j.onRef('l.suggestion_id', '=', 'u.suggestion_id').onRef('l.department_id', '=', 'u.department_id').on('l.round', '=', 1))
    .select(['u.department_id', 'd.name', 's.status', 's.rating', 'l.class', 'l.is_late'])
    .where('s.assigned_at', '>=', from).where('s.assigned_at', '<', to);
  if (!scope.all) q = q.where('u.department_id', '=', scope.departmentId ?? -1);
  const rows = await q.execute();
  const byUnit = new Map<number, UnitSummary>();
  for (const r of rows) {
    let s = byUnit.get(r.department_id);
    if (!s) byUnit.set(r.department_id, (s = { departmentId: r.department_id, departmentName: r.name, total: 0, byStatus: {}, byClass: {}, byRating: {}, replied: 0, onTime: 0, late: 0 }));
    s.total += 1;
    s.byStatus[r.status] = (s.byStatus[r.status] ?? 0) + 1;
    if (r.rating) s.byRating[r.rating] = (s.byRating[r.rating] ?? 0) + 1;
    if (r.class) {
      s.byClass[r.class] = (s.byClass[r.class] ?? 0) + 1;
      s.replied += 1;
      if (r.is_late) s.late += 1;
      else s.onTime += 1;
    }
  }
  return [...byUnit.values()].sort((a, b) => b.total - a.total || a.departmentId - b.departmentId);
}
