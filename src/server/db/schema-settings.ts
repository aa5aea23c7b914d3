import type { ColumnType, Selectable } from 'kysely';

// Kysely row type of the city's settings (migration 0024). Merged into DB in schema.ts.

export interface CitySettingsTable {
  id: number;
  city_name: string;
  division_code: string;
  hotline_name: string;
  sms_signature: string;
  site_title: string;
  logo: Uint8Array | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SettingsTables {
  city_settings: CitySettingsTable;
}

export type CitySettingsRow = Selectable<CitySettingsTable>;
