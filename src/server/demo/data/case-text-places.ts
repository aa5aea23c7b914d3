// Roads and addresses of Hengyang for generated cases.

import { villageName } from './case-text-pools';
import { chance, pick, randomInt, type Rng } from './rng';

// Main roads of the urban districts and the high-tech zone.
const ROADS_BY_AREA: Record<string, string[]> = {
  珠晖区: ['东风北路', '东风南路', '广东路', '狮山路', '衡花路', '湘江北路'],
  雁峰区: ['先锋路', '中山南路', '解放路', '蒸湘南路', '黄白路', '衡州大道'],
  石鼓区: ['中山北路', '蒸阳北路', '五一路', '人民路', '衡州大道', '解放路'],
  蒸湘区: ['船山大道', '蒸湘北路', '解放西路', '红湘北路', '红湘南路', '立新大道', '常胜西路'],
  南岳区: ['祝融路', '衡山路', '金沙路'],
  衡阳高新技术产业开发区: ['解放大道', '华新大道', '长丰大道', '延安路', '芙蓉路', '船山大道'],
  耒阳市: ['蔡伦大道', '五一路', '神农路', '人民路'],
};
const CITY_ROADS = ['解放大道', '船山大道', '蒸湘北路', '衡州大道', '华新大道', '长丰大道', '立新大道', '先锋路'];
const COUNTY_ROADS = ['人民路', '建设路', '新华路', '解放路', '工业大道', '迎宾大道', '兴业路', '滨江路', '城北路'];
const PARK_ROADS = ['工业大道', '园区一路', '园区二路', '创业路', '兴业路', '科技路'];

/** Short names used in addresses; the district name itself otherwise. */
const SHORT_AREA_NAMES: Record<string, string> = {
  衡阳高新技术产业开发区: '衡阳高新区',
  衡阳西渡高新技术产业开发区: '衡阳西渡高新区',
};

const URBAN = new Set(['珠晖区', '雁峰区', '石鼓区', '蒸湘区', '南岳区']);

function isCounty(name: string): boolean {
  return /[县市]$/.test(name) && !name.startsWith('衡阳市');
}

function isPark(name: string): boolean {
  return /(开发区|园区|保税区|高新区)$/.test(name);
}

export function roadIn(rng: Rng, districtName: string): string {
  const own = ROADS_BY_AREA[districtName];
  if (own) return pick(rng, own);
  if (isPark(districtName)) return pick(rng, chance(rng, 0.3) ? CITY_ROADS : PARK_ROADS);
  if (isCounty(districtName)) return pick(rng, COUNTY_ROADS);
  return pick(rng, CITY_ROADS);
}

/** 蒸湘区红湘街道 — what complaints write as the place. */
export function placeName(districtName: string, townName?: string): string {
  return (SHORT_AREA_NAMES[districtName] ?? districtName) + (townName ?? '');
}

export function address(rng: Rng, districtName: string, townName: string | undefined, road: string): string {
  const area = placeName(districtName, chance(rng, 0.7) ? townName : undefined);
  const isRuralTown = townName !== undefined && /[镇乡]$/.test(townName) && !URBAN.has(districtName);
  if (isRuralTown && chance(rng, 0.45)) {
    return `衡阳市${districtName}${townName}${villageName(rng)}${randomInt(rng, 1, 12)}组`;
  }
  const number = `${randomInt(rng, 1, 388)}号`;
  const suffix = pick(rng, ['', '', '', `${randomInt(rng, 1, 12)}栋`, `${randomInt(rng, 1, 6)}楼`, '附近']);
  return `衡阳市${area}${road}${number}${suffix}`;
}
