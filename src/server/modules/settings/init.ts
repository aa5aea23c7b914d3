import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { defaultCityTexts } from '../../../domain/settings/city.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { recordAdminChange, type AdminActor } from '../admin-audit/index.js';
import { insertFirstAdmin } from '../auth/index.js';
import { insertTopUnit } from '../org/index.js';
import { insertFirstSettings } from './store.js';
import { invalidateCitySettings } from './cache.js';
import { checkSettings } from './validate.js';

export interface InitInput {
  cityName: string;
  divisionCode: string;
  hotlineName?: string;
  adminUsername: string;
  adminDisplayName?: string;
  /** Chosen on the first-start page; the command line leaves it out and gets a one-time one. */
  adminPassword?: string;
}

export interface InitResult {
  cityName: string;
  topUnitId: number;
  adminUserId: number;
  adminUsername: string;
  /** The one-time password, only when it was generated here. */
  oneTimePassword: string | null;
}

/**
 * Sets up an empty platform in one transaction: the city's settings, its top unit (the city government's office)
 * and the first administrator, recorded as `city.init`. The settings row is inserted first and has a fixed key, so
 * of two concurrent starts one waits and then fails on it (SETUP_ALREADY_DONE); a database with any account is refused.
 */
export async function initCity(db: Kysely<DB>, input: InitInput, actor: AdminActor, now: Date = new Date()): Promise<InitResult> {
  const texts = defaultCityTexts(input.cityName.trim(), input.hotlineName);
  const values = checkSettings({ ...texts, divisionCode: input.divisionCode });
  const oneTimePassword = input.adminPassword === undefined ? generatePassword() : null;
  const password = input.adminPassword ?? oneTimePassword!;
  try {
    const result = await db.transaction().execute(async (tx) => {
      await insertFirstSettings(tx, values, now);
      const [user, unit] = await Promise.all([
        tx.selectFrom('users').select('id').limit(1).executeTakeFirst(),
        tx.selectFrom('departments').select('id').limit(1).executeTakeFirst(),
      ]);
      if (user || unit) throw new AppError('SETUP_ALREADY_DONE');
      const topName = `${values.cityName}人民政府办公室`;
      const topUnitId = await insertTopUnit(tx, { code: 'szfb', name: topName });
      const displayName = input.adminDisplayName?.trim() || '系统管理员';
      const adminUserId = await insertFirstAdmin(tx, { username: input.adminUsername, displayName, departmentId: topUnitId, password, mustChange: oneTimePassword !== null, at: now });
      await recordAdminChange(tx, actor, {
        action: 'city.init', targetType: 'city', targetId: values.divisionCode, targetName: values.cityName,
        before: null, after: { settings: values, topUnit: { id: topUnitId, name: topName }, admin: { id: adminUserId, username: input.adminUsername, displayName } },
      }, now);
      return { cityName: values.cityName, topUnitId, adminUserId, adminUsername: input.adminUsername, oneTimePassword };
    });
    return result;
  } catch (err) {
    // Another start inserted the settings row first (unique violation), or the database was already set up.
    if ((err as { code?: string }).code === '23505') throw new AppError('SETUP_ALREADY_DONE');
    throw err;
  } finally {
    invalidateCitySettings(db);
  }
}

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), with at least one letter and one digit. */
export function generatePassword(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const all = letters + digits;
  for (;;) {
    let p = '';
    for (let i = 0; i < 16; i++) p += all[randomInt(all.length)];
    if (/[A-Za-z]/.test(p) && /\d/.test(p)) return p;
  }
}
