import type { Kysely } from 'kysely';
import { permissionsOf } from '../../../domain/access/permissions.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { reportPeriods } from '../../../domain/items/index.js';
import type { CreateItemRequest } from '../../../contracts/items.js';
import type { DB } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { answerItemOrderCmd, createItem, issueItemOrder, reportProgress, reviewReport, sweepItemLights, closeItem } from '../../modules/items/index.js';
import { defaultCalendar } from '../../../domain/calendar/index.js';
import type { DemoContext } from './context.js';
import { markItemHistoryRead } from '../../modules/notifications/index.js';

// Demo data (marked is_demo): the key tasks of the mayor's meeting (市政府常务会议) and the youth league's "希望小屋"
// project, in every state and light. Their history is replayed through the items area's own commands on a moving
// clock (like the cases replay decide()), so every row and event is one those commands write; the light sweep then
// runs at the demo's "now".

const dayMs = 86_400_000;

interface Plan {
  title: string;
  lead: string;
  co: string[];
  source?: Pick<CreateItemRequest, 'sourceKind' | 'sourceRef' | 'sourceWords'>;
  /** Days from now. */
  start: number;
  end: number;
  targets: Array<{ name: string; measure: string; value: number; sites?: string[] }>;
  milestones: Array<{ title: string; at: number }>;
  /** How the unit reported: every period on time, one late, the last one missing, none at all. */
  reports: 'on_time' | 'late_one' | 'missing_last' | 'none';
  /** Share of each target reached by now (the last accepted figure). */
  progress: number;
  /** Milestones (by index) finished and accepted. */
  done: number[];
  order?: 'open' | 'answered';
  returnOne?: boolean;
  close?: string;
}

const meeting = {
  sourceKind: 'meeting' as const,
  sourceRef: '市政府常务会议',
  sourceWords: '紧盯市委、市政府重点任务，强化调度、精准发力、注重实效，确保各项工作任务落地落实。',
};

// 12 青联"希望小屋" sites (typical addresses, not verified).
const houseSites = [
  '珠晖区茶山坳镇堰头村', '雁峰区岳屏镇陆家村', '石鼓区角山镇米水村', '蒸湘区雨母山镇东阳村', '南岳区寿岳乡岳林村', '衡阳县西渡镇梅花村',
  '衡南县云集镇檀山村', '衡山县开云镇师古村', '衡东县吴集镇白莲村', '祁东县白地市镇石门村', '耒阳市蔡子池街道伍家村', '常宁市宜潭乡高台村',
];

const plans: Plan[] = [
  { title: '五好园区建设', lead: 'gxj', co: ['fgw', 'zrj'], start: -150, end: 215, targets: [{ name: '达标园区', measure: '个', value: 12 }, { name: '新增规上企业', measure: '家', value: 150 }],
    milestones: [{ title: '印发五好园区建设方案', at: -120 }, { title: '完成园区评价', at: 3 }, { title: '年度验收', at: 200 }], reports: 'on_time', progress: 0.42, done: [0] },
  { title: '数字经济', lead: 'gxj', co: ['sjzyj'], start: -140, end: 225, targets: [{ name: '数字经济核心产业增加值增长', measure: '%', value: 15 }],
    milestones: [{ title: '出台数字经济三年行动计划', at: -100 }, { title: '建成城市大数据中心二期', at: 60 }], reports: 'on_time', progress: 0.4, done: [0] },
  { title: '东二环项目建设', lead: 'jtj', co: ['zjj', 'zrj'], start: -160, end: 200, targets: [{ name: '完成投资', measure: '亿元', value: 18 }, { name: '征拆完成', measure: '%', value: 100 }],
    milestones: [{ title: '完成征地拆迁', at: -5 }, { title: '主线贯通', at: 150 }], reports: 'on_time', progress: 0.45, done: [], order: 'answered' },
  { title: '老旧小区加装电梯', lead: 'zjj', co: ['scjg', 'xzsp'], start: -130, end: 230, targets: [{ name: '加装电梯', measure: '台', value: 300 }, { name: '财政补助资金', measure: '元', value: 9_000_000 }],
    milestones: [{ title: '完成摸底和居民意见征集', at: -90 }, { title: '完成首批 100 台', at: 40 }], reports: 'missing_last', progress: 0.36, done: [0], order: 'open' },
  { title: '义务教育优质均衡', lead: 'jyj', co: ['czj', 'zjj'], start: -150, end: 215, targets: [{ name: '新建改扩建学校', measure: '所', value: 20 }, { name: '新增学位', measure: '个', value: 24_000 }],
    milestones: [{ title: '项目开工', at: -60 }, { title: '秋季学期投入使用', at: 100 }], reports: 'late_one', progress: 0.1, done: [0] },
  { title: '南华大学附一医院就地扩建', lead: 'wjw', co: ['zrj', 'zjj', 'xzsp'], start: -120, end: 240, targets: [{ name: '新增床位', measure: '张', value: 1_200 }],
    milestones: [{ title: '完成方案审批', at: -80 }, { title: '主体工程开工', at: 2 }], reports: 'on_time', progress: 0.35, done: [0], returnOne: true },
  { title: '三馆三中心', lead: 'whlj', co: ['zjj', 'czj'], start: -200, end: 160, targets: [{ name: '建成场馆', measure: '个', value: 6 }],
    milestones: [{ title: '完成设计招标', at: -150 }, { title: '主体封顶', at: 30 }], reports: 'on_time', progress: 0.55, done: [0] },
  { title: '乡镇污水处理厂', lead: 'zjj', co: ['sthjj'], start: -330, end: -10, targets: [{ name: '建成乡镇污水处理厂', measure: '座', value: 28 }],
    milestones: [{ title: '完成选址和环评', at: -280 }, { title: '全部建成运行', at: -20 }], reports: 'on_time', progress: 1, done: [0, 1], order: 'answered',
    close: '28 座乡镇污水处理厂全部建成并通水运行，环保部门验收意见和运行监测报告已归档。' },
  { title: '富士康工业互联网项目', lead: 'gxj', co: ['shangwu', 'xzsp'], start: -100, end: 260, targets: [{ name: '完成投资', measure: '亿元', value: 30 }],
    milestones: [{ title: '签订投资协议', at: -70 }, { title: '一期厂房交付', at: 120 }], reports: 'none', progress: 0, done: [] },
  { title: '学位、床位、车位、厕位、歇位“五位”建设', lead: 'fgw', co: ['jyj', 'wjw', 'cgj', 'gaj'], start: -150, end: 215,
    targets: [{ name: '新增学位', measure: '个', value: 10_000 }, { name: '新增床位', measure: '张', value: 2_000 }, { name: '新增停车位', measure: '个', value: 20_000 }, { name: '新建改建公厕', measure: '座', value: 300 }, { name: '新增休憩座椅', measure: '处', value: 1_000 }],
    milestones: [{ title: '分解下达年度任务', at: -130 }, { title: '半年调度', at: 30 }], reports: 'on_time', progress: 0.2, done: [0] },
  { title: '青联“希望小屋”和“希望书桌”项目', lead: 'jyj', co: ['mzj'],
    source: { sourceKind: 'meeting', sourceRef: '团市委、市青联“希望小屋”项目推进会', sourceWords: '年内建成 12 个青联“希望小屋”，每个配置 1 万元设施设备；捐赠 200 套“希望书桌”，每套 600 元；组建 3 支服务队与村结对。' },
    start: -90, end: 270, targets: [
      { name: '青联“希望小屋”', measure: '个', value: 12, sites: houseSites },
      { name: '“希望小屋”设施设备资金（每个 1 万元）', measure: '元', value: 120_000 },
      { name: '“希望书桌”（每套 600 元）', measure: '套', value: 200 },
      { name: '结对服务队', measure: '支', value: 3 },
    ],
    milestones: [{ title: '确定 12 个小屋点位', at: -60 }, { title: '首批 6 个小屋建成', at: 20 }, { title: '书桌全部发放到位', at: 90 }], reports: 'on_time', progress: 0.5, done: [0] },
];

export async function demoItems(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const users = await db.selectFrom('users').innerJoin('departments as d', 'd.id', 'users.department_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'users.department_id', 'd.code']).execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const units = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const staff = (username: string): StaffUser | null => {
    const u = byName.get(username);
    return u ? { id: u.id, username: u.username, displayName: u.display_name, role: u.roles[0], roles: u.roles, permissions: permissionsOf(u.roles), departmentId: u.department_id, departmentName: u.code, mustChangePassword: false } : null;
  };
  const supervisor = staff('supervisor2') ?? staff('supervisor');
  const leader = byName.get('leader');
  if (!supervisor || !leader) return;
  let clock = ctx.now;
  const deps = {
    database: { db, kind: 'pglite' as const, location: 'demo', close: async () => {} },
    now: () => clock,
    // Replayed history: no e-mail for it (a red light's SMS is queued like any, for people who asked for SMS).
    notifications: { hub: { publish: async () => {} }, mailer: { enabled: false } },
  } as unknown as AppDeps;
  const day = (offset: number) => beijingDate(new Date(ctx.now.getTime() + offset * dayMs));
  const at = (offset: number, hour = 10) => new Date(`${day(offset)}T${String(hour).padStart(2, '0')}:00:00+08:00`);

  for (const p of plans) {
    if (!units.has(p.lead) || p.co.some((c) => !units.has(c))) continue;
    const handler = staff(`${p.lead}-handler`);
    const head = staff(`${p.lead}-head`);
    if (!handler || !head) continue;
    clock = at(p.start, 9);
    const startDate = day(p.start);
    const endDate = day(p.end);
    const input: CreateItemRequest = {
      title: p.title, ...(p.source ?? meeting), sourceDate: startDate, leaderUserId: leader.id, leaderName: '', leadDepartmentId: units.get(p.lead)!,
      coDepartmentIds: p.co.map((c) => units.get(c)!), description: `${p.title}：按月调度，每月 28 日前报送进展。`, startDate, endDate,
      schedule: { frequency: 'monthly', day: 28 },
      targets: p.targets.map((t) => ({ name: t.name, measure: t.measure, value: t.value, sites: t.sites ?? [] })),
      milestones: p.milestones.map((m) => ({ title: m.title, due: { date: day(m.at) } })),
    };
    const { id } = await db.transaction().execute((tx) => createItem(tx, input, { userId: supervisor.id, role: 'supervisor', departmentId: supervisor.departmentId },
      { now: clock, calendar: defaultCalendar, isDemo: true }));
    const targets = await db.selectFrom('item_targets').select(['id', 'target_value']).where('item_id', '=', id).orderBy('seq').execute();
    const milestones = await db.selectFrom('item_milestones').select(['id', 'due_at']).where('item_id', '=', id).orderBy('seq').execute();
    const periods = reportPeriods({ frequency: 'monthly', day: 28 }, startDate, endDate).filter((r) => r.dueAt.getTime() < Math.min(ctx.now.getTime(), at(p.end).getTime()));
    const closing = !!p.close;
    const total = periods.length + (closing ? 1 : 0);
    const sent = p.reports === 'none' ? 0 : p.reports === 'missing_last' ? periods.length - 1 : total;
    const doneLeft = new Set(p.done);
    for (let i = 0; i < sent; i++) {
      const period = periods[i];
      const isLate = p.reports === 'late_one' && i === sent - 2;
      const offsetDays = period ? (period.dueAt.getTime() - ctx.now.getTime()) / dayMs + (isLate ? 3 : -2) : p.end - 2;
      clock = new Date(ctx.now.getTime() + Math.round(offsetDays) * dayMs);
      const share = Math.min(1, p.progress * (i + 1) / sent);
      const finished = milestones.map((m, k) => ({ m, k })).filter(({ m, k }) => doneLeft.has(k) && m.due_at.getTime() <= clock.getTime() + 45 * dayMs);
      for (const f of finished) doneLeft.delete(f.k);
      if (i === sent - 1) for (const k of doneLeft) finished.push({ m: milestones[k], k });
      const report = await reportProgress(deps, i % 2 ? head : handler, id, {
        text: `${p.title}第 ${i + 1} 期进展：按计划推进，累计完成年度目标的 ${Math.round(share * 100)}%。`,
        figures: targets.map((t) => ({ targetId: t.id, value: Math.round(t.target_value * share) })),
        milestoneIds: finished.map((f) => f.m.id), fileIds: [],
      });
      clock = new Date(clock.getTime() + dayMs);
      if (p.returnOne && i === sent - 1) {
        await reviewReport(deps, supervisor, id, report.id, { decision: 'return', reason: '请补充床位建设的分项数据和现场照片。' });
      } else {
        await reviewReport(deps, supervisor, id, report.id, { decision: 'accept' });
      }
    }
    if (p.order) {
      const issueAt = Math.min(-4, p.end - 10);
      clock = at(issueAt);
      const orderId = await issueItemOrder(deps, supervisor, id, {
        departmentId: units.get(p.lead)!, level: 'yellow', demands: `${p.title}进度滞后，请于 3 个工作日内书面说明原因和整改措施。`, deadline: { workingDays: 3 },
      });
      if (p.order === 'answered') {
        clock = at(issueAt + 2);
        await answerItemOrderCmd(deps, head, id, orderId, '已召开专题调度会，明确征拆攻坚责任人和完成时限，每周报送进度。');
      }
    }
    if (p.close) {
      clock = at(p.end + 3);
      await closeItem(deps, supervisor, id, { evidence: p.close, fileIds: [] });
    }
  }
  // The B/C promises the suggestions' demo made into items: their units report each quarter on time, but one in five
  // has not sent the last quarter's, so the ledger shows some red without every promise looking forgotten.
  const promises = await db.selectFrom('items').innerJoin('departments as d', 'd.id', 'items.lead_department_id')
    .select(['items.id', 'items.title', 'items.start_date', 'items.end_date', 'items.report_frequency', 'items.report_day', 'items.created_at', 'd.code'])
    .where('items.origin_type', '=', 'suggestion').where('items.is_demo', '=', true).orderBy('items.id').execute();
  for (const [n, item] of promises.entries()) {
    const handler = staff(`${item.code}-handler`);
    if (!handler || item.report_frequency === 'none') continue;
    const periods = reportPeriods({ frequency: item.report_frequency, day: item.report_day ?? 25 }, item.start_date, item.end_date)
      .filter((r) => r.dueAt.getTime() < ctx.now.getTime());
    const sent = n % 5 === 4 ? periods.length - 1 : periods.length;
    for (let i = 0; i < sent; i++) {
      clock = new Date(Math.max(periods[i].dueAt.getTime() - 3 * dayMs, item.created_at.getTime() + 3_600_000));
      const report = await reportProgress(deps, handler, item.id, {
        text: `${item.title}第 ${i + 1} 期进展：已制定落实方案，按答复承诺的时间表推进。`, figures: [], milestoneIds: [], fileIds: [],
      });
      clock = new Date(clock.getTime() + dayMs);
      await reviewReport(deps, supervisor, item.id, report.id, { decision: 'accept' });
    }
  }
  clock = ctx.now;
  await sweepItemLights(deps);
  // Months of replayed reports are not news: the bell shows the last days' item notices only, as it does for cases.
  await markItemHistoryRead(db, new Date(ctx.now.getTime() - 4 * dayMs));
}
