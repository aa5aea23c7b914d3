import type { SettingsUpdate } from '../../../contracts/settings.js';
import { isCityName, isDivisionCode } from '../../../domain/settings/city.js';
import { AppError } from '../../errors.js';
import type { CitySettingsValues, Logo } from './store.js';

const maxLogoBytes = 200 * 1024;

/** Checks and trims what an admin (or `yiwang init`) sends; refuses with a stable code. */
export function checkSettings(input: { cityName: string; divisionCode: string; hotlineName: string; smsSignature: string; siteTitle: string }): CitySettingsValues {
  const v = {
    cityName: input.cityName.trim(), divisionCode: input.divisionCode.trim(), hotlineName: input.hotlineName.trim(),
    smsSignature: input.smsSignature.trim(), siteTitle: input.siteTitle.trim(),
  };
  if (!isCityName(v.cityName)) throw new AppError('CITY_NAME_INVALID');
  if (!isDivisionCode(v.divisionCode)) throw new AppError('CITY_CODE_INVALID');
  const tooLong = (s: string, n: number) => s.length === 0 || s.length > n;
  // The signature goes inside 【】 of every text message: brackets in it would break the format.
  if (tooLong(v.hotlineName, 20) || tooLong(v.smsSignature, 20) || /[【】]/.test(v.smsSignature) || tooLong(v.siteTitle, 60)) {
    throw new AppError('SETTINGS_TEXT_INVALID');
  }
  return v;
}

/** A PNG or JPEG of at most 200 KB, the declared type matching the file's own first bytes. */
export function checkLogo(logo: SettingsUpdate['logo']): Logo | null | undefined {
  if (logo === undefined || logo === null) return logo;
  const bytes = Buffer.from(logo.base64, 'base64');
  if (bytes.length === 0 || bytes.length > maxLogoBytes) throw new AppError('LOGO_INVALID');
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (logo.contentType === 'image/png' && isPng) return { contentType: 'image/png', bytes };
  if (logo.contentType === 'image/jpeg' && isJpeg) return { contentType: 'image/jpeg', bytes };
  throw new AppError('LOGO_INVALID');
}

export function checkAdminUsername(username: string): string {
  const u = username.trim();
  if (!/^[A-Za-z0-9._-]{3,32}$/.test(u)) throw new AppError('SETUP_USERNAME_INVALID');
  return u;
}

/** The first administrator's password, chosen on the first-start page (the password policy comes later, from the admin). */
export function checkFirstPassword(password: string): string {
  if (password.length < 12 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) throw new AppError('SETUP_PASSWORD_WEAK');
  return password;
}
