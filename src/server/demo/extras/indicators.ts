import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { previousPeriod, quarterOf } from '../../../domain/indicators/period.js';
import { maskPersonalData } from '../../../domain/privacy/mask.js';
import { placePrefixes } from '../../../domain/settings/city.js';
import { demoCity } from '../data/city.js';
import type { DemoContext } from './context.js';
import { defaultCalendar } from '../../../domain/calendar/index.js';
import { createItem } from '../../modules/items/index.js';

// DEMO DATA of the indicators area (营商环境评价): the 18 first-level indicators of 中国营商环境评价 for this year with a
// plausible Hengyang assignment of lead units — typical units from the national practice, NOT verified against
// Hengyang's own list of lead units — their sub-measures and targets, a small province system that differs, two
// periods of figures in every review state and light, indicator tags on the categories, and stories (衡阳故事).
// Figures carry no evidence files here (the demo loader has no blob store); filings made in the console do.

type Dir = 'higher' | 'lower';
/** [code, name, unit, direction, commitment] */
type Measure = [string, string, string, Dir, number];
interface Spec { code: string; name: string; lead: string; resp: string[]; weight: number; definition: string; measures: Measure[]; tags: string[] }

const national: Spec[] = [
  { code: 'kbqy', name: '开办企业', lead: 'scjg', resp: ['xzsp', 'shuiwu', 'gaj', 'rmyh'], weight: 5.5, definition: '企业从设立登记到具备一般性经营条件的环节、时间、成本和材料', tags: ['approval.business_start'],
    measures: [['steps', '环节', '个', 'lower', 4], ['days', '时间', '个工作日', 'lower', 1], ['cost', '成本', '元', 'lower', 0], ['docs', '材料', '份', 'lower', 5]] },
  { code: 'jzxk', name: '办理建筑许可', lead: 'zjj', resp: ['xzsp', 'zrj', 'xfzd'], weight: 5.5, definition: '社会投资简易低风险项目从立项到竣工验收、接入水电的全流程', tags: ['approval.construction_permit', 'approval.completion'],
    measures: [['steps', '环节', '个', 'lower', 12], ['days', '时间', '个工作日', 'lower', 60], ['cost', '成本占造价比例', '%', 'lower', 1.5], ['quality', '建筑质量控制指数', '分', 'higher', 13]] },
  { code: 'hddl', name: '获得电力', lead: 'gdgs', resp: ['fgw', 'zrj', 'zjj'], weight: 5.5, definition: '低压小微企业用电报装的环节、时间、成本与供电可靠性', tags: ['utilities.power_connection', 'utilities.power_outage'],
    measures: [['steps', '环节', '个', 'lower', 2], ['days', '时间', '个工作日', 'lower', 5], ['cost', '成本', '元', 'lower', 0], ['reliability', '供电可靠率', '%', 'higher', 99.9]] },
  { code: 'ysyq', name: '获得用水用气', lead: 'swjt', resp: ['rqgs', 'zjj'], weight: 5.5, definition: '用水、用气报装的环节、时间、成本', tags: ['utilities.water', 'utilities.gas'],
    measures: [['steps', '环节', '个', 'lower', 2], ['days', '时间', '个工作日', 'lower', 4], ['cost', '成本', '元', 'lower', 0]] },
  { code: 'djcc', name: '登记财产', lead: 'bdc', resp: ['zrj', 'shuiwu', 'zjj'], weight: 5.5, definition: '企业间不动产转移登记的环节、时间、成本和土地管理质量', tags: ['property.certificate', 'property.transfer', 'property.legacy'],
    measures: [['steps', '环节', '个', 'lower', 1], ['days', '时间', '个工作日', 'lower', 1], ['cost', '成本占财产价值比例', '%', 'lower', 3], ['land', '土地管理质量指数', '分', 'higher', 25]] },
  { code: 'hdxd', name: '获得信贷', lead: 'rmyh', resp: ['jrj', 'czj'], weight: 5.5, definition: '合法权利保障、信用信息深度与小微企业融资', tags: ['finance.loan', 'finance.guarantee', 'finance.loan_renewal'],
    measures: [['rights', '合法权利保障力度指数', '分', 'higher', 10], ['credit', '信用信息深度指数', '分', 'higher', 8], ['sme', '普惠小微贷款增速', '%', 'higher', 20]] },
  { code: 'bhtz', name: '保护中小投资者', lead: 'sfj', resp: ['jrj', 'scjg'], weight: 5.5, definition: '信息披露、董事责任、股东诉讼便利度与股东权利', tags: [],
    measures: [['disclosure', '信息披露指数', '分', 'higher', 10], ['suits', '股东诉讼便利度指数', '分', 'higher', 8]] },
  { code: 'ns', name: '纳税', lead: 'shuiwu', resp: ['czj', 'rsj', 'ybj'], weight: 5.5, definition: '纳税次数、时间、总税收和缴费率及报税后流程', tags: ['policy.tax_relief'],
    measures: [['times', '纳税次数', '次', 'lower', 7], ['hours', '纳税时间', '小时', 'lower', 120], ['rate', '总税收和缴费率', '%', 'lower', 59], ['post', '报税后流程指数', '分', 'higher', 85]] },
  { code: 'kjmy', name: '跨境贸易', lead: 'shangwu', resp: ['hg', 'jtj'], weight: 5.5, definition: '进出口边境合规与单证合规的时间和成本', tags: ['logistics.port'],
    measures: [['export_hours', '出口边境合规时间', '小时', 'lower', 20], ['import_hours', '进口边境合规时间', '小时', 'lower', 35], ['doc_cost', '单证合规成本', '元', 'lower', 300]] },
  { code: 'zxht', name: '执行合同', lead: 'sfj', resp: ['sfj'], weight: 5.5, definition: '商事合同纠纷解决的时间、成本与司法程序质量', tags: ['arrears.government', 'arrears.soe', 'arrears.project'],
    measures: [['days', '解决时间', '天', 'lower', 300], ['cost', '成本占标的比例', '%', 'lower', 15], ['quality', '司法程序质量指数', '分', 'higher', 15]] },
  { code: 'blpc', name: '办理破产', lead: 'sfj', resp: ['rsj', 'shuiwu'], weight: 5.5, definition: '破产案件的回收率、时间与破产框架力度', tags: [],
    measures: [['recovery', '回收率', '%', 'higher', 40], ['years', '办理时间', '年', 'lower', 1.5], ['framework', '破产框架力度指数', '分', 'higher', 12]] },
  { code: 'ldl', name: '劳动力市场监管', lead: 'rsj', resp: ['ybj'], weight: 5.5, definition: '用工灵活性与劳动争议解决', tags: ['labour.recruitment', 'labour.social_insurance', 'labour.wage'],
    measures: [['arbitration', '劳动争议仲裁结案率', '%', 'higher', 95], ['flex', '用工灵活性指数', '分', 'higher', 80]] },
  { code: 'zfcg', name: '政府采购', lead: 'czj', resp: ['ggzy'], weight: 5.5, definition: '电子化平台、采购流程、合同签订与支付交付', tags: ['bidding.procurement'],
    measures: [['online', '电子化采购率', '%', 'higher', 95], ['contract_days', '合同签订时间', '天', 'lower', 7], ['pay_days', '资金支付时间', '天', 'lower', 10]] },
  { code: 'zbtb', name: '招标投标', lead: 'ggzy', resp: ['fgw', 'zjj'], weight: 5.5, definition: '互联网+招投标、投标和履约担保、外地企业中标与投诉机制', tags: ['bidding.barriers', 'bidding.collusion'],
    measures: [['online', '全流程电子化率', '%', 'higher', 100], ['deposit_days', '保证金退还时间', '天', 'lower', 5], ['outside', '外地企业中标率', '%', 'higher', 30]] },
  { code: 'zwfw', name: '政务服务', lead: 'xzsp', resp: ['rxzx'], weight: 5.5, definition: '网上政务服务能力、事项便利度与政务服务满意度', tags: ['approval.service_window', 'approval.project'],
    measures: [['online', '网上可办率', '%', 'higher', 98], ['once', '一次办结率', '%', 'higher', 90], ['satisfaction', '政务服务满意度', '%', 'higher', 95]] },
  { code: 'zscq', name: '知识产权创造、保护和运用', lead: 'scjg', resp: ['kjj', 'gaj'], weight: 5.5, definition: '知识产权创造质量、保护社会满意度、非诉纠纷解决与运用效益', tags: ['ip.infringement', 'ip.patent'],
    measures: [['patents', '每万人高价值发明专利拥有量', '件', 'higher', 5], ['dispute_days', '侵权纠纷办结时间', '天', 'lower', 30]] },
  { code: 'scjgzb', name: '市场监管', lead: 'scjg', resp: ['sfj', 'cgj', 'sthjj'], weight: 5.5, definition: '“双随机、一公开”覆盖、执法信息公开、政务诚信与商务诚信', tags: ['enforcement.multiple', 'enforcement.arbitrary', 'enforcement.penalty', 'enforcement.environment'],
    measures: [['random', '“双随机、一公开”覆盖率', '%', 'higher', 100], ['open', '执法信息公开率', '%', 'higher', 98]] },
  { code: 'bxph', name: '包容普惠创新', lead: 'fgw', resp: ['kjj', 'rsj', 'shangwu'], weight: 6.5, definition: '创新创业活跃度、人才流动便利度、市场开放度与基本公共服务', tags: ['market_access.barriers', 'market_access.qualification', 'policy.talent'],
    measures: [['startups', '创新创业活跃度指数', '分', 'higher', 70], ['openness', '市场开放度指数', '分', 'higher', 65]] },
];

// The province's own monitoring system differs: fewer indicators, its own codes and weights.
const province: Spec[] = [
  { code: 'hn.qykb', name: '企业开办便利度', lead: 'scjg', resp: ['xzsp'], weight: 20, definition: '省营商环境监测：企业开办全程网办率与时间', tags: [],
    measures: [['online', '全程网办率', '%', 'higher', 95], ['days', '开办时间', '个工作日', 'lower', 1]] },
  { code: 'hn.xmsp', name: '工程建设项目审批', lead: 'zjj', resp: ['xzsp', 'zrj'], weight: 25, definition: '省营商环境监测：工程建设项目审批时间', tags: [],
    measures: [['days', '审批时间', '个工作日', 'lower', 50]] },
  { code: 'hn.myqy', name: '民营企业评营商环境', lead: 'gsl', resp: ['yshb'], weight: 25, definition: '省营商环境监测：民营企业问卷满意度', tags: [],
    measures: [['satisfaction', '企业满意度', '%', 'higher', 90]] },
];

const round2 = (x: number) => Math.round(x * 100) / 100;
/** A share never exceeds 100%. */
const cap = (unit: string, x: number) => (unit === '%' ? Math.min(100, x) : x);

/** The two periods' values for an intended light (B is the later period). */
function values(direction: Dir, unit: string, c: number, light: 'green' | 'yellow' | 'red'): [number, number] {
  const b = c === 0 ? 100 : Math.abs(c);
  const s = direction === 'lower' ? 1 : -1;
  const pair: Record<typeof light, [number, number]> = {
    green: [c, c - s * 0.05 * b],
    yellow: [c + s * 0.3 * b, c + s * 0.15 * b],
    red: [c, c + s * 0.1 * b],
  };
  return pair[light].map((v) => cap(unit, Math.max(0, round2(v)))) as [number, number];
}

/** Two periods inside this year, the later one before the current quarter when there is one. */
function demoPeriods(now: Date): [string, string] {
  const q = quarterOf(beijingDate(now));
  if (q.endsWith('Q1')) return [`${q.slice(0, 4)}-01`, `${q.slice(0, 4)}-02`];
  const b = previousPeriod(q);
  return b.endsWith('Q1') ? [b, q] : [previousPeriod(b), b];
}

export async function demoIndicators(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const year = Number(beijingDate(ctx.now).slice(0, 4));
  const depts = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const users = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const supervisor = users.get('supervisor');
  if (!supervisor) return;
  const [pa, pb] = demoPeriods(ctx.now);
  const at = (minutesBack: number) => new Date(ctx.now.getTime() - minutesBack * 60_000);
  await db.transaction().execute(async (tx) => {
    let sort = 0;
    let n = 0;
    for (const [system, specs] of [['national', national], ['province', province]] as const) {
      for (const spec of specs) {
        const lead = depts.get(spec.lead)!;
        const first = await tx.insertInto('indicators').values({
          year, system, code: spec.code, parent_id: null, name: spec.name, definition: `${spec.definition}（演示数据：牵头单位为示意分配，未经核实）`,
          unit: '', direction: 'higher', weight: spec.weight, lead_department_id: lead,
          responsible_department_ids: spec.resp.map((r) => depts.get(r)).filter((x): x is number => x != null), sort_order: sort++, updated_at: ctx.now,
        }).returning('id').executeTakeFirstOrThrow();
        const filer = users.get(`${spec.lead}-handler`) ?? supervisor;
        for (const [mi, [code, name, unit, direction, c]] of spec.measures.entries()) {
          const m = await tx.insertInto('indicators').values({
            year, system, code: `${spec.code}.${code}`, parent_id: first.id, name, definition: '', unit, direction, weight: 0, lead_department_id: null,
            target_commitment: c, target_benchmark: cap(unit, round2(direction === 'lower' ? c * 0.8 : c * 1.05)), target_province_best: cap(unit, round2(direction === 'lower' ? c * 0.9 : c * 1.02)),
            sort_order: sort++, updated_at: ctx.now,
          }).returning('id').executeTakeFirstOrThrow();
          if (system !== 'national') continue;
          // Lights rotate over the indicators; the later period's review state rotates over the sub-measures.
          // The first sub-measure sets the indicator's light (rotating over the indicators); the others meet their targets.
          const light = mi === 0 ? (['green', 'yellow', 'red'] as const)[n % 3] : 'green';
          const [va, vb] = values(direction, unit, c, light);
          const state = (['accepted', 'accepted', 'filed', 'returned'] as const)[(n + mi) % 4];
          for (const [period, value, status] of [[pa, va, 'accepted'], [pb, vb, state]] as const) {
            const filedAt = at(period === pa ? 60 * 24 * 60 : 60 * 24 * 5);
            const f = await tx.insertInto('indicator_figures').values({
              indicator_id: m.id, period, value, note: '', status, return_reason: status === 'returned' ? '佐证材料与填报口径不一致，请补充办件系统导出记录' : null,
              department_id: lead, filed_by: filer, filed_at: filedAt, reviewed_by: status === 'filed' ? null : supervisor,
              reviewed_at: status === 'filed' ? null : new Date(filedAt.getTime() + 86_400_000), version: status === 'filed' ? 1 : 2,
            }).returning('id').executeTakeFirstOrThrow();
            await tx.insertInto('indicator_figure_steps').values({ figure_id: f.id, action: 'file', value_before: null, value_after: value, reason: null, user_id: filer, at: filedAt }).execute();
            if (status !== 'filed') {
              await tx.insertInto('indicator_figure_steps').values({
                figure_id: f.id, action: status === 'accepted' ? 'accept' : 'return', value_before: value, value_after: value,
                reason: status === 'returned' ? '佐证材料与填报口径不一致，请补充办件系统导出记录' : null, user_id: supervisor, at: new Date(filedAt.getTime() + 86_400_000),
              }).execute();
            }
          }
        }
        n++;
        for (const catCode of spec.tags) {
          await tx.updateTable('categories').set((eb) => ({ indicator_codes: eb.fn<string[]>('array_append', [eb.ref('indicator_codes'), eb.val(spec.code)]) })).where('code', '=', catCode).execute();
        }
      }
    }
    await demoStories(tx, ctx, depts, users);
  });
  await demoReforms(db, ctx, year, depts, users);
}

/** Reform measures (改革举措) of 开办企业 and 获得电力 as supervised items made from the indicator: red, yellow, green. */
async function demoReforms(db: Kysely<DB>, ctx: DemoContext, year: number, depts: Map<string, number>, users: Map<string, number>): Promise<void> {
  const supervisor = users.get('supervisor');
  const leader = users.get('leader');
  const yshb = depts.get('yshb');
  if (!supervisor || !leader || yshb === undefined) return;
  const day = (offset: number) => beijingDate(new Date(ctx.now.getTime() + offset * 86_400_000));
  const plans = [
    { code: 'kbqy', title: '企业开办“一网通办”全程网办', start: -90, end: 90, milestones: [['上线全程网办系统', -5], ['全市推广电子营业执照', 60]] },
    { code: 'kbqy', title: '免费刻章全覆盖', start: -60, end: 120, milestones: [['与刻章企业签订服务协议', 3]] },
    { code: 'hddl', title: '低压小微企业用电报装“三零”服务', start: -10, end: 200, milestones: [['出台“三零”服务实施方案', 90], ['园区全覆盖', 180]] },
  ] as const;
  for (const p of plans) {
    const ind = await db.selectFrom('indicators').select(['id', 'lead_department_id', 'name']).where('year', '=', year).where('system', '=', 'national')
      .where('code', '=', p.code).executeTakeFirst();
    const lead = ind?.lead_department_id;
    if (!ind || !lead) continue;
    await db.transaction().execute((tx) => createItem(tx, {
      title: p.title, sourceKind: 'work_report', sourceRef: `${year}年评价指标 ${p.code} ${ind.name}（演示数据）`, sourceDate: null, sourceWords: null,
      leaderUserId: leader, leaderName: '', leadDepartmentId: lead, coDepartmentIds: [], description: `${ind.name}改革举措（演示数据）`,
      startDate: day(p.start), endDate: day(p.end), schedule: { frequency: 'none' }, targets: [],
      milestones: p.milestones.map(([title, at]) => ({ title, due: { date: day(at) } })),
    }, { userId: supervisor, role: 'supervisor', departmentId: yshb }, { now: ctx.now, calendar: defaultCalendar, isDemo: true, origin: { type: 'indicator', id: ind.id } }));
  }
}

async function demoStories(tx: Kysely<DB>, ctx: DemoContext, depts: Map<string, number>, users: Map<string, number>): Promise<void> {
  const stories = [
    { category: 'approval.business_start', code: 'kbqy', title: '开办企业“一网通办”，半天拿齐执照印章', before: '开办企业 4 个环节、3 个工作日', after: '1 个环节、0.5 个工作日，免费刻章',
      body: '一家新办企业反映开办手续来回跑。市场监管局会同行政审批服务局、税务局把登记、刻章、申领发票和银行开户并入一个窗口，当天上午提交、下午领齐执照和印章。\n企业负责人说，以前要跑好几趟，现在坐下来一次就办完了。' },
    { category: 'utilities.power_connection', code: 'hddl', title: '小微企业用电报装“三零”服务，5 天通电', before: '用电报装 4 个环节、15 个工作日', after: '2 个环节、5 个工作日，零投资',
      body: '园区一家食品企业扩产急需增容。供电公司上门勘察、延伸投资到红线，企业零投资，5 个工作日通电投产，比原计划提前一周。' },
  ];
  const prefixes = placePrefixes(demoCity);
  const nominator = users.get('supervisor')!;
  for (const [i, s] of stories.entries()) {
    const c = await tx.selectFrom('cases as c').innerJoin('categories as k', 'k.id', 'c.category_id')
      .select(['c.id', 'c.submitter_name', 'c.submitter_phone', 'c.enterprise_name', 'c.lead_department_id'])
      .where('k.code', '=', s.category).where('c.status', '=', 'closed').orderBy('c.id').executeTakeFirst();
    if (!c) continue;
    const known = { names: [c.submitter_name], phones: [c.submitter_phone], enterpriseName: c.enterprise_name, maskEnterprise: true, placePrefixes: prefixes };
    const when = new Date(ctx.now.getTime() - (10 - i) * 86_400_000);
    await tx.insertInto('indicator_stories').values({
      case_id: c.id, indicator_code: s.code, title: s.title, body: s.body, before_text: s.before, after_text: s.after,
      department_ids: [c.lead_department_id, depts.get('yshb')].filter((x): x is number => x != null), status: 'published',
      public_title: maskPersonalData(s.title, known), public_body: maskPersonalData(s.body, known), nominated_by: nominator, nominated_at: when,
      reviewed_by: nominator, reviewed_at: when, published_at: when, version: 2,
    }).execute();
  }
}
