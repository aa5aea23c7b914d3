import type { SettingsUpdate } from '../../../contracts/settings.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { invalidateCitySettings } from './cache.js';
import { readSettingsRow, writeCitySettings } from './store.js';
import { checkLogo, checkSettings } from './validate.js';

/** The admin's change of the settings, recorded as `city.settings` with the fields before and after (the logo as a flag). */
export async function updateSettings(deps: AppDeps, user: StaffUser, address: string, input: SettingsUpdate): Promise<void> {
  const values = checkSettings(input);
  const logo = checkLogo(input.logo);
  const db = deps.database.db;
  await db.transaction().execute(async (tx) => {
    // Lock the row so two admins' changes record their real before states one after the other.
    const old = await tx.selectFrom('city_settings').select('id').where('id', '=', 1).forUpdate().executeTakeFirst();
    const row = old ? await readSettingsRow(tx) : null;
    const before = row ? {
      cityName: row.city_name, divisionCode: row.division_code, hotlineName: row.hotline_name, smsSignature: row.sms_signature,
      siteTitle: row.site_title, logo: row.has_logo ? `已设置（${row.logo_type}）` : '未设置',
    } : null;
    const hadLogo = !!row?.has_logo;
    const logoAfter = logo === undefined ? (hadLogo ? `已设置（${row?.logo_type}）` : '未设置') : logo === null ? '未设置' : `已更换（${logo.contentType}，${logo.bytes.length} 字节）`;
    await writeCitySettings(tx, values, logo, deps.now());
    await recordAdminChange(tx, staffActor(user, address), {
      action: 'city.settings', targetType: 'city', targetId: values.divisionCode, targetName: values.cityName,
      before, after: { ...values, logo: logoAfter },
    }, deps.now());
  });
  invalidateCitySettings(db);
}
