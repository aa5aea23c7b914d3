import { z } from 'zod';
import { zStr } from './common.js';

// The city's settings (城市设置), the first start (初始化) and the wire shapes the console and the public site read.

/** What staff read: every setting, the logo as a flag (it is served on its own address). */
export const zCitySettings = z.object({
  cityName: zStr(),
  divisionCode: zStr(),
  hotlineName: zStr(),
  smsSignature: zStr(),
  siteTitle: zStr(),
  hasLogo: z.boolean(),
  updatedAt: zStr().nullable(),
});
export type CitySettings = z.infer<typeof zCitySettings>;

/** What anyone may read (the public site, the login page): no personal data. `initialised` false opens the first-start page. */
export const zPublicSettings = z.object({
  initialised: z.boolean(),
  cityName: zStr(),
  hotlineName: zStr(),
  siteTitle: zStr(),
  hasLogo: z.boolean(),
});
export type PublicSettings = z.infer<typeof zPublicSettings>;

/** A logo sent as base64 (small image: PNG or JPEG). */
export const zLogo = z.object({ contentType: zStr(), base64: zStr().max(300_000) });

export const zSettingsUpdate = z.object({
  cityName: zStr(),
  divisionCode: zStr(),
  hotlineName: zStr(),
  smsSignature: zStr(),
  siteTitle: zStr(),
  /** Omitted: keep the logo; null: remove it. */
  logo: zLogo.nullable().optional(),
});
export type SettingsUpdate = z.infer<typeof zSettingsUpdate>;

/** The first-start page: the city and the first administrator, whose password is chosen there. */
export const zSetupRequest = z.object({
  cityName: zStr(),
  divisionCode: zStr(),
  hotlineName: zStr().optional(),
  adminUsername: zStr(),
  adminDisplayName: zStr().max(40).optional(),
  adminPassword: zStr().max(200),
});
export type SetupRequest = z.infer<typeof zSetupRequest>;

export const zSetupResponse = z.object({ cityName: zStr(), adminUsername: zStr() });
