import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Open311Key } from '../../../contracts/open311.js';
import type { Open311ApiKeyRow } from '../../db/schema-open311.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../kernel/index.js';

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

export async function createApiKey(db: Tx, name: string, createdBy: number | null, now: Date): Promise<{ key: Open311Key; secret: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError('OPEN311_KEY_NAME_REQUIRED');
  const taken = await db.selectFrom('open311_api_keys').select('id').where('name', '=', trimmed).where('revoked_at', 'is', null).executeTakeFirst();
  if (taken) throw new AppError('OPEN311_KEY_NAME_TAKEN');
  const secret = newApiKey();
  try {
    const row = await db.insertInto('open311_api_keys')
      .values({ name: trimmed, key_prefix: secret.slice(0, keyPrefix.length + 6), key_hash: hashApiKey(secret), created_at: now, created_by: createdBy })
      .returningAll().executeTakeFirstOrThrow();
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

export async function revokeApiKey(db: Tx, id: number, revokedBy: number | null, now: Date): Promise<Open311Key> {
  const key = await findApiKey(db, id);
  if (key.revokedAt) throw new AppError('OPEN311_KEY_ALREADY_REVOKED');
  await db.updateTable('open311_api_keys').set({ revoked_at: now, revoked_by: revokedBy }).where('id', '=', id).where('revoked_at', 'is', null).execute();
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
