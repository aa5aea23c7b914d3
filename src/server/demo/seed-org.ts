import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Role } from '../../domain/case/status.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { invalidateCitySettings, writeCitySettings } from '../modules/settings/index.js';
import { demoCategories } from './data/categories.js';
import { demoCity } from './data/city.js';
import { demoDepartments, type DemoDepartment } from './data/departments.js';

/** The shared password of demo accounts. Demo mode only: `yiwang demo` refuses to run on a database with real data. */
export const demoPassword = 'Demo@2021';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  departmentCode: string;
}

const surnames = '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const givenNames = ['建国', '志强', '秀英', '丽华', '海燕', '晓东', '卫东', '红梅', '伟', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '文华', '国庆', '春燕', '小红', '振华'];

function personName(i: number): string {
  return surnames[(i * 7) % surnames.length] + givenNames[(i * 11) % givenNames.length];
}

/** Accounts for every role and every demo department: handler and head in each department, desk roles in the offices. */
export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', departmentCode: 'yshb' },
    { username: 'intake', displayName: `${personName(1)}（受理员）`, role: 'intake', departmentCode: 'rxzx' },
    { username: 'intake2', displayName: `${personName(2)}（话务员）`, role: 'intake', departmentCode: 'rxzx' },
    { username: 'supervisor', displayName: `${personName(3)}（督办员）`, role: 'supervisor', departmentCode: 'yshb' },
    { username: 'supervisor2', displayName: `${personName(4)}（督查室）`, role: 'supervisor', departmentCode: 'dcs' },
    { username: 'leader', displayName: `${personName(5)}（市领导）`, role: 'leader', departmentCode: 'szf' },
    // 代表委员: deputies (人大代表) and CPPCC members (政协委员) follow and rate their own suggestions.
    ...[1, 2, 3].map((n) => ({ username: `deputy${n}`, displayName: `${personName(200 + n)}（市人大代表）`, role: 'deputy' as const, departmentCode: 'szf' })),
    ...[1, 2].map((n) => ({ username: `member${n}`, displayName: `${personName(210 + n)}（市政协委员）`, role: 'deputy' as const, departmentCode: 'szf' })),
  ];
  let i = 10;
  for (const d of allDemoDepartments()) {
    if (d.code === 'szf') continue;
    accounts.push({ username: `${d.code}-handler`, displayName: personName(i++), role: 'handler', departmentCode: d.code });
    accounts.push({ username: `${d.code}-head`, displayName: `${personName(i++)}（负责人）`, role: 'head', departmentCode: d.code });
  }
  return accounts;
}

/** The demo tree plus the city government itself, where leaders sit. */
export function allDemoDepartments(): DemoDepartment[] {
  const extra: DemoDepartment[] = demoDepartments.some((d) => d.code === 'szf') ? [] : [{ code: 'szf', name: '衡阳市人民政府', kind: 'office', group: 'city' }];
  return [...extra, ...demoDepartments];
}

/** Fictional notification addresses of a demo account (a reserved local domain; phone numbers from an unused block). */
export function demoContact(username: string, index: number): { email: string; phone: string } {
  return { email: `${username}@demo.yiwang.local`, phone: `1990734${String(index).padStart(4, '0')}` };
}

/** Loads the city's settings (unless set already), departments, categories and accounts. Idempotent by code and username. */
export async function seedOrganisation(db: Kysely<DB>): Promise<void> {
  const departments = allDemoDepartments();
  await db.transaction().execute(async (tx) => {
    // The same write as `yiwang init` and the admin's 城市设置; a platform set up for another city keeps its own.
    const set = await tx.selectFrom('city_settings').select('id').executeTakeFirst();
    if (!set) await writeCitySettings(tx, demoCity);
    const ids = new Map<string, number>();
    for (const [i, d] of departments.entries()) {
      const row = await tx.insertInto('departments')
        .values({ code: d.code, name: d.name, kind: d.kind, dept_group: d.group, parent_id: d.parentCode ? ids.get(d.parentCode) ?? null : null, sort_order: i, phone: d.phone ?? null })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: d.name }))
        .returning('id').executeTakeFirstOrThrow();
      ids.set(d.code, row.id);
    }
    const catIds = new Map<string, number>();
    for (const [i, c] of demoCategories.entries()) {
      const lead = c.leadDepartmentCodes[0];
      const row = await tx.insertInto('categories')
        .values({ code: c.code, name: c.name, parent_id: c.parentCode ? catIds.get(c.parentCode) ?? null : null, kind: c.kind, default_lead_department_id: lead ? ids.get(lead) ?? null : null, sort_order: i,
          co_department_ids: (c.coDepartmentCodes ?? []).filter((x) => x !== lead).map((x) => ids.get(x)).filter((x): x is number => x != null) })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: c.name }))
        .returning('id').executeTakeFirstOrThrow();
      catIds.set(c.code, row.id);
    }
    // One Argon2 hash for the shared demo password keeps seeding fast; real accounts each get their own.
    const hash = await hashPassword(demoPassword);
    const accounts = demoAccounts();
    for (let i = 0; i < accounts.length; i += 200) {
      await tx.insertInto('users')
        .values(accounts.slice(i, i + 200).map((a, j) => ({ username: a.username, display_name: a.displayName, role: a.role, department_id: ids.get(a.departmentCode)!, password_hash: hash, ...demoContact(a.username, i + j) })))
        .onConflict((oc) => oc.column('username').doNothing())
        .execute();
    }
  });
  invalidateCitySettings(db);
}
