// The city a platform serves (城市设置): checks of its name and administrative division code, and the words and
// texts derived from them. Pure: the settings area stores them, every text that names the city reads them.

export interface CityTexts {
  /** Full name as it is written, e.g. 示例市. */
  cityName: string;
  /** The hotline's name, e.g. 12345. */
  hotlineName: string;
  /** What citizens' text messages start with, inside 【】. */
  smsSignature: string;
  /** The public site's and the console's title. */
  siteTitle: string;
}

/** Used before the platform is set up (the first-start page) and when a database predates the settings. */
export const unsetCity: CityTexts = { cityName: '本市', hotlineName: '12345', smsSignature: '一网督办', siteTitle: '一网督办平台' };

const cityNamePattern = /^[\u4e00-\u9fff·]{2,20}$/;

export function isCityName(name: string): boolean {
  return cityNamePattern.test(name);
}

// Provinces' two-digit prefixes (GB/T 2260): a code outside them is a typo.
const provincePrefixes = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/** A six-digit administrative division code (行政区划代码) of a real province, e.g. 430400. */
export function isDivisionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && provincePrefixes.has(code.slice(0, 2)) && code.slice(2) !== '0000';
}

/** The name without its administrative suffix: 示例市 → 示例 (a name of two characters stays whole). */
export function cityShortName(name: string): string {
  const short = name.replace(/(市|地区|自治州|州|盟)$/, '');
  return short.length >= 2 ? short : name;
}

/** The SMS signature, site title and hotline a new city starts with. */
export function defaultCityTexts(cityName: string, hotlineName?: string): CityTexts {
  return {
    cityName,
    hotlineName: hotlineName?.trim() || '12345',
    smsSignature: `${cityName}优化营商环境`,
    siteTitle: `${cityName}优化营商环境问题并网督办平台`,
  };
}

/**
 * The city's own words for the text router: its names are place words every message may carry (so they say nothing
 * about the department and are stop words), and the hotline with the city in front (示例12345-style) is one word.
 */
export function cityWords(city: Pick<CityTexts, 'cityName' | 'hotlineName'>): string[] {
  const short = cityShortName(city.cityName);
  return [...new Set([city.cityName, short, `${short}${city.hotlineName}`, `${city.cityName}${city.hotlineName}`])];
}

// Province names by the first two digits of a division code, for the place words enterprise names start with.
const provinceNames: Record<string, string> = {
  11: '北京市', 12: '天津市', 13: '河北省', 14: '山西省', 15: '内蒙古自治区', 21: '辽宁省', 22: '吉林省', 23: '黑龙江省', 31: '上海市',
  32: '江苏省', 33: '浙江省', 34: '安徽省', 35: '福建省', 36: '江西省', 37: '山东省', 41: '河南省', 42: '湖北省', 43: '湖南省',
  44: '广东省', 45: '广西壮族自治区', 46: '海南省', 50: '重庆市', 51: '四川省', 52: '贵州省', 53: '云南省', 54: '西藏自治区',
  61: '陕西省', 62: '甘肃省', 63: '青海省', 64: '宁夏回族自治区', 65: '新疆维吾尔自治区', 71: '台湾省', 81: '香港特别行政区', 82: '澳门特别行政区',
};

/**
 * The place words a local enterprise's name may start with (湖南省 / 湖南 / 示例市 / 示例): the province from the
 * division code and the city, full and short. The privacy masking strips them to find the name's distinctive part.
 */
export function placePrefixes(city: { cityName: string; divisionCode: string }): string[] {
  const province = provinceNames[city.divisionCode.slice(0, 2)];
  const short = (name: string) => name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
  const out = [city.cityName, cityShortName(city.cityName)];
  if (province) out.push(province, short(province));
  return [...new Set(out.filter((w) => w.length >= 2))];
}
