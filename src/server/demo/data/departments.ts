// Hengyang's organisation tree for the demo: supervision offices, city departments and
// public utilities, the 12 counties/districts with some of their real towns and streets,
// and the industrial parks. Names follow the city's own usage as far as we know it; a
// few (marked below) are typical rather than verified.

import type { UnitKind } from '../../../domain/org/units.js';
import { cityGovernmentDepartments, demoCommunities, demoKinds, demoPhones } from './departments-city.js';

export type DepartmentKind = UnitKind;

export interface DemoDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  parentCode?: string;
  group: 'city' | 'district' | 'park';
  /** The unit's public service number (not personal data). */
  phone?: string;
}

const office = (code: string, name: string): DemoDepartment => ({ code, name, kind: 'office', group: 'city' });
const cityDept = (code: string, name: string): DemoDepartment => ({
  code,
  name,
  kind: 'city_department',
  group: 'city',
});

const offices: DemoDepartment[] = [
  office('yshb', '市优化营商环境办公室'),
  office('dcs', '市人民政府督查室'),
  office('rxzx', '市12345政务服务便民热线中心'),
];

const cityDepartments: DemoDepartment[] = [
  cityDept('fgw', '市发展和改革委员会'),
  cityDept('gxj', '市工业和信息化局'),
  cityDept('kjj', '市科学技术局'),
  cityDept('czj', '市财政局'),
  cityDept('rsj', '市人力资源和社会保障局'),
  cityDept('zrj', '市自然资源和规划局'),
  cityDept('bdc', '市不动产登记中心'),
  cityDept('sthjj', '市生态环境局'),
  cityDept('zjj', '市住房和城乡建设局'),
  cityDept('jtj', '市交通运输局'),
  cityDept('slj', '市水利局'),
  cityDept('nyj', '市农业农村局'),
  cityDept('shangwu', '市商务局'),
  cityDept('scjg', '市市场监督管理局'),
  cityDept('xzsp', '市行政审批服务局'),
  cityDept('ggzy', '市公共资源交易中心'),
  cityDept('shuiwu', '国家税务总局衡阳市税务局'),
  cityDept('gaj', '市公安局'),
  cityDept('cgj', '市城市管理和综合执法局'),
  cityDept('ybj', '市医疗保障局'),
  cityDept('yjj', '市应急管理局'),
  cityDept('sfj', '市司法局'),
  cityDept('mzj', '市民政局'),
  cityDept('jrj', '市地方金融监督管理局'),
  cityDept('gzw', '市人民政府国有资产监督管理委员会'),
  cityDept('wjw', '市卫生健康委员会'),
  cityDept('whlj', '市文化旅游广电体育局'),
  cityDept('rmyh', '中国人民银行衡阳市分行'),
  cityDept('hg', '衡阳海关'),
  cityDept('xfzd', '市消防救援支队'),
  cityDept('gsl', '市工商业联合会'),
  // Public utilities are handled like departments on the platform (获得电力/用水用气).
  cityDept('gdgs', '国网衡阳供电公司'),
  cityDept('swjt', '衡阳市水务投资集团有限公司'),
  // Typical name of the city's piped-gas operator; not verified.
  cityDept('rqgs', '衡阳华润燃气有限公司'),
];

interface DistrictSpec {
  code: string;
  name: string;
  towns: Array<[code: string, name: string]>;
}

const districtSpecs: DistrictSpec[] = [
  {
    code: 'zhq',
    name: '珠晖区',
    towns: [
      ['zhq-gdl', '广东路街道'],
      ['zhq-dfl', '东风路街道'],
      ['zhq-yj', '冶金街道'],
      ['zhq-mp', '苗圃街道'],
      ['zhq-yh', '粤汉街道'],
      ['zhq-csa', '茶山坳镇'],
      ['zhq-hp', '和平乡'],
      ['zhq-lh', '酃湖乡'],
    ],
  },
  {
    code: 'yfq',
    name: '雁峰区',
    towns: [
      ['yfq-xf', '先锋街道'],
      ['yfq-tms', '天马山街道'],
      ['yfq-bsz', '白沙洲街道'],
      ['yfq-hcl', '黄茶岭街道'],
      ['yfq-yf', '雁峰街道'],
      ['yfq-yp', '岳屏镇'],
    ],
  },
  {
    code: 'sgq',
    name: '石鼓区',
    towns: [
      ['sgq-rml', '人民路街道'],
      ['sgq-qs', '青山街道'],
      ['sgq-xx', '潇湘街道'],
      ['sgq-wy', '五一街道'],
      ['sgq-hj', '合江街道'],
      ['sgq-js', '角山镇'],
      ['sgq-sm', '松木乡'],
    ],
  },
  {
    code: 'zxq',
    name: '蒸湘区',
    towns: [
      ['zxq-hx', '红湘街道'],
      ['zxq-lh', '联合街道'],
      ['zxq-zx', '蒸湘街道'],
      ['zxq-dyl', '呆鹰岭镇'],
      ['zxq-yms', '雨母山镇'],
    ],
  },
  {
    code: 'nyq',
    name: '南岳区',
    towns: [
      ['nyq-zr', '祝融街道'],
      ['nyq-ny', '南岳镇'],
      ['nyq-sy', '寿岳乡'],
    ],
  },
  {
    code: 'hyx',
    name: '衡阳县',
    towns: [
      ['hyx-xd', '西渡镇'],
      ['hyx-zj', '渣江镇'],
      ['hyx-jp', '界牌镇'],
      ['hyx-yb', '演陂镇'],
      ['hyx-ty', '台源镇'],
      ['hyx-jl', '金兰镇'],
    ],
  },
  {
    code: 'hnx',
    name: '衡南县',
    towns: [
      ['hnx-yj', '云集街道'],
      ['hnx-st', '三塘镇'],
      ['hnx-cj', '车江镇'],
      ['hnx-tzs', '谭子山镇'],
      ['hnx-cs', '茶市镇'],
      ['hnx-lt', '廖田镇'],
    ],
  },
  {
    code: 'hsx',
    name: '衡山县',
    towns: [
      ['hsx-ky', '开云镇'],
      ['hsx-dm', '店门镇'],
      ['hsx-xz', '萱洲镇'],
      ['hsx-bg', '白果镇'],
      ['hsx-cj', '长江镇'],
    ],
  },
  {
    code: 'hdx',
    name: '衡东县',
    towns: [
      ['hdx-cg', '城关镇'],
      ['hdx-dp', '大浦镇'],
      ['hdx-wj', '吴集镇'],
      ['hdx-xt', '新塘镇'],
      ['hdx-xl', '霞流镇'],
      ['hdx-rh', '荣桓镇'],
    ],
  },
  {
    code: 'qdx',
    name: '祁东县',
    towns: [
      ['qdx-hq', '洪桥街道'],
      ['qdx-yc', '永昌街道'],
      ['qdx-yh', '玉合街道'],
      ['qdx-bds', '白地市镇'],
      ['qdx-gy', '归阳镇'],
      ['qdx-gsp', '过水坪镇'],
    ],
  },
  {
    code: 'lys',
    name: '耒阳市',
    towns: [
      ['lys-czc', '蔡子池街道'],
      ['lys-zsj', '灶市街街道'],
      ['lys-wlp', '五里牌街道'],
      ['lys-sdj', '水东江街道'],
      ['lys-sj', '三架街道'],
      ['lys-dy', '大义镇'],
    ],
  },
  {
    code: 'cns',
    name: '常宁市',
    towns: [
      ['cns-yy', '宜阳街道'],
      ['cns-py', '培元街道'],
      ['cns-qf', '泉峰街道'],
      ['cns-sks', '水口山镇'],
      ['cns-sb', '松柏镇'],
      ['cns-yt', '荫田镇'],
    ],
  },
];

const districtsAndTowns: DemoDepartment[] = districtSpecs.flatMap((d) => [
  { code: d.code, name: d.name, kind: 'district' as const, group: 'district' as const },
  ...d.towns.map(([code, name]) => ({
    code,
    name,
    kind: 'town' as const,
    parentCode: d.code,
    group: 'district' as const,
  })),
]);

// City-level parks have no parent; county-level parks hang under their county.
const parks: DemoDepartment[] = [
  { code: 'gxq', name: '衡阳高新技术产业开发区', kind: 'park', group: 'park' },
  { code: 'zbq', name: '衡阳综合保税区', kind: 'park', group: 'park' },
  { code: 'smkfq', name: '松木经济开发区', kind: 'park', group: 'park' },
  { code: 'bszyq', name: '白沙洲工业园区', kind: 'park', group: 'park' },
  { code: 'xdgxq', name: '衡阳西渡高新技术产业开发区', kind: 'park', parentCode: 'hyx', group: 'park' },
  { code: 'hnkfq', name: '衡南经济开发区', kind: 'park', parentCode: 'hnx', group: 'park' },
  { code: 'lykfq', name: '耒阳经济开发区', kind: 'park', parentCode: 'lys', group: 'park' },
  { code: 'cnkfq', name: '常宁水口山经济开发区', kind: 'park', parentCode: 'cns', group: 'park' },
  { code: 'qdkfq', name: '祁东经济开发区', kind: 'park', parentCode: 'qdx', group: 'park' },
  { code: 'hdkfq', name: '衡东经济开发区', kind: 'park', parentCode: 'hdx', group: 'park' },
  { code: 'hskfq', name: '衡山经济开发区', kind: 'park', parentCode: 'hsx', group: 'park' },
];

const withKindAndPhone = (d: DemoDepartment): DemoDepartment => ({
  ...d, ...(demoKinds[d.code] ? { kind: demoKinds[d.code] } : {}), ...(demoPhones[d.code] ? { phone: demoPhones[d.code] } : {}),
});

// The original tree first (ids and codes that tests rely on), then the rest of the city government, then communities.
export const demoDepartments: DemoDepartment[] = [
  ...[...offices, ...cityDepartments, ...districtsAndTowns, ...parks].map(withKindAndPhone), ...cityGovernmentDepartments, ...demoCommunities,
];
