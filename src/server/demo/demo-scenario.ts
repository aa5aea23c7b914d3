import { defaultCalendar } from '../../domain/calendar/index.js';
import type { Actor, DeadlinePolicy } from '../../domain/case/types.js';
import type { CaseKind, Urgency } from '../../domain/case/status.js';
import { generateOpinionText, generateRatingComment, generateReplyText } from './data/case-text.js';
import { chance, createRng, pick, type Rng } from './data/rng.js';
import { SimCase } from './simulate.js';
import { payloadOf, type EventPayload } from '../../domain/events/catalogue.js';

export interface ScenarioActors {
  intake: Actor[];
  supervisor: Actor;
  leader: Actor;
  system: Actor;
  /** The handler or head of a department. */
  staffOf(departmentId: number, rng: Rng): Actor;
}

export interface ScenarioInput {
  id: number;
  kind: CaseKind;
  urgency: Urgency;
  createdAt: Date;
  categoryCode: string;
  channel: EventPayload<'case.created'>['channel'];
  leadDepartmentId: number;
  alternativeLeadId: number;
  coDepartmentIds: number[];
  earlierCaseId: number | null;
  /** Days between creation and now: recent cases are more often still waiting somewhere. */
  ageDays: number;
  /** Towns and streets under each possible lead (二级派单 when the lead is a district). */
  townsOf(departmentId: number): number[];
  /** A city department the lead may call in (吹哨报到), not otherwise on the case. */
  callInId: number | null;
}

interface Levels {
  /** Its own stream, so adding levels left the rest of the demo as it was. */
  rng: Rng;
  townsOf(departmentId: number): number[];
  callInId: number | null;
}

const callInReasons = [
  '现场涉及无证经营问题，需要市场监管部门联合检查。',
  '涉及用地手续，需要自然资源部门到场核实。',
  '涉及施工安全问题，需要住建部门共同处置。',
];

const hours = (from: Date, h: number) => defaultCalendar.addWorkingHours(from, h);
const days = (from: Date, d: number) => hours(from, d * 6.5);

/**
 * Plays one case forward from its creation with realistic delays and outcomes, stopping at `now`:
 * recent cases stay in flight, older ones mostly close. Every step goes through decide().
 */
export function playScenario(input: ScenarioInput, rng: Rng, actors: ScenarioActors, policy: DeadlinePolicy, now: Date, nextAssignmentId: () => number): SimCase {
  const c = new SimCase(input.id, input.kind, input.urgency, nextAssignmentId, policy);
  const desk = pick(rng, actors.intake);
  c.record({ type: 'case.created', payload: { channel: input.channel, categoryCode: input.categoryCode, urgency: input.urgency } }, desk, input.createdAt);
  let t = input.createdAt;
  const step = (next: Date, fn: () => void): boolean => {
    if (next.getTime() > now.getTime()) return false;
    t = next;
    fn();
    return true;
  };
  // The intake queue and the departments' inboxes should hold something true to show.
  if (input.ageDays < 3 && chance(rng, 0.35)) {
    if (chance(rng, 0.4)) step(hours(t, 0.2), () => c.run({ type: 'accept' }, desk, t));
    return c;
  }
  const r = rng.next();
  if (r < 0.03) {
    step(hours(t, 1 + rng.next() * 3), () => c.run({ type: 'reject', reason: '该诉求属于司法诉讼程序处理事项，不属于本平台受理范围，已告知诉求人通过法律途径解决。' }, desk, t));
    return c;
  }
  if (r < 0.05 && input.earlierCaseId) {
    step(hours(t, 0.5 + rng.next() * 2), () => c.run({ type: 'merge', duplicateOf: input.earlierCaseId! }, desk, t));
    return c;
  }
  if (!step(hours(t, 0.2 + rng.next() * 3), () => c.run({ type: 'dispatch', leadDepartmentId: input.leadDepartmentId, coDepartmentIds: input.coDepartmentIds }, desk, t))) return c;
  if (chance(rng, 0.02)) step(hours(t, 1), () => c.run({ type: 'instruct', text: '请相关部门高度重视，限期解决，及时反馈。' }, actors.leader, t));
  if (input.ageDays < 5 && chance(rng, 0.2)) return c;

  let lead = input.leadDepartmentId;
  const leadStaff = () => actors.staffOf(lead, rng);
  // A wrong dispatch now and then: the lead signs, asks to return, the supervisor re-dispatches.
  if (chance(rng, 0.06)) {
    if (!step(hours(t, 0.5 + rng.next() * 4), () => c.run({ type: 'sign' }, leadStaff(), t))) return c;
    if (!step(hours(t, 1 + rng.next() * 3), () => c.run({ type: 'request-return', reason: '经核实，该事项不属于本单位职责范围。', basis: '依据《衡阳市人民政府部门职能配置规定》，该事项由其他部门负责。' }, leadStaff(), t))) return c;
    if (input.ageDays < 10 && chance(rng, 0.4)) return c;
    const returned = c.assignmentOf(lead)!;
    if (!step(hours(t, 1 + rng.next() * 6), () => c.run({ type: 'approve-return', assignmentId: returned.id, newLeadDepartmentId: input.alternativeLeadId }, actors.supervisor, t))) return c;
    lead = input.alternativeLeadId;
  }
  const levels: Levels = { rng: createRng(input.id * 7919 + 17), townsOf: input.townsOf, callInId: input.callInId };
  return handleRound(c, rng, actors, lead, input.ageDays, t, step, () => t, levels);
}

function handleRound(
  c: SimCase, rng: Rng, actors: ScenarioActors, lead: number, ageDays: number, start: Date,
  step: (next: Date, fn: () => void) => boolean, time: () => Date, levels: Levels,
): SimCase {
  const staff = (dept: number) => actors.staffOf(dept, rng);
  const late = chance(rng, 0.12);
  // Sign: usually within hours, sometimes after the one-day limit.
  if (!step(hours(start, late ? 7 + rng.next() * 10 : 0.3 + rng.next() * 5), () => c.run({ type: 'sign' }, staff(lead), time()))) return c;
  const signedAt = time();
  // Some departments let a case sit: these become the overdue cases supervision chases.
  if (ageDays > 12 && ageDays < 60 && chance(rng, 0.1)) return c;
  // 吹哨报到 now and then: the lead calls in another department, which signs and gives its opinion below.
  if (levels.callInId && !c.assignmentOf(levels.callInId) && chance(levels.rng, 0.05)) {
    const reason = pick(levels.rng, callInReasons);
    if (!step(hours(signedAt, 1 + levels.rng.next() * 4), () => c.run({ type: 'call-in', departmentId: levels.callInId!, reason }, staff(lead), time()))) return c;
  }
  // 二级派单: a district often passes its case on to one of its towns, which reports back before the district replies.
  const towns = levels.townsOf(lead).filter((id) => !c.assignmentOf(id));
  if (towns.length && chance(levels.rng, 0.5)) {
    const town = pick(levels.rng, towns);
    if (!step(hours(time(), 0.5 + levels.rng.next() * 3), () => c.run({ type: 'sub-dispatch', leadDepartmentId: town, coDepartmentIds: [] }, staff(lead), time()))) return c;
    if (!step(hours(time(), 0.5 + levels.rng.next() * 5), () => c.run({ type: 'sign' }, staff(town), time()))) return c;
    const report = generateOpinionText(levels.rng);
    if (!step(days(time(), 1 + levels.rng.next() * 4), () => c.run({ type: 'sub-reply', text: report }, staff(town), time()))) return c;
  }
  for (const co of c.assignments.filter((a) => a.role === 'co' && a.parentId == null && a.round === c.snapshot.round && a.status === 'pending')) {
    const dept = co.departmentId;
    if (!step(hours(signedAt, 0.5 + rng.next() * 6), () => c.run({ type: 'sign' }, staff(dept), time()))) return c;
    if (!step(days(time(), 0.5 + rng.next() * 2), () => c.run({ type: 'opinion', text: generateOpinionText(rng) }, staff(dept), time()))) return c;
  }
  if (chance(rng, 0.04)) {
    const until = days(c.snapshot.replyDeadline!, 5);
    if (!step(days(time(), 1), () => c.run({ type: 'request-extension', until, reason: '需组织现场核查并协调多个部门，申请延期5个工作日。' }, staff(lead), time()))) return c;
    if (ageDays < 15 && chance(rng, 0.5)) return c;
    if (!step(hours(time(), 2 + rng.next() * 6), () => c.run({ type: 'approve-extension' }, actors.supervisor, time()))) return c;
  }
  if (chance(rng, 0.02)) {
    if (!step(days(time(), 1), () => c.run({ type: 'suspend', reason: '待诉求人补充提交相关证明材料。' }, actors.supervisor, time()))) return c;
    if (!step(days(time(), 2 + rng.next() * 4), () => c.run({ type: 'resume' }, actors.supervisor, time()))) return c;
  }
  const limitDays = Math.max(1, defaultCalendar.workingDaysBetween(signedAt, c.snapshot.replyDeadline!));
  const replyAfter = late ? limitDays * (1.05 + rng.next() * 0.5) : limitDays * (0.2 + rng.next() * 0.75);
  const replyAt = days(signedAt, replyAfter);
  const replyText = generateReplyText(rng, String(payloadOf(c.events[0], 'case.created').categoryCode));
  if (!step(replyAt.getTime() > time().getTime() ? replyAt : hours(time(), 1), () => c.run({ type: 'reply', text: replyText }, staff(lead), time()))) return c;
  if (chance(rng, 0.06)) {
    if (!step(hours(time(), 2 + rng.next() * 6), () => c.run({ type: 'send-back', reason: '答复内容未说明具体办理结果和时限，请补充完善。' }, actors.supervisor, time()))) return c;
    if (!step(days(time(), 0.5 + rng.next()), () => c.run({ type: 'reply', text: `${replyText}（补充说明：已明确办理时限，并安排专人跟踪落实。）` }, staff(lead), time()))) return c;
  }
  if (!step(hours(time(), 1 + rng.next() * 6), () => c.run({ type: 'approve-reply' }, actors.supervisor, time()))) return c;
  if (chance(rng, 0.05)) {
    step(c.snapshot.ratingDeadline!, () => c.run({ type: 'close', reason: '评价期限届满，诉求人未评价' }, actors.system, time()));
    return c;
  }
  const r = rng.next();
  const rating = c.snapshot.redoCount > 0 ? (r < 0.8 ? 'satisfied' : 'basically') : r < 0.72 ? 'satisfied' : r < 0.88 ? 'basically' : 'unsatisfied';
  const desk = pick(rng, actors.intake);
  const wantsRedo = rating === 'unsatisfied' && chance(rng, 0.6);
  if (!step(days(time(), 0.3 + rng.next() * 3), () => c.run({ type: 'rate', rating, comment: generateRatingComment(rng, rating), wantsRedo }, desk, time()))) return c;
  if (rating !== 'unsatisfied') return c;
  if (wantsRedo && c.snapshot.redoCount === 0) {
    if (!step(hours(time(), 2 + rng.next() * 8), () => c.run({ type: 'redo', reason: '诉求人对办理结果不满意，要求重新办理。' }, actors.supervisor, time()))) return c;
    return handleRound(c, rng, actors, lead, ageDays, time(), step, time, levels);
  }
  step(hours(time(), 2 + rng.next() * 8), () => c.run({ type: 'close', reason: '经核实，承办单位已依法依规答复，诉求人诉求超出政策范围。' }, actors.supervisor, time()));
  return c;
}
