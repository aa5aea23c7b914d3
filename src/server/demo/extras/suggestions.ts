import type { Kysely } from 'kysely';
import { defaultCalendar } from '../../../domain/calendar/index.js';
import { midnightMillis, parseLocalDate, beijingDate } from '../../../domain/calendar/local-time.js';
import type { DB } from '../../db/schema.js';
import { promiseItems } from '../../modules/suggestions/promise-items.js';
import { registerSuggestion, runSuggestionCommand, type CommandActor, type CommandBody } from '../../modules/suggestions/commands.js';
import { createRng, pick, randomInt } from '../data/rng.js';
import type { DemoContext } from './context.js';

// DEMO DATA (marked 【演示数据】 in every text it writes): a year of deputies' suggestions and CPPCC proposals in every
// state and class, replayed through the suggestions area's own commands (so each has a real hash chain), and
// major-matter reports on time and late. One transaction; about 70 suggestions keep the demo load fast.

const themes: [string, string][] = [
  ['关于加快老旧小区加装电梯的建议', '城乡建设'], ['关于推进义务教育优质均衡发展的建议', '教育科技'], ['关于缓解中心城区停车难的建议', '交通运输'],
  ['关于增加公共厕所和休憩设施的建议', '城乡建设'], ['关于加快五好园区建设的建议', '营商环境'], ['关于支持数字经济发展的建议', '经济发展'],
  ['关于加快东二环项目建设的建议', '交通运输'], ['关于推进乡镇污水处理厂运营的建议', '生态环境'], ['关于扩大普惠托育服务供给的建议', '民生保障'],
  ['关于优化企业开办流程的建议', '营商环境'], ['关于加强农村饮水安全保障的建议', '农业农村'], ['关于增加养老床位的建议', '医疗卫生'],
  ['关于推进三馆三中心建设的建议', '城乡建设'], ['关于提升政务服务“一件事一次办”的建议', '营商环境'], ['关于加大中小企业融资支持的建议', '经济发展'],
];
const leads = ['zjj', 'jtj', 'cgj', 'fgw', 'gxj', 'sthjj', 'rsj', 'mzj', 'scjg', 'xzsp', 'nyj', 'zrj'];
const mark = '【演示数据】';

export async function demoSuggestions(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const rng = createRng(20261213);
  const users = await db.selectFrom('users').innerJoin('departments as d', 'd.id', 'users.department_id')
    .select(['users.id', 'users.username', 'users.role', 'users.department_id', 'd.code', 'users.display_name']).execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const supervisor = byName.get('supervisor');
  if (!supervisor) return;
  const actorOf = (u: { id: number; department_id: number; role: string }, isSupervisor = false): CommandActor => ({ userId: u.id, departmentId: u.department_id, isSupervisor, role: u.role });
  const handlerOf = (deptId: number) => users.find((u) => u.department_id === deptId && u.role === 'handler');
  const depts = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const leadIds = leads.map((c) => depts.get(c)).filter((x): x is number => x !== undefined);
  const deputies = ['deputy1', 'deputy2', 'deputy3'].map((n) => byName.get(n)).filter((u) => u !== undefined);
  const members = ['member1', 'member2'].map((n) => byName.get(n)).filter((u) => u !== undefined);
  if (leadIds.length < 3 || deputies.length === 0 || members.length === 0) return;

  const day = 86_400_000;
  const now = ctx.now.getTime();
  const count = 72;
  const stops = [0, 0, 1, 1, 2, 3, 4, 4, 5, 5, 5, 3];
  const trackPromise = promiseItems(() => ctx.now, () => defaultCalendar, true);
  await db.transaction().execute(async (tx) => {
    const numbers = { deputy: 0, cppcc: 0 };
    for (let i = 0; i < count; i++) {
      const kind = rng.next() < 0.7 ? 'deputy' as const : 'cppcc' as const;
      const proposer = pick(rng, kind === 'deputy' ? deputies : members);
      const [title, category] = themes[i % themes.length];
      // Spread over the past year. The last twelve stop at a chosen stage (1 assign, 2 sign, 3 meet, 4 reply,
      // 5 countersign, 6 rate), so every state shows whatever the clock: 待交办 … 会签中, 待评价.
      const k = i - (count - stops.length);
      const stopAt = k >= 0 ? stops[k] : 99;
      const t0 = k >= 0 ? now - (130 - k * 3) * day : now - (360 - i * 5) * day;
      const at = (d: number) => new Date(t0 + d * day);
      const reg = await registerSuggestion(tx, actorOf(supervisor, true), {
        kind, term: kind === 'deputy' ? 17 : 13, sessionNo: 5, number: ++numbers[kind] + (kind === 'deputy' ? 100 : 200), title, category, isPublic: i % 9 !== 4,
        body: `${mark}${title.replace(/^关于|的建议$/g, '')}关系群众切身利益，建议相关部门加大工作力度，明确时间表和责任单位，定期向代表委员通报进展。`,
        proposers: [{ name: proposer.display_name.replace(/（.*?）$/, ''), userId: proposer.id }, ...(i % 4 === 0 ? [{ name: '刘国强', userId: null }] : [])],
      }, at(0));
      const stage = { assign: 1, sign: 2, 'request-extension': 2, 'decide-extension': 2, meet: 3, reply: 4, countersign: 5, rate: 6 } as const;
      const step = async (actor: CommandActor, body: CommandBody, d: number): Promise<boolean> => {
        if (t0 + d * day >= now || stage[body.type] > stopAt) return false;
        await runSuggestionCommand(tx, reg, actor, body, at(d), trackPromise);
        return true;
      };
      const split = i % 11 === 3;
      const lead = leadIds[i % leadIds.length];
      const other = leadIds[(i + 3) % leadIds.length];
      const answering = split ? [lead, other] : [lead];
      const co = !split && (i % 3 === 0 || stopAt === 4) ? [other] : [];
      if (!(await step(actorOf(supervisor, true), { type: 'assign', mode: split ? 'split' : 'lead', leadDepartmentIds: answering, coDepartmentIds: co }, 2))) continue;
      let signed = true;
      for (const d of [...answering, ...co]) signed = (await step(actorOf(handlerOf(d)!), { type: 'sign' }, 3)) && signed;
      if (!signed) continue;
      const late = i % 7 === 2;
      if (i % 8 === 5) {
        if (!(await step(actorOf(handlerOf(lead)!), { type: 'request-extension', reason: `${mark}涉及多个部门和资金安排，需要更多时间协调` }, 30))) continue;
        if (!(await step(actorOf(supervisor, true), { type: 'decide-extension', approved: i % 16 !== 13, reason: '同意' }, 32))) continue;
      }
      const replyDay = late ? 100 : randomInt(rng, 35, 80);
      let replied = true;
      for (const d of answering) {
        const h = actorOf(handlerOf(d)!);
        const metOn = beijingDate(at(replyDay - 10));
        if (!(await step(h, { type: 'meet', metOn, form: pick(rng, ['in_person', 'phone', 'site_visit', 'forum'] as const), people: `${mark}代表委员本人、分管负责同志`, summary: '当面听取意见，介绍办理思路和计划，代表委员表示理解。' }, replyDay - 10))) { replied = false; break; }
        const cls = pick(rng, ['A', 'A', 'B', 'B', 'C', 'C', 'D'] as const);
        const promise = cls === 'B' || cls === 'C';
        const year = new Date(t0).getFullYear() + 1;
        if (!(await step(h, {
          type: 'reply', docNumber: `衡${d}函〔${new Date(t0 + replyDay * day).getFullYear()}〕${10 + i}号`, class: cls,
          body: `${mark}经认真研究，现将办理情况答复如下：一是已会同相关单位开展专题调研；二是${cls === 'A' ? '问题已经解决' : cls === 'D' ? '所提建议作为今后工作参考' : '已列入工作计划，正在推进'}。`,
          promise: promise ? `${title.replace(/^关于|的建议$/g, '')}：完成年度目标任务` : null, promiseDue: promise ? `${year}-12-31` : null,
        }, replyDay))) { replied = false; break; }
      }
      if (!replied) continue;
      for (const d of co) if (!(await step(actorOf(handlerOf(d)!), { type: 'countersign', opinion: '同意' }, replyDay + 3))) { replied = false; break; }
      if (!replied) continue;
      const rating = pick(rng, ['satisfied', 'satisfied', 'satisfied', 'basically', 'basically', 'unsatisfied'] as const);
      if (!(await step(actorOf(proposer), { type: 'rate', rating, comment: rating === 'unsatisfied' ? '问题尚未实质解决，希望重新办理' : '' }, replyDay + 12))) continue;
      if (rating !== 'unsatisfied') continue;
      // One re-handling round after 不满意.
      for (const d of answering) {
        const h = actorOf(handlerOf(d)!);
        if (!(await step(h, { type: 'meet', metOn: beijingDate(at(replyDay + 20)), form: 'in_person', people: `${mark}代表委员本人、主要负责同志`, summary: '再次沟通，明确整改措施。' }, replyDay + 20))) { replied = false; break; }
        if (!(await step(h, { type: 'reply', docNumber: `衡${d}函〔${new Date(t0 + (replyDay + 25) * day).getFullYear()}〕${80 + i}号`, class: 'A', body: `${mark}经重新办理，问题已经解决。` }, replyDay + 25))) { replied = false; break; }
      }
      if (!replied) continue;
      for (const d of co) if (!(await step(actorOf(handlerOf(d)!), { type: 'countersign', opinion: '同意' }, replyDay + 27))) { replied = false; break; }
      if (replied) await step(actorOf(proposer), i % 2 ? { type: 'rate', rating: 'basically', comment: '' } : { type: 'rate', rating: 'unsatisfied', comment: '仍未达到预期' }, replyDay + 35);
    }

    // 重大事项报告: three types; reports over the last three months, some late, most acknowledged.
    const types = [
      { name: '重大突发事件', deadline_days: 1, description: `${mark}安全生产事故、群体性事件等，事发后 1 个工作日内报告` },
      { name: '重大项目进展变化', deadline_days: 5, description: `${mark}重点项目开工、停工、投资重大调整，5 个工作日内报告` },
      { name: '重大政策调整', deadline_days: 3, description: `${mark}涉及企业群众切身利益的政策出台或调整，3 个工作日内报告` },
    ];
    const typeRows = await tx.insertInto('major_report_types').values(types.map((t) => ({ ...t, created_at: new Date(now - 200 * day) }))).returning(['id', 'deadline_days', 'name']).execute();
    const reports = [];
    for (let i = 0; i < 24; i++) {
      const type = typeRows[i % typeRows.length];
      const dept = leadIds[(i * 5) % leadIds.length];
      const matter = beijingDate(new Date(now - (90 - i * 3.5) * day));
      const due = defaultCalendar.addWorkingDays(new Date(midnightMillis(parseLocalDate(matter))), type.deadline_days);
      const filed = new Date(Math.min(now - 3_600_000, due.getTime() + (i % 5 === 1 ? 3 * day : -6 * 3_600_000)));
      const ack = i < 20 ? new Date(filed.getTime() + 5 * 3_600_000) : null;
      reports.push({
        type_id: type.id, department_id: dept, title: `${mark}${type.name}报告（${matter}）`, body: `${mark}事项经过、影响范围和已采取的措施，下一步工作安排。`,
        matter_date: matter, due_at: due, filed_at: filed, is_late: filed.getTime() > due.getTime(), filed_by: handlerOf(dept)!.id, files: '[]',
        acknowledged_at: ack && ack.getTime() < now ? ack : null, acknowledged_by: ack && ack.getTime() < now ? supervisor.id : null, ack_note: null,
      });
    }
    await tx.insertInto('major_reports').values(reports).execute();
  });
}
