import type { Kysely } from 'kysely';
import { analyseRule, type RoutingRule } from '../../../domain/routing/rules.js';
import type { DB } from '../../db/schema.js';
import { loadTrainingCases, organisationWordsFrom, trainAndStore } from '../../modules/routing/models.js';
import type { DemoContext } from './context.js';
import { cityWords } from '../../../domain/settings/city.js';
import { demoCity } from '../data/city.js';

// Demo of the routing area: a few sensible rules (and one an admin would be warned about), and a router trained on
// the demo's closed cases, so the console's "试一试" box and the intake queue's suggestions work on a fresh start.

interface DemoRule {
  name: string;
  keywords?: string[];
  keywordMode?: 'any' | 'all';
  districts?: string[];
  locations?: string[];
  lead: string;
  co?: string[];
  isActive?: boolean;
}

const rules: DemoRule[] = [
  { name: '燃气报装、开户 → 华润燃气', keywords: ['燃气报装', '用气报装', '天然气开户', '燃气开户'], lead: 'rqgs', co: ['zjj'] },
  { name: '用电报装、变压器增容 → 供电公司', keywords: ['用电报装', '变压器增容', '电力接入'], lead: 'gdgs' },
  { name: '用水报装 → 水务集团', keywords: ['用水报装', '供水接入'], lead: 'swjt', co: ['zjj'] },
  { name: '拖欠农民工工资 → 人社局（住建局协办）', keywords: ['农民工工资', '欠薪'], lead: 'rsj', co: ['zjj'] },
  { name: '出口退税、留抵退税 → 税务局', keywords: ['出口退税', '留抵退税'], lead: 'shuiwu' },
  { name: '南岳区景区问题 → 南岳区', districts: ['南岳区'], keywords: ['景区', '门票', '香客'], lead: 'nyq' },
  { name: '高新区企业的用地问题 → 自然资源和规划局', locations: ['高新区', '高新技术产业开发区'], keywords: ['用地', '土地'], lead: 'zrj', co: ['gxq'] },
  // Shows the save-time warning: every text this matches also matches the wage rule above it.
  { name: '蒸湘区欠薪 → 蒸湘区（示例：被上面的规则覆盖）', districts: ['蒸湘区'], keywords: ['欠薪'], lead: 'zxq', isActive: true },
];

export async function demoRouting(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const departments = await db.selectFrom('departments').select(['id', 'code', 'name', 'is_active']).execute();
  const byCode = new Map(departments.map((d) => [d.code, d.id]));
  const byName = new Map(departments.map((d) => [d.name, d.id]));
  const admin = await db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('id').executeTakeFirst();
  const stored: RoutingRule[] = [];
  for (const [i, r] of rules.entries()) {
    const lead = byCode.get(r.lead);
    const co = (r.co ?? []).map((c) => byCode.get(c)).filter((x): x is number => x != null);
    const districtIds = (r.districts ?? []).map((n) => byName.get(n)).filter((x): x is number => x != null);
    if (!lead) continue;
    const conditions = { categoryIds: [], districtIds, keywords: r.keywords ?? [], keywordMode: r.keywordMode ?? 'any', locations: r.locations ?? [] } as const;
    const { id } = await db.insertInto('routing_rules').values({
      name: r.name, position: i + 1, is_active: r.isActive ?? true, version: 1, conditions: JSON.stringify(conditions), lead_department_id: lead,
      co_department_ids: JSON.stringify(co), flags: '[]', created_at: ctx.now, updated_at: ctx.now, updated_by: admin?.id ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    stored.push({ id, version: 1, name: r.name, position: i + 1, isActive: r.isActive ?? true, ...conditions, keywords: [...conditions.keywords], locations: [...conditions.locations], categoryIds: [], leadDepartmentId: lead, coDepartmentIds: co });
  }
  const active = new Set(departments.filter((d) => d.is_active).map((d) => d.id));
  for (const r of stored) {
    const flags = analyseRule(r, stored, (id) => active.has(id));
    await db.updateTable('routing_rules').set({ flags: JSON.stringify(flags) }).where('id', '=', r.id).execute();
    await db.insertInto('routing_rule_versions').values({
      rule_id: r.id, version: 1, snapshot: JSON.stringify(r), flags: JSON.stringify(flags), saved_by: admin?.id ?? null, saved_at: ctx.now, change: 'created',
    }).execute();
  }
  const cases = await loadTrainingCases(db);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  try {
    await trainAndStore(db, cases, { trigger: 'demo', userId: admin?.id ?? null }, {
      now: ctx.now, departmentName: (id) => names.get(id) ?? `#${id}`, userWords: organisationWordsFrom(departments.map((d) => d.name), cityWords(demoCity)), stopWords: cityWords(demoCity), current: null,
    });
  } catch (err) {
    // A very small demo (yiwang demo --cases 20) may not have enough closed cases: the console offers training later.
    if ((err as { code?: string }).code !== 'ROUTER_NOT_ENOUGH_DATA') throw err;
  }
}
