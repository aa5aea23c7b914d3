import { sql, type Kysely } from 'kysely';
import type { Role } from '../../../../domain/case/status.js';
import type { Account, AccountPage, CreateAccount, OneTimePassword, UpdateAccount } from '../../../../contracts/people.js';
import type { DB } from '../../../db/schema.js';
import type { AppDeps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import type { StaffUser, Tx } from '../../../kernel/index.js';
import { recordAdminChange, staffActor } from '../../admin-audit/index.js';
import { generateOneTimePassword, hashOneTimePassword, hashPassword } from '../passwords.js';
import type { SessionStore } from '../sessions.js';
import { assertStrong, getPolicy, setPasswordHash } from './policy.js';

// Accounts administration (账号管理, users:manage). Accounts are never deleted (history names them): they are
// deactivated. Every change is recorded in the admin audit trail in its own transaction.

const blank = (v: string | null | undefined) => (v == null || v === '' ? null : v);

function accountQuery(db: Kysely<DB> | Tx, now: Date) {
  return db.selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.roles', 'u.department_id', 'd.name as department_name', 'u.email', 'u.phone',
      'u.is_active', 'u.must_change_password', 'u.created_at',
      (eb) => eb.selectFrom('sessions as s').select(eb.fn.countAll<string>().as('n')).whereRef('s.user_id', '=', 'u.id').where('s.expires_at', '>', now).as('active_sessions')]);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>;

function present(r: AccountRow): Account {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, roles: r.roles, departmentId: r.department_id,
    departmentName: r.department_name, email: r.email, mobile: r.phone, isActive: r.is_active, mustChangePassword: r.must_change_password,
    createdAt: new Date(r.created_at as unknown as string).toISOString(), activeSessions: Number(r.active_sessions ?? 0),
  };
}

/** Plain state for the audit trail: no hashes. */
const auditState = (a: Account) => ({ username: a.username, displayName: a.displayName, departmentId: a.departmentId, departmentName: a.departmentName, roles: a.roles, email: a.email, mobile: a.mobile, isActive: a.isActive });

export async function findAccounts(db: Kysely<DB>, now: Date, q: { q?: string; role?: Role; departmentId?: number; status: 'active' | 'inactive' | 'all'; offset: number; limit: number }): Promise<AccountPage> {
  let base = db.selectFrom('users as u').innerJoin('departments as d', 'd.id', 'u.department_id');
  if (q.status !== 'all') base = base.where('u.is_active', '=', q.status === 'active');
  if (q.role) base = base.where(sql<boolean>`${q.role} = ANY(u.roles)`);
  if (q.departmentId) base = base.where('u.department_id', '=', q.departmentId);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`;
    base = base.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like), eb('d.name', 'ilike', like)]));
  }
  const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const ids = await base.select('u.id').orderBy('u.is_active', 'desc').orderBy('u.id').offset(q.offset).limit(q.limit).execute();
  const rows = ids.length ? await accountQuery(db, now).where('u.id', 'in', ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((r) => present(byId.get(r.id)!)), total: Number(total.n) };
}

export async function getAccount(db: Kysely<DB> | Tx, id: number, now: Date): Promise<Account> {
  const row = await accountQuery(db, now).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('USER_NOT_FOUND');
  return present(row);
}

async function assertUnit(tx: Tx, departmentId: number): Promise<void> {
  const unit = await tx.selectFrom('departments').select('id').where('id', '=', departmentId).where('is_active', '=', true).executeTakeFirst();
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
}

/** Roles without repeats, the order kept (the first is the primary role). */
const uniqueRoles = (roles: Role[]) => [...new Set(roles)];

/**
 * LAST_ADMIN when the change would leave no active administrator. The active administrators' rows are locked, so
 * two administrators removing each other at the same time cannot both succeed.
 */
async function assertAdminRemains(tx: Tx, userId: number): Promise<void> {
  const admins = await tx.selectFrom('users').select('id').where(sql<boolean>`'admin' = ANY(roles)`).where('is_active', '=', true).orderBy('id').forUpdate().execute();
  if (admins.every((a) => a.id === userId)) throw new AppError('LAST_ADMIN');
}

export async function createAccount(deps: AppDeps, actor: StaffUser, ip: string, body: CreateAccount): Promise<OneTimePassword> {
  const now = deps.now();
  const oneTimePassword = generateOneTimePassword();
  const hash = await hashOneTimePassword(oneTimePassword);
  const roles = uniqueRoles(body.roles);
  return deps.database.db.transaction().execute(async (tx) => {
    await assertUnit(tx, body.departmentId);
    const taken = await tx.selectFrom('users').select('id').where(sql<boolean>`lower(username) = lower(${body.username})`).executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN');
    const { id } = await tx.insertInto('users').values({
      username: body.username, display_name: body.displayName, role: roles[0], roles, department_id: body.departmentId, password_hash: hash,
      email: blank(body.email), phone: blank(body.mobile), must_change_password: true, password_changed_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const account = await getAccount(tx, id, now);
    await recordAdminChange(tx, staffActor(actor, ip), { action: 'user.create', targetType: 'user', targetId: id, targetName: `${account.displayName}（${account.username}）`, after: auditState(account) }, now);
    return { account, oneTimePassword };
  });
}

export async function updateAccount(deps: AppDeps, sessions: SessionStore, actor: StaffUser, ip: string, id: number, body: UpdateAccount): Promise<Account> {
  const now = deps.now();
  const account = await deps.database.db.transaction().execute(async (tx) => {
    const before = await getAccount(tx, id, now);
    const roles = body.roles ? uniqueRoles(body.roles) : before.roles;
    if (before.roles.includes('admin') && !roles.includes('admin') && before.isActive) await assertAdminRemains(tx, id);
    if (body.departmentId != null && body.departmentId !== before.departmentId) await assertUnit(tx, body.departmentId);
    await tx.updateTable('users').set({
      display_name: body.displayName ?? before.displayName,
      department_id: body.departmentId ?? before.departmentId,
      roles, role: roles[0],
      email: body.email === undefined ? before.email : blank(body.email),
      phone: body.mobile === undefined ? before.mobile : blank(body.mobile),
    }).where('id', '=', id).execute();
    const after = await getAccount(tx, id, now);
    const rolesChanged = before.roles.join() !== after.roles.join();
    const otherChanged = JSON.stringify({ ...auditState(before), roles: null }) !== JSON.stringify({ ...auditState(after), roles: null });
    const actorOf = staffActor(actor, ip);
    const targetName = `${after.displayName}（${after.username}）`;
    if (rolesChanged) await recordAdminChange(tx, actorOf, { action: 'user.roles', targetType: 'user', targetId: id, targetName, before: { roles: before.roles }, after: { roles: after.roles } }, now);
    if (otherChanged) await recordAdminChange(tx, actorOf, { action: 'user.update', targetType: 'user', targetId: id, targetName, before: auditState(before), after: auditState(after) }, now);
    return after;
  });
  sessions.forgetUser(id);
  return account;
}

export async function setActive(deps: AppDeps, sessions: SessionStore, actor: StaffUser, ip: string, id: number, active: boolean): Promise<Account> {
  const now = deps.now();
  const account = await deps.database.db.transaction().execute(async (tx) => {
    const before = await getAccount(tx, id, now);
    if (before.isActive === active) throw new AppError(active ? 'USER_ALREADY_ACTIVE' : 'USER_INACTIVE');
    if (!active) {
      if (before.roles.includes('admin')) await assertAdminRemains(tx, id);
      if (id === actor.id) throw new AppError('CANNOT_DEACTIVATE_SELF');
    }
    await tx.updateTable('users').set({ is_active: active }).where('id', '=', id).execute();
    // A person who left is signed out everywhere at once.
    if (!active) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = await getAccount(tx, id, now);
    await recordAdminChange(tx, staffActor(actor, ip), {
      action: active ? 'user.reactivate' : 'user.deactivate', targetType: 'user', targetId: id, targetName: `${after.displayName}（${after.username}）`,
      before: { isActive: before.isActive }, after: { isActive: after.isActive },
    }, now);
    return after;
  });
  sessions.forgetUser(id);
  return account;
}

/**
 * Reset: a generated one-time password (returned once, never stored in clear), or a password the administrator chose
 * (checked against the policy). Either must be changed at the next sign-in; the person's sessions end.
 */
export async function resetPassword(deps: AppDeps, sessions: SessionStore, actor: StaffUser, ip: string, id: number, chosen?: string): Promise<OneTimePassword> {
  const now = deps.now();
  const { db } = deps.database;
  const target = await getAccount(db, id, now);
  if (chosen) assertStrong(chosen, await getPolicy(db), target.username);
  const oneTimePassword = chosen ? null : generateOneTimePassword();
  const hash = chosen ? await hashPassword(chosen) : await hashOneTimePassword(oneTimePassword!);
  const account = await db.transaction().execute(async (tx) => {
    await tx.selectFrom('users').select('id').where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    await setPasswordHash(tx, id, hash, true, now);
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await recordAdminChange(tx, staffActor(actor, ip), {
      action: 'user.password_reset', targetType: 'user', targetId: id, targetName: `${target.displayName}（${target.username}）`,
      after: { mustChangePassword: true, chosenByAdmin: !!chosen },
    }, now);
    return getAccount(tx, id, now);
  });
  sessions.forgetUser(id);
  return { account, oneTimePassword };
}
