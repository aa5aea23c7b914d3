// Seeded generator of realistic case texts for the Hengyang demo: what enterprises and
// citizens write to 12345 / the business-environment channel, and how departments answer.
// Pure: all randomness comes from the Rng passed in, so a seed reproduces the data.

import { caseTemplates, type CaseTemplate } from './case-templates';
import {
  anonymisedPerson,
  BANKS,
  contactName,
  enterprise,
  estateName,
  mobilePhone,
  personName,
  PRODUCTS,
  projectName,
  STATE_OWNED,
  truckPlate,
  villageName,
} from './case-text-pools';
import { address, placeName, roadIn } from './case-text-places';
import {
  OPINIONS,
  RATING_COMMENTS,
  REPLY_ACTIONS,
  REPLY_CLOSINGS,
  REPLY_OPENINGS,
  REPLY_RESULTS,
} from './case-replies';
import { demoCategories, type CaseKind, type DemoCategory } from './categories';
import { demoDepartments } from './departments';
import { chance, pick, randomInt, type Rng } from './rng';

export { createRng, type Rng } from './rng';

export interface CaseText {
  title: string;
  description: string;
  enterpriseName?: string;
  creditCode?: string;
  contactName: string;
  phone: string;
  address: string;
}

/** Share of enterprise submitters that give their unified social credit code. */
const CREDIT_CODE_SHARE = 0.6;

const MIN_DESCRIPTION = 60;
const MAX_DESCRIPTION = 250;

// How intake operators frame what a caller said (工单内容), and what callers ask for at the end.
const PERSON_LEADS = ['市民来电反映：', '来电人反映：', '群众网上留言：', '诉求人称：', '市民通过“衡阳12345”微信公众号反映：'];
const ENTERPRISE_LEADS = ['{ent}来电反映：', '企业通过营商环境问题反映平台留言：', '{ent}负责人反映：', '{ent}（{place}）反映：'];
const CLOSINGS: Record<CaseKind, string[]> = {
  consultation: ['来电人希望相关部门给予政策解答。', '请相关部门给予明确答复。', '希望能有工作人员电话联系解答。'],
  help: ['恳请相关部门帮助协调解决。', '希望政府部门能帮企业渡过难关。', '诉求人希望尽快得到协调处理。'],
  complaint: [
    '诉求人希望相关部门尽快核实处理并给予答复。',
    '此前已多次反映，问题一直未得到解决。',
    '来电人要求尽快解决，并将处理结果告知本人。',
    '请相关部门核实处理。',
  ],
  report: ['请相关部门依法调查处理。', '举报人愿意配合调查，要求对个人信息保密。'],
  suggestion: ['希望相关部门研究采纳。', '请相关部门研究考虑。'],
};

const categoriesByCode = new Map(demoCategories.map((c) => [c.code, c]));

type SlotValues = Record<string, () => string>;

/** Amount in 万元 between min and max, rounded the way people quote amounts. */
function amount(rng: Rng, min: number, max: number): string {
  const value = min + (max - min) * rng.next() ** 2;
  if (value < 10) return String(Math.round(value * 10) / 10);
  if (value < 100) return String(Math.round(value));
  return String(Math.round(value / 5) * 5);
}

function commonSlots(rng: Rng): SlotValues {
  return {
    amount: () => amount(rng, 5, 500),
    bigAmount: () => amount(rng, 100, 5000),
    smallAmount: () => amount(rng, 0.5, 30),
    fee: () => String(Math.round((200 + 19800 * rng.next() ** 2) / 10) * 10),
    month: () => String(randomInt(rng, 1, 12)),
    day: () => String(randomInt(rng, 1, 28)),
    months: () => String(randomInt(rng, 2, 14)),
    days: () => String(randomInt(rng, 5, 45)),
    times: () => String(randomInt(rng, 2, 6)),
    count: () => String(randomInt(rng, 6, 120)),
    area: () => String(randomInt(rng, 8, 500) * 100),
    capacity: () => String(pick(rng, [200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500])),
    person: () => anonymisedPerson(rng),
    officer: () => personName(rng),
    village: () => villageName(rng),
    plate: () => truckPlate(rng),
    bank: () => pick(rng, BANKS),
    soe: () => pick(rng, STATE_OWNED),
    product: () => pick(rng, PRODUCTS),
    project: () => projectName(rng),
    estate: () => estateName(rng),
    landline: () => String(randomInt(rng, 8000000, 8899999)),
  };
}

/**
 * Fills `[a|b]` alternatives, then `{slot}`s. Each slot is drawn once per text, so one
 * complaint keeps talking about the same project, amount and road.
 */
function fill(rng: Rng, text: string, slots: SlotValues, memo: Map<string, string>): string {
  const chosen = text.replace(/\[([^[\]]*)\]/g, (_m, options: string) => pick(rng, options.split('|')));
  return chosen.replace(/\{(\w+)\}/g, (match, name: string) => {
    const cached = memo.get(name);
    if (cached !== undefined) return cached;
    const make = slots[name];
    if (!make) throw new Error(`unknown template slot ${match} in "${text}"`);
    const value = make();
    memo.set(name, value);
    return value;
  });
}

/**
 * Adds the operator's lead-in and the caller's closing request, as 12345 work orders read,
 * always when the bare text is short and sometimes otherwise, never beyond the maximum.
 */
function frame(
  rng: Rng,
  body: string,
  kind: CaseKind,
  fromEnterprise: boolean,
  slots: SlotValues,
  memo: Map<string, string>,
): string {
  let text = body;
  const closings = [...CLOSINGS[kind]];
  const addClosing = () => {
    const closing = closings.splice(Math.floor(rng.next() * closings.length), 1)[0];
    if (closing && text.length + closing.length <= MAX_DESCRIPTION) text += closing;
  };
  if (text.length < MIN_DESCRIPTION || chance(rng, 0.35)) {
    // Do not name the enterprise twice when the text already does.
    const namesItself = fromEnterprise && memo.has('ent');
    const leads = fromEnterprise ? ENTERPRISE_LEADS.filter((l) => !namesItself || !l.includes('{ent}')) : PERSON_LEADS;
    const lead = fill(rng, pick(rng, leads), slots, memo);
    if (text.length + lead.length <= MAX_DESCRIPTION) text = lead + text;
  }
  if (text.length < MIN_DESCRIPTION || chance(rng, 0.3)) addClosing();
  while (text.length < MIN_DESCRIPTION && closings.length > 0) addClosing();
  return text;
}

function wrapTitle(rng: Rng, core: string, kind: CaseKind, fromEnterprise: boolean): string {
  switch (kind) {
    case 'consultation':
      return pick(rng, [`咨询${core}`, `咨询${core}`, `关于${core}的咨询`, `${core}相关问题咨询`]);
    case 'help':
      return pick(rng, [`求助：${core}`, `请求协调${core}`, `反映${core}`, core]);
    case 'complaint':
      return pick(rng, [`反映${core}`, `投诉${core}`, `关于${core}的问题`, core, fromEnterprise ? `企业反映${core}` : `群众反映${core}`]);
    case 'report':
      return pick(rng, [`举报${core}`, `反映${core}`, `关于${core}的举报`, core]);
    case 'suggestion':
      return pick(rng, [`建议${core}`, `关于${core}的建议`, core]);
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown case kind ${String(unreachable)}`);
    }
  }
}

function resolveLeaf(rng: Rng, categoryCode: string): DemoCategory {
  const category = categoriesByCode.get(categoryCode);
  if (!category) throw new Error(`unknown demo category '${categoryCode}'`);
  if (category.parentCode) return category;
  // A top-level code: any of its leaves will do.
  return pick(rng, demoCategories.filter((c) => c.parentCode === category.code));
}

export function generateCaseText(rng: Rng, categoryCode: string, districtName: string, townName?: string): CaseText {
  const leaf = resolveLeaf(rng, categoryCode);
  const group = leaf.parentCode as string;
  const template: CaseTemplate = pick(rng, caseTemplates[leaf.code] ?? []);
  const [who, titleCore, body, kindOverride] = template;
  const fromEnterprise = who === 'ent';
  const submitter = enterprise(rng, group, districtName, fromEnterprise && chance(rng, CREDIT_CODE_SHARE));
  const other = enterprise(rng, group, districtName, false);
  const road = roadIn(rng, districtName);
  const town = townName ?? '';

  const slots: SlotValues = {
    ...commonSlots(rng),
    ent: () => submitter.name,
    entShort: () => submitter.shortName,
    otherEnt: () => other.name,
    district: () => districtName,
    town: () => town || districtName,
    place: () => placeName(districtName, townName),
    road: () => road,
  };
  const memo = new Map<string, string>();
  const kind = kindOverride ?? leaf.kind;
  const description = frame(rng, fill(rng, body, slots, memo), kind, fromEnterprise, slots, memo);
  // A title without any slot would repeat across cases; real titles often name the place.
  const placedCore = !titleCore.includes('{') && chance(rng, 0.7) ? `${placeName(districtName, townName)}${titleCore}` : titleCore;
  const title = wrapTitle(rng, fill(rng, placedCore, slots, memo), kind, fromEnterprise);

  const text: CaseText = {
    title,
    description,
    contactName: contactName(rng),
    phone: mobilePhone(rng),
    address: address(rng, districtName, townName, road),
  };
  if (fromEnterprise) {
    text.enterpriseName = submitter.name;
    if (submitter.creditCode) text.creditCode = submitter.creditCode;
  }
  return text;
}

/** How a department refers to itself in a reply: 我局, 我委, 我中心… */
function selfReference(departmentName: string): string {
  const suffixes: Array<[RegExp, string]> = [
    [/办公室$/, '我办'], [/督查室$/, '我室'], [/委员会$/, '我委'], [/中心$/, '我中心'], [/分行$/, '我行'],
    [/海关$/, '我关'], [/支队$/, '我支队'], [/(公司|集团有限公司)$/, '我公司'], [/局$/, '我局'],
  ];
  for (const [pattern, self] of suffixes) if (pattern.test(departmentName)) return self;
  return '我单位';
}

function departmentNameOf(code: string | undefined): string {
  return demoDepartments.find((d) => d.code === code)?.name ?? '';
}

export function generateReplyText(rng: Rng, categoryCode: string): string {
  const leaf = resolveLeaf(rng, categoryCode);
  const group = leaf.parentCode as string;
  const self = selfReference(departmentNameOf(leaf.leadDepartmentCodes[0]));
  const slots: SlotValues = { ...commonSlots(rng), self: () => self };
  const memo = new Map<string, string>();
  const actions = REPLY_ACTIONS[leaf.code] ?? REPLY_ACTIONS[group] ?? REPLY_ACTIONS.other;
  const sentences = [
    ...(chance(rng, 0.8) ? [pick(rng, REPLY_OPENINGS)] : []),
    pick(rng, actions),
    pick(rng, REPLY_RESULTS),
    ...(chance(rng, 0.35) ? [pick(rng, REPLY_CLOSINGS)] : []),
  ];
  return sentences.map((s) => fill(rng, s, slots, memo)).join('');
}

export function generateOpinionText(rng: Rng): string {
  return fill(rng, pick(rng, OPINIONS), commonSlots(rng), new Map());
}

export function generateRatingComment(rng: Rng, rating: 'satisfied' | 'basically' | 'unsatisfied'): string {
  return pick(rng, RATING_COMMENTS[rating]);
}
