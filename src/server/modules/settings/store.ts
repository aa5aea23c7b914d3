import type { Kysely, Transaction } from 'kysely';
import type { CitySettings, PublicSettings } from '../../../contracts/settings.js';
import { unsetCity, type CityTexts } from '../../../domain/settings/city.js';
import type { DB } from '../../db/schema.js';
import type { CitySettingsRow } from '../../db/schema-settings.js';

export interface CitySettingsValues extends CityTexts {
  divisionCode: string;
}

export interface Logo {
  contentType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

/** Writes the one settings row (insert or replace). The logo is kept unless `logo` is given (null removes it). */
export async function writeCitySettings(tx: Transaction<DB> | Kysely<DB>, v: CitySettingsValues, logo?: Logo | null, at: Date = new Date()): Promise<void> {
  const row = {
    city_name: v.cityName, division_code: v.divisionCode, hotline_name: v.hotlineName, sms_signature: v.smsSignature,
    site_title: v.siteTitle, updated_at: at,
    ...(logo === undefined ? {} : { logo: logo?.bytes ?? null, logo_type: logo?.contentType ?? null }),
  };
  await tx.insertInto('city_settings').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
}

/** Inserts the settings row of a new platform; fails with a unique violation if another start got there first. */
export async function insertFirstSettings(tx: Transaction<DB>, v: CitySettingsValues, at: Date): Promise<void> {
  await tx.insertInto('city_settings').values({
    id: 1, city_name: v.cityName, division_code: v.divisionCode, hotline_name: v.hotlineName, sms_signature: v.smsSignature,
    site_title: v.siteTitle, updated_at: at,
  }).execute();
}

export async function readSettingsRow(db: Kysely<DB> | Transaction<DB>): Promise<Omit<CitySettingsRow, 'logo'> & { has_logo: boolean } | null> {
  const row = await db.selectFrom('city_settings')
    .select(['id', 'city_name', 'division_code', 'hotline_name', 'sms_signature', 'site_title', 'logo_type', 'updated_at'])
    .select((eb) => eb('logo', 'is not', null).as('has_logo'))
    .where('id', '=', 1).executeTakeFirst();
  return row ? { ...row, has_logo: !!row.has_logo } : null;
}

export async function readLogo(db: Kysely<DB>): Promise<Logo | null> {
  const row = await db.selectFrom('city_settings').select(['logo', 'logo_type']).where('id', '=', 1).executeTakeFirst();
  if (!row?.logo || !row.logo_type) return null;
  return { contentType: row.logo_type, bytes: row.logo };
}

/** The settings as staff read them; a database without the row reads as not yet set up. */
export interface LoadedSettings {
  initialised: boolean;
  settings: CitySettings;
}

export async function loadSettings(db: Kysely<DB>): Promise<LoadedSettings> {
  const [row, users] = await Promise.all([
    readSettingsRow(db),
    db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
  ]);
  const settings: CitySettings = row
    ? { cityName: row.city_name, divisionCode: row.division_code, hotlineName: row.hotline_name, smsSignature: row.sms_signature,
      siteTitle: row.site_title, hasLogo: !!row.has_logo, updatedAt: row.updated_at.toISOString() }
    : { ...unsetCity, divisionCode: '', hasLogo: false, updatedAt: null };
  return { initialised: !!row || !!users, settings };
}

export function publicView(s: LoadedSettings): PublicSettings {
  return { initialised: s.initialised, cityName: s.settings.cityName, hotlineName: s.settings.hotlineName, siteTitle: s.settings.siteTitle, hasLogo: s.settings.hasLogo };
}
