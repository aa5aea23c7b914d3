import type { Kysely } from 'kysely';
import { placePrefixes, type CityTexts } from '../../../domain/settings/city.js';
import type { DB } from '../../db/schema.js';
import { loadSettings, type LoadedSettings } from './store.js';

// The settings are read by every SMS, export and page title and change perhaps once a year, so each process keeps
// them in memory (like the organisation directory) and reloads after a short time; the writing process drops its
// copy at once, other processes see a change within `ttlMs`.

const ttlMs = 30_000;

class SettingsCache {
  #loadedAt = 0;
  #loading: Promise<LoadedSettings> | null = null;
  #value: LoadedSettings | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  async get(): Promise<LoadedSettings> {
    if (this.#value && Date.now() - this.#loadedAt <= ttlMs) return this.#value;
    this.#loading ??= loadSettings(this.db).then((v) => {
      this.#value = v;
      this.#loadedAt = Date.now();
      return v;
    }).finally(() => (this.#loading = null));
    return this.#loading;
  }

  invalidate(): void {
    this.#loadedAt = 0;
    this.#value = null;
  }
}

const caches = new WeakMap<Kysely<DB>, SettingsCache>();

function cacheOf(db: Kysely<DB>): SettingsCache {
  let c = caches.get(db);
  if (!c) {
    c = new SettingsCache(db);
    caches.set(db, c);
  }
  return c;
}

/** The city's settings, from this process's cache. */
export function citySettings(db: Kysely<DB>): Promise<LoadedSettings> {
  return cacheOf(db).get();
}

/** The texts that name the city (SMS signature, titles, hotline). */
export async function cityTexts(db: Kysely<DB>): Promise<CityTexts> {
  const { settings: s } = await citySettings(db);
  return { cityName: s.cityName, hotlineName: s.hotlineName, smsSignature: s.smsSignature, siteTitle: s.siteTitle };
}

/** Place words local enterprise names start with (province and city), for the privacy masking. */
export async function cityPlacePrefixes(db: Kysely<DB>): Promise<string[]> {
  const { settings } = await citySettings(db);
  return settings.divisionCode ? placePrefixes(settings) : [];
}

/** After this process changed the settings (call after the transaction commits). */
export function invalidateCitySettings(db: Kysely<DB>): void {
  cacheOf(db).invalidate();
}
