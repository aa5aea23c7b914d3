import type { CitySettingsValues } from '../../modules/settings/index.js';

/** The demo city's settings: the demo is `init` for Hengyang plus Hengyang's organisation, accounts and cases. */
export const demoCity: CitySettingsValues = {
  cityName: '衡阳市',
  divisionCode: '430400',
  hotlineName: '12345',
  smsSignature: '衡阳市优化营商环境',
  siteTitle: '衡阳市优化营商环境问题并网督办平台',
};
