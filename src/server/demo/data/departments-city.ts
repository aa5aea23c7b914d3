// Demo data. The rest of Hengyang's city government (一网覆盖: every working department, not only the units that
// handle business-environment problems), the court and the procuratorate, vertically managed units, public utilities
// and telecoms, and a few communities under towns (the level below towns). Appended after the original demo tree, so
// the ids and codes tests rely on do not move. Names follow the usual form of a prefecture-level city's units; the
// communities are typical names, not verified. Phones are the national public service numbers of each line of work.

import type { UnitKind } from '../../../domain/org/units.js';

/** The shape of DemoDepartment (departments.ts), repeated here so the two files do not import each other. */
interface DemoDepartment {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode?: string;
  group: 'city' | 'district' | 'park';
  phone?: string;
}

const unit = (code: string, name: string, kind: DemoDepartment['kind'], phone?: string): DemoDepartment => ({ code, name, kind, group: 'city', ...(phone ? { phone } : {}) });

export const cityGovernmentDepartments: DemoDepartment[] = [
  unit('szfb', '市人民政府办公室', 'office'),
  unit('jyj', '市教育局', 'city_department', '12345'),
  unit('mzzj', '市民族宗教事务委员会', 'city_department'),
  unit('tyjrj', '市退役军人事务局', 'city_department'),
  unit('sjj', '市审计局', 'city_department'),
  unit('tjj', '市统计局', 'city_department'),
  unit('lyj', '市林业局', 'city_department'),
  unit('sjzyj', '市数据资源局', 'city_department'),
  unit('xfj', '市信访局', 'city_department'),
  unit('jgswj', '市机关事务管理局', 'city_department'),
  unit('rfb', '市人民防空办公室', 'city_department'),
  unit('gjj', '衡阳市住房公积金管理中心', 'city_department', '12329'),
  // The court and the procuratorate (政法机关): lead units of the 办理破产 and 执行合同 indicators.
  unit('zjfy', '衡阳市中级人民法院', 'judicial', '12368'),
  unit('jcy', '衡阳市人民检察院', 'judicial', '12309'),
  // Vertically managed units (垂直管理), beside tax, customs and the central bank's branch already in the tree.
  unit('jgfj', '国家金融监督管理总局衡阳监管分局', 'vertical', '12378'),
  unit('qxj', '衡阳市气象局', 'vertical', '12121'),
  unit('yczm', '衡阳市烟草专卖局', 'vertical', '12313'),
  // Telecoms (获得网络): handled like the other public utilities.
  unit('yd', '中国移动衡阳分公司', 'utility', '10086'),
  unit('dx', '中国电信衡阳分公司', 'utility', '10000'),
  unit('lt', '中国联通衡阳分公司', 'utility', '10010'),
];

/** Communities and village committees (村社区网格) under a few towns and streets; typical names, not verified. */
export const demoCommunities: DemoDepartment[] = [
  ['zxq-hx-hx', '红湘社区', 'zxq-hx'], ['zxq-hx-hh', '华新社区', 'zxq-hx'],
  ['zhq-gdl-gd', '广东路社区', 'zhq-gdl'], ['zhq-gdl-cz', '车站社区', 'zhq-gdl'],
  ['sgq-rml-rm', '人民路社区', 'sgq-rml'], ['yfq-xf-xf', '先锋社区', 'yfq-xf'],
  ['hyx-xd-xd', '西渡社区', 'hyx-xd'], ['lys-czc-cz', '蔡子池社区', 'lys-czc'],
].map(([code, name, parentCode]) => ({ code, name, kind: 'community' as const, parentCode, group: 'district' as const }));

/** Public service numbers of units already in the original demo tree, by code. */
export const demoPhones: Record<string, string> = {
  rxzx: '12345', shuiwu: '12366', hg: '12360', gdgs: '95598', rsj: '12333', scjg: '12315', cgj: '12319', ybj: '12393',
};

/** Kinds the original tree recorded as city departments: vertically managed units and utilities. */
export const demoKinds: Record<string, DemoDepartment['kind']> = {
  shuiwu: 'vertical', hg: 'vertical', rmyh: 'vertical', gdgs: 'utility', swjt: 'utility', rqgs: 'utility',
};
