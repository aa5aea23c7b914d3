// Word pools for the case-text generator: people, enterprises, places of Hengyang.

import { CREDIT_CODE_CHARSET, creditCodeCheckChar, organisationCodeCheckChar } from '../../../domain/enterprise/credit-code';
import { chance, pick, randomInt, type Rng } from './rng';

// Surnames weighted towards those common in Hengyang (repeats raise the weight; 旷 and 阳 are local).
const SURNAMES = [
  ...'刘刘刘李李李王王王陈陈陈张张张谭谭罗罗彭彭曾曾肖肖周周廖廖邓邓唐唐'.split(''),
  ...'贺蒋谢伍邹曹旷阳颜胡黄赵吴徐孙朱郭何高林郑梁宋许欧袁蔡段雷龙文易'.split(''),
];
const GIVEN_SINGLE = '伟芳军勇敏静丽强磊洋艳杰娟涛明超霞平刚辉玲华红林波斌琴燕鹏峰浩婷雪慧俊彬亮宇欣怡凯'.split('');
const GIVEN_FIRST = '建志国文湘衡岳雁春秋桂德永小卫爱金清福祥振海新立光红佳子思嘉晓雨'.split('');
const GIVEN_SECOND = '华明平强军林生英兰梅辉峰东良成军芳丽娟涛杰宇轩涵怡琪彤睿博阳'.split('');

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '185', '186', '187', '188', '189',
];

export function personName(rng: Rng): string {
  const surname = pick(rng, SURNAMES);
  const given = chance(rng, 0.4)
    ? pick(rng, GIVEN_SINGLE)
    : pick(rng, GIVEN_FIRST) + pick(rng, GIVEN_SECOND);
  return surname + given;
}

/** What a caller leaves as a name: often the full name, sometimes only 刘先生 / 王女士. */
export function contactName(rng: Rng): string {
  if (chance(rng, 0.25)) return pick(rng, SURNAMES) + (chance(rng, 0.55) ? '先生' : '女士');
  return personName(rng);
}

/** 张某: how replies and complaints name a third person. */
export function anonymisedPerson(rng: Rng): string {
  return pick(rng, SURNAMES) + '某';
}

export function mobilePhone(rng: Rng): string {
  let digits = pick(rng, PHONE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(randomInt(rng, 0, 9));
  return digits;
}

const BRANDS = [
  '恒达', '湘衡', '雁城', '船山', '金源', '华信', '宏泰', '瑞丰', '鑫盛', '永康', '中衡', '衡岳', '蒸湘',
  '湘江', '耒水', '衡鑫', '振华', '天和', '博远', '正和', '凯达', '新衡', '盛世', '隆兴', '众诚', '德润',
  '鼎盛', '华湘', '泰和', '同创', '立信', '润泽', '金峰', '佳宇', '万通', '远航', '福瑞', '锦程', '华腾',
  '创源', '科宏', '聚力', '安达', '祥瑞', '金阳', '中南', '楚天', '湘南', '回雁', '雨母', '酃湖', '来雁',
  '长青', '弘毅', '兴旺', '益民', '启航', '东升', '卓越', '诚信', '大成', '海川', '鸿运', '天宇', '湘瑞',
  '昊天', '晟达', '通达', '旭日', '辰星', '亿丰', '岣嵝', '石鼓', '衡州', '云集', '宏图', '银洲', '盛达',
];

type Industry = [full: string, short: string];

const CONSTRUCTION: Industry[] = [
  ['建筑工程有限公司', '建筑'], ['建设工程有限公司', '建设'], ['置业有限公司', '置业'],
  ['房地产开发有限公司', '地产'], ['市政工程有限公司', '市政'], ['建材有限公司', '建材'],
  ['装饰工程有限公司', '装饰'], ['劳务有限公司', '劳务'], ['工程监理有限公司', '监理'],
];
const MANUFACTURING: Industry[] = [
  ['机械制造有限公司', '机械'], ['新材料科技有限公司', '新材料'], ['电子科技有限公司', '电子'],
  ['汽车零部件有限公司', '汽配'], ['电气设备有限公司', '电气'], ['输变电设备有限公司', '输变电'],
  ['化工有限公司', '化工'], ['有色金属有限公司', '有色'], ['食品有限公司', '食品'], ['纺织有限公司', '纺织'],
  ['包装材料有限公司', '包装'], ['精密铸造有限公司', '铸造'], ['智能装备有限公司', '智能装备'],
  ['生物科技有限公司', '生物'], ['医药有限公司', '医药'], ['管业有限公司', '管业'],
];
const SERVICES: Industry[] = [
  ['商贸有限公司', '商贸'], ['物流有限公司', '物流'], ['供应链管理有限公司', '供应链'],
  ['餐饮管理有限公司', '餐饮'], ['酒店管理有限公司', '酒店'], ['信息技术有限公司', '信息技术'],
  ['农业开发有限公司', '农业'], ['进出口有限公司', '进出口'], ['环保科技有限公司', '环保'],
  ['物业管理有限公司', '物业'], ['文化传媒有限公司', '文化传媒'],
];
const SHOPS = ['餐馆', '副食店', '五金店', '建材店', '汽车修理厂', '服装店', '便利超市', '药店', '农资店', '家具店', '水果店'];

/** Which industries plausibly raise cases of each top-level category; shops are 个体工商户. */
const INDUSTRIES_BY_GROUP: Record<string, { industries: Industry[]; shopShare: number }> = {
  approval: { industries: [...CONSTRUCTION, ...MANUFACTURING, ...SERVICES], shopShare: 0.05 },
  fees: { industries: [...MANUFACTURING, ...SERVICES, ...CONSTRUCTION], shopShare: 0.2 },
  enforcement: { industries: [...MANUFACTURING, ...SERVICES], shopShare: 0.25 },
  policy: { industries: [...MANUFACTURING, ...SERVICES], shopShare: 0.05 },
  finance: { industries: [...MANUFACTURING, ...SERVICES], shopShare: 0.1 },
  utilities: { industries: [...MANUFACTURING, ...SERVICES, ...CONSTRUCTION], shopShare: 0.15 },
  property: { industries: [...MANUFACTURING, ...CONSTRUCTION], shopShare: 0 },
  arrears: { industries: [...CONSTRUCTION, ...CONSTRUCTION, ...MANUFACTURING, ...SERVICES], shopShare: 0 },
  bidding: { industries: [...CONSTRUCTION, ...SERVICES, ...MANUFACTURING], shopShare: 0 },
  labour: { industries: [...MANUFACTURING, ...SERVICES], shopShare: 0.1 },
  logistics: { industries: [...SERVICES, ...MANUFACTURING], shopShare: 0 },
  ip: { industries: [...MANUFACTURING, ...SERVICES], shopShare: 0.1 },
  market_access: { industries: [...SERVICES, ...CONSTRUCTION, ...MANUFACTURING], shopShare: 0.05 },
  other: { industries: [...MANUFACTURING, ...SERVICES, ...CONSTRUCTION], shopShare: 0.15 },
};

/** Administrative division codes (GB/T 2260) used inside credit codes. */
const DIVISION_CODES: Record<string, string> = {
  珠晖区: '430405', 雁峰区: '430406', 石鼓区: '430407', 蒸湘区: '430408', 南岳区: '430412',
  衡阳县: '430421', 衡南县: '430422', 衡山县: '430423', 衡东县: '430424', 祁东县: '430426',
  耒阳市: '430481', 常宁市: '430482',
};
const CITY_DIVISION_CODE = '430400';

export interface GeneratedEnterprise {
  name: string;
  shortName: string;
  creditCode?: string;
}

export function enterprise(rng: Rng, group: string, districtName: string, withCode: boolean): GeneratedEnterprise {
  const profile = INDUSTRIES_BY_GROUP[group] ?? INDUSTRIES_BY_GROUP.other;
  const brand = pick(rng, BRANDS);
  const isShop = chance(rng, profile.shopShare);
  let name: string;
  let shortName: string;
  if (isShop) {
    const shop = pick(rng, SHOPS);
    const place = DIVISION_CODES[districtName] ? districtName : '衡阳市';
    name = `${place}${brand}${shop}`;
    shortName = `${brand}${shop}`;
  } else {
    const [full, short] = pick(rng, profile.industries);
    const prefix = pick(rng, ['衡阳', '衡阳', '衡阳市', '湖南']);
    name = `${prefix}${brand}${full}`;
    shortName = `${brand}${short}`;
  }
  const creditCode = withCode ? creditCode18(rng, isShop ? '92' : '91', districtName) : undefined;
  return creditCode ? { name, shortName, creditCode } : { name, shortName };
}

/** A credit code with a correct inner organisation-code check and a correct outer check. */
function creditCode18(rng: Rng, prefix: '91' | '92', districtName: string): string {
  const division = DIVISION_CODES[districtName] ?? CITY_DIVISION_CODE;
  let body: string;
  if (chance(rng, 0.75)) {
    // Codes issued since 2015 carry 'MA' + a province-series character in the organisation segment.
    body = 'MA4';
    for (let i = 0; i < 5; i++) body += CREDIT_CODE_CHARSET[randomInt(rng, 0, CREDIT_CODE_CHARSET.length - 1)];
  } else {
    body = String(randomInt(rng, 1, 7)) + String(randomInt(rng, 0, 9999999)).padStart(7, '0');
  }
  const first17 = prefix + division + body + organisationCodeCheckChar(body);
  return first17 + creditCodeCheckChar(first17);
}

const PLACE_PREFIXES = ['雁城', '船山', '湘江', '来雁', '酃湖', '回雁', '蒸水', '石鼓', '衡州', '南岳', '耒水', '雨母'];
const PROJECT_TYPES = [
  '标准厂房', '智能制造产业园', '物流园', '冷链仓储中心', '生产线技改', '综合楼', '商业综合体',
  '电子信息产业园', '新材料产业园', '研发中心', '食品加工园', '汽车零部件产业园', '装配式建筑基地',
  '安置小区', '农产品交易中心', '仓储配送中心',
];
const PHASES = ['', '', '一期', '二期', '三期'];
const ESTATE_SUFFIXES = ['花园', '名苑', '雅苑', '华府', '新城', '家园', '公馆', '学府', '锦城', '御景'];

export function projectName(rng: Rng): string {
  const prefix = chance(rng, 0.5) ? pick(rng, PLACE_PREFIXES) : pick(rng, BRANDS);
  return `${prefix}${pick(rng, PROJECT_TYPES)}${pick(rng, PHASES)}项目`;
}

export function estateName(rng: Rng): string {
  const prefix = chance(rng, 0.5) ? pick(rng, PLACE_PREFIXES) : pick(rng, BRANDS);
  return `${prefix}${pick(rng, ESTATE_SUFFIXES)}`;
}

const VILLAGES = '长塘 新屋 石门 枫树 杉木 荷叶 大塘 高峰 桃花 金星 红星 联盟 群英 仁和 光明 檀山 樟木 竹山 柏树 水口 梅花 双桥 茶园 油麻'.split(' ');

export function villageName(rng: Rng): string {
  return pick(rng, VILLAGES) + '村';
}

export const PRODUCTS = [
  '变压器配件', '电线电缆', '钢管', '五金配件', '食品包装', '建材', '办公家具', '安防设备', '环保设备',
  '汽车零部件', '机电设备', '纺织面料', '医疗耗材', '不锈钢制品', '铸件', '电子元器件', 'PE管材', '有机肥',
];
export const BANKS = ['某国有大型银行衡阳分行', '某股份制银行衡阳分行', '当地一家农商银行', '某城商行衡阳分行', '合作银行'];
export const STATE_OWNED = ['市属某国有平台公司', '某区属城投公司', '某市属国有建设集团', '某国有园区开发公司', '某县属国有投资公司'];

export function truckPlate(rng: Rng): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let plate = '湘D';
  for (let i = 0; i < 5; i++) plate += chars[randomInt(rng, i === 0 ? 10 : 0, chars.length - 1)];
  return plate;
}
