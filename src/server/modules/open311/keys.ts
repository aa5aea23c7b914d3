import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Open311Key } from '../../../contracts/open311.js';
import type { Open311ApiKeyRow } from '../../db/schema-open311.js';
import { AppError } from '../../errors.js';
import type { Db, Tx } from '../../kernel/index.js';
import { recordAdminChange, type AdminActor } from '../admin-audit/index.js';

// API keys of Open311 client systems. Only a SHA-256 of each key is stored (a key is 192 random bits, so a plain
// hash is enough; no password hashing needed), the key is shown once, and a revoked key is refused at once.

const keyPrefix = 'yw311_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(): string {
  return keyPrefix + randomBytes(24).toString('base64url');
}

function present(row: Open311ApiKeyRow & { created_by_name?: string | null }): Open311Key {
  return {
    id: row.id, name: row.name, prefix: row.key_prefix, createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name ?? null, lastUsedAt: row.last_used_at?.toISOString() ?? null,
    requestCount: row.request_count, revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** A new key (shown once); recorded in the admin audit trail by its name and prefix, never the key or its hash. */
export async function createApiKey(db: Db, actor: AdminActor, name: string, now: Date): Promise<{ key: Open311Key; secret: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('OPEN311_KEY_NAME_REQUIRED');
  const taken = await db.selectFrom('open311_api_keys').select('id').where('name', '=', trimmed).where('revoked_at', 'is', null).executeTakeFirst();
  if (taken) throw new AppError('OPEN311_KEY_NAME_TAKEN');
  const secret = newApiKey();
  try {
    const row = await db.transaction().execute(async (tx) => {
      const row = await tx.insertInto('open311_api_keys')
        .values({ name: trimmed, key_prefix: secret.slice(0, keyPrefix.length + 6), key_hash: hashApiKey(secret), created_at: now, created_by: actor.userId })
        .returningAll().executeTakeFirstOrThrow();
      await recordAdminChange(tx, actor, {
        action: 'open311.key', targetType: 'open311', targetId: row.id, targetName: `接口密钥：${row.name}`, before: null, after: { name: row.name, prefix: row.key_prefix, status: '有效' },
      }, now);
      return row;
    });
    return { key: present(row), secret };
  } catch (err) {
    // Two admins creating the same name at once: the partial unique index decides.
    if ((err as { code?: string }).code === '23505') throw new AppError('OPEN311_KEY_NAME_TAKEN');
    throw err;
  }
}

export async function listApiKeys(db: Tx): Promise<Open311Key[]> {
  const rows = await db.selectFrom('open311_api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .selectAll('k').select('u.display_name as created_by_name')
    .orderBy(sql`k.revoked_at IS NOT NULL`).orderBy('k.id', 'desc').execute();
  return rows.map(present);
}

/** Finds a key by id, or by its shown prefix (the CLI accepts either). */
export async function findApiKey(db: Tx, ref: number | string): Promise<Open311Key> {
  const row = await db.selectFrom('open311_api_keys as k').leftJoin('users as u', 'u.id', 'k.created_by')
    .selectAll('k').select('u.display_name as created_by_name')
    .$if(typeof ref === 'number', (q) => q.where('k.id', '=', ref as number))
    .$if(typeof ref === 'string', (q) => q.where('k.key_prefix', '=', ref as string))
    .orderBy(sql`k.revoked_at IS NOT NULL`).orderBy('k.id', 'desc').executeTakeFirst();
  if (!row) throw new AppError('OPEN311_KEY_NOT_FOUND');
  return present(row);
}

export async function revokeApiKey(db: Db, actor: AdminActor, id: number, now: Date): Promise<Open311Key> {
  const key = await findApiKey(db, id);
  if (key.revokedAt) throw new AppError('OPEN311_KEY_ALREADY_REVOKED');
  await db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('open311_api_keys').set({ revoked_at: now, revoked_by: actor.userId }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('OPEN311_KEY_ALREADY_REVOKED');
    await recordAdminChange(tx, actor, {
      action: 'open311.key', targetType: 'open311', targetId: id, targetName: `接口密钥：${key.name}`,
      before: { name: key.name, prefix: key.prefix, status: '有效' }, after: { name: key.name, prefix: key.prefix, status: '已停用' },
    }, now);
  });
  return findApiKey(db, id);
}

/** The active key with this secret, or OPEN311_API_KEY_INVALID (missing, unknown and revoked look the same). */
export async function authenticateApiKey(db: Tx, secret: unknown, now: Date, countRequest = false): Promise<{ id: number; name: string }> {
  if (typeof secret !== 'string' || !secret.startsWith(keyPrefix) || secret.length > 100) throw new AppError('OPEN311_API_KEY_INVALID');
  const row = await db.updateTable('open311_api_keys')
    .set((eb) => ({ last_used_at: now, ...(countRequest ? { request_count: eb('request_count', '+', 1) } : {}) }))
    .where('key_hash', '=', hashApiKey(secret)).where('revoked_at', 'is', null)
    .returning(['id', 'name']).executeTakeFirst();
  if (!row) throw new AppError('OPEN311_API_KEY_INVALID');
  return row;
}
