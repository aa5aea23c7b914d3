// Two-level catalogue of business-environment problems (营商环境问题分类). Top-level
// entries group the leaves and carry no routing; each leaf names the city departments
// that usually lead (主办) and assist (协办) on it. Codes are `<group>.<leaf>`.

export type CaseKind = 'consultation' | 'help' | 'complaint' | 'report' | 'suggestion';

export interface DemoCategory {
  code: string;
  name: string;
  parentCode?: string;
  kind: CaseKind;
  leadDepartmentCodes: string[];
  coDepartmentCodes?: string[];
}

interface LeafSpec {
  code: string;
  name: string;
  kind: CaseKind;
  lead: string[];
  co?: string[];
}

interface GroupSpec {
  code: string;
  name: string;
  kind: CaseKind;
  leaves: LeafSpec[];
}

const groups: GroupSpec[] = [
  {
    code: 'approval',
    name: '审批服务',
    kind: 'complaint',
    leaves: [
      { code: 'construction_permit', name: '施工许可', kind: 'complaint', lead: ['zjj'], co: ['xzsp'] },
      { code: 'business_start', name: '开办企业', kind: 'help', lead: ['scjg'], co: ['xzsp', 'shuiwu'] },
      { code: 'project', name: '项目审批', kind: 'complaint', lead: ['xzsp'], co: ['fgw', 'zrj'] },
      { code: 'completion', name: '竣工验收', kind: 'complaint', lead: ['zjj'], co: ['zrj', 'xfzd'] },
      { code: 'service_window', name: '政务服务窗口', kind: 'complaint', lead: ['xzsp'] },
    ],
  },
  {
    code: 'fees',
    name: '涉企收费',
    kind: 'report',
    leaves: [
      { code: 'arbitrary', name: '乱收费', kind: 'report', lead: ['fgw'], co: ['scjg'] },
      { code: 'intermediary', name: '中介服务收费', kind: 'complaint', lead: ['fgw'], co: ['xzsp'] },
      { code: 'association', name: '行业协会商会收费', kind: 'complaint', lead: ['mzj'], co: ['fgw', 'scjg'] },
      { code: 'deposit', name: '保证金', kind: 'complaint', lead: ['zjj'], co: ['rsj', 'czj'] },
    ],
  },
  {
    code: 'enforcement',
    name: '执法检查',
    kind: 'complaint',
    leaves: [
      { code: 'multiple', name: '多头检查', kind: 'complaint', lead: ['sfj'], co: ['scjg', 'yjj'] },
      { code: 'arbitrary', name: '随意执法', kind: 'complaint', lead: ['sfj'], co: ['cgj'] },
      { code: 'environment', name: '环保限产停产', kind: 'complaint', lead: ['sthjj'], co: ['gxj'] },
      { code: 'penalty', name: '处罚过当', kind: 'complaint', lead: ['sfj'], co: ['scjg'] },
    ],
  },
  {
    code: 'policy',
    name: '政策兑现',
    kind: 'complaint',
    leaves: [
      { code: 'subsidy', name: '奖补资金', kind: 'complaint', lead: ['gxj'], co: ['czj'] },
      { code: 'tax_relief', name: '减税降费', kind: 'consultation', lead: ['shuiwu'], co: ['czj'] },
      { code: 'talent', name: '人才政策', kind: 'consultation', lead: ['rsj'], co: ['kjj'] },
      { code: 'investment_promise', name: '招商承诺兑现', kind: 'complaint', lead: ['shangwu'], co: ['czj', 'zrj'] },
    ],
  },
  {
    code: 'finance',
    name: '融资',
    kind: 'help',
    leaves: [
      { code: 'loan', name: '贷款难', kind: 'help', lead: ['jrj'], co: ['rmyh'] },
      { code: 'guarantee', name: '融资担保', kind: 'help', lead: ['jrj'], co: ['czj'] },
      { code: 'loan_renewal', name: '抽贷断贷', kind: 'help', lead: ['rmyh'], co: ['jrj'] },
    ],
  },
  {
    code: 'utilities',
    name: '用水用电用气',
    kind: 'complaint',
    leaves: [
      { code: 'power_connection', name: '用电报装', kind: 'complaint', lead: ['gdgs'], co: ['fgw'] },
      { code: 'power_outage', name: '停电限电', kind: 'complaint', lead: ['gdgs'] },
      { code: 'water', name: '用水报装', kind: 'complaint', lead: ['swjt'], co: ['zjj'] },
      { code: 'gas', name: '用气报装', kind: 'complaint', lead: ['rqgs'], co: ['zjj'] },
    ],
  },
  {
    code: 'property',
    name: '不动产登记',
    kind: 'complaint',
    leaves: [
      { code: 'certificate', name: '办证难', kind: 'complaint', lead: ['bdc'], co: ['zrj'] },
      { code: 'legacy', name: '历史遗留', kind: 'help', lead: ['zrj'], co: ['bdc', 'zjj'] },
      { code: 'transfer', name: '转移抵押登记', kind: 'consultation', lead: ['bdc'], co: ['shuiwu'] },
    ],
  },
  {
    code: 'arrears',
    name: '拖欠账款',
    kind: 'complaint',
    leaves: [
      { code: 'government', name: '政府拖欠', kind: 'complaint', lead: ['czj'], co: ['gxj'] },
      { code: 'soe', name: '国企拖欠', kind: 'complaint', lead: ['gzw'], co: ['czj'] },
      { code: 'project', name: '工程款拖欠', kind: 'complaint', lead: ['zjj'], co: ['rsj'] },
    ],
  },
  {
    code: 'bidding',
    name: '招投标',
    kind: 'complaint',
    leaves: [
      { code: 'barriers', name: '设置不合理门槛', kind: 'complaint', lead: ['fgw'], co: ['ggzy'] },
      { code: 'collusion', name: '围标串标', kind: 'report', lead: ['fgw'], co: ['zjj', 'gaj'] },
      { code: 'procurement', name: '政府采购', kind: 'complaint', lead: ['czj'], co: ['ggzy'] },
    ],
  },
  {
    code: 'labour',
    name: '用工社保',
    kind: 'help',
    leaves: [
      { code: 'recruitment', name: '招工用工', kind: 'help', lead: ['rsj'] },
      { code: 'social_insurance', name: '社保医保办理', kind: 'consultation', lead: ['rsj'], co: ['ybj'] },
      { code: 'wage', name: '欠薪维权', kind: 'complaint', lead: ['rsj'], co: ['zjj'] },
    ],
  },
  {
    code: 'logistics',
    name: '物流交通',
    kind: 'suggestion',
    leaves: [
      { code: 'road', name: '道路交通配套', kind: 'suggestion', lead: ['jtj'], co: ['zjj'] },
      { code: 'freight', name: '货车通行', kind: 'complaint', lead: ['gaj'], co: ['jtj'] },
      { code: 'port', name: '口岸通关', kind: 'help', lead: ['shangwu'], co: ['hg'] },
    ],
  },
  {
    code: 'ip',
    name: '知识产权',
    kind: 'report',
    leaves: [
      { code: 'infringement', name: '侵权假冒', kind: 'report', lead: ['scjg'], co: ['gaj'] },
      { code: 'patent', name: '专利商标', kind: 'consultation', lead: ['scjg'], co: ['kjj'] },
    ],
  },
  {
    code: 'market_access',
    name: '市场准入',
    kind: 'complaint',
    leaves: [
      { code: 'barriers', name: '隐性壁垒', kind: 'complaint', lead: ['fgw'], co: ['scjg'] },
      { code: 'qualification', name: '资质许可', kind: 'help', lead: ['xzsp'], co: ['zjj'] },
    ],
  },
  {
    code: 'other',
    name: '其他',
    kind: 'suggestion',
    leaves: [
      { code: 'suggestion', name: '营商环境建议', kind: 'suggestion', lead: ['yshb'], co: ['fgw'] },
      { code: 'conduct', name: '干部作风', kind: 'complaint', lead: ['yshb'], co: ['dcs'] },
      { code: 'misc', name: '其他诉求', kind: 'help', lead: ['yshb'] },
    ],
  },
];

export const demoCategories: DemoCategory[] = groups.flatMap((g) => [
  { code: g.code, name: g.name, kind: g.kind, leadDepartmentCodes: [] },
  ...g.leaves.map(
    (l): DemoCategory => ({
      code: `${g.code}.${l.code}`,
      name: l.name,
      parentCode: g.code,
      kind: l.kind,
      leadDepartmentCodes: l.lead,
      ...(l.co ? { coDepartmentCodes: l.co } : {}),
    }),
  ),
]);
