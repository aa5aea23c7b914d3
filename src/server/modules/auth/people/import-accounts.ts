import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { passwordWeaknesses, type PasswordPolicy } from '../../../../domain/access/password-policy.js';
import { roles as allRoles, type Role } from '../../../../domain/case/status.js';
import type { AccountImportReport } from '../../../../contracts/people.js';
import type { AppDeps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import type { Table } from '../../../import-file/read-table.js';
import type { StaffUser } from '../../../kernel/index.js';
import { recordAdminChange, staffActor } from '../../admin-audit/index.js';
import { generateOneTimePassword, hashOneTimePassword, hashPassword } from '../passwords.js';
import { getPolicy } from './policy.js';

// Excel import of accounts (账号导入), with a dry run. Each bad row's problems in Chinese; on the real run the good
// rows are written in one transaction and the bad ones listed. New accounts get one-time passwords (or the file's
// 初始密码, checked against the policy), delivered once as an .xlsx the administrator downloads; never stored in clear.

export const roleNames: Record<Role, string> = {
  admin: '系统管理员', intake: '受理员', handler: '承办人', head: '承办单位负责人', supervisor: '督办员', leader: '市领导', deputy: '代表委员',
};
const roleAliases: Record<string, Role> = {
  管理员: 'admin', 话务员: 'intake', 受理: 'intake', 经办人: 'handler', 承办员: 'handler', 负责人: 'head', 单位负责人: 'head',
  督查员: 'supervisor', 领导: 'leader', 人大代表: 'deputy', 政协委员: 'deputy',
};
const roleByName = new Map<string, Role>([
  ...allRoles.map((r) => [r, r] as const), ...Object.entries(roleNames).map(([r, n]) => [n, r as Role] as const), ...Object.entries(roleAliases),
]);

const columns = {
  name: ['姓名', '名字'],
  username: ['用户名', '账号', '登录名'],
  unit: ['单位', '所属单位', '单位名称', '单位编码', '部门'],
  roles: ['角色', '岗位'],
  mobile: ['手机', '手机号', '手机号码', '联系电话'],
  email: ['邮箱', '电子邮箱', '邮件'],
  password: ['初始密码', '密码'],
} as const;
type Column = keyof typeof columns;

const usernamePattern = /^[A-Za-z0-9._-]{2,64}$/;
const mobilePattern = /^1\d{10}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface GoodRow {
  rowNumber: number; name: string; username: string; departmentId: number; departmentName: string; roles: Role[];
  mobile: string | null; email: string | null; password: string | null;
}

function headerOf(headers: string[], col: Column): string | undefined {
  return headers.find((h) => (columns[col] as readonly string[]).includes(h.replace(/\s|\*|（.*）|\(.*\)/g, '')));
}

/** Checks every row; pure apart from the lookups handed in. */
export function checkRows(table: Table, lookups: { units: { id: number; code: string; name: string; isActive: boolean }[]; taken: Set<string>; policy: PasswordPolicy }) {
  const h = Object.fromEntries((Object.keys(columns) as Column[]).map((c) => [c, headerOf(table.headers, c)])) as Record<Column, string | undefined>;
  if (!h.name || !h.username || !h.unit || !h.roles) throw new AppError('PEOPLE_IMPORT_COLUMNS', { headers: table.headers });
  if (table.rows.length === 0) throw new AppError('PEOPLE_IMPORT_EMPTY');
  const byCode = new Map(lookups.units.map((u) => [u.code.toLowerCase(), u]));
  const byName = new Map<string, typeof lookups.units>();
  for (const u of lookups.units) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  const seen = new Map<string, number>();
  const good: GoodRow[] = [];
  const problems: { rowNumber: number; username: string; problems: string[] }[] = [];
  for (const row of table.rows) {
    const v = (c: Column) => (h[c] ? (row.values[h[c]!] ?? '').trim() : '');
    const out: string[] = [];
    const name = v('name');
    const username = v('username');
    if (!name) out.push('姓名为空');
    else if (name.length > 64) out.push('姓名超过 64 个字');
    if (!username) out.push('用户名为空');
    else if (!usernamePattern.test(username)) out.push(`用户名「${username}」不合规（只能包含字母、数字、点、下划线和连字符，2–64 位）`);
    else if (lookups.taken.has(username.toLowerCase())) out.push(`用户名「${username}」已存在`);
    else if (seen.has(username.toLowerCase())) out.push(`用户名「${username}」与第 ${seen.get(username.toLowerCase())} 行重复`);
    if (username) seen.set(username.toLowerCase(), seen.get(username.toLowerCase()) ?? row.rowNumber);
    const unitText = v('unit');
    let unit: (typeof lookups.units)[number] | undefined;
    if (!unitText) out.push('单位为空');
    else {
      const named = byName.get(unitText) ?? [];
      unit = byCode.get(unitText.toLowerCase()) ?? (named.length === 1 ? named[0] : undefined);
      if (!unit && named.length > 1) out.push(`单位名称「${unitText}」对应多个单位，请填写单位编码`);
      else if (!unit) out.push(`单位「${unitText}」不存在（请填写单位名称或单位编码）`);
      else if (!unit.isActive) out.push(`单位「${unitText}」已停用`);
    }
    const roleTexts = v('roles').split(/[、,，;；/\s]+/).filter(Boolean);
    const roles: Role[] = [];
    if (!roleTexts.length) out.push('角色为空');
    for (const t of roleTexts) {
      const r = roleByName.get(t);
      if (!r) out.push(`角色「${t}」无法识别（可填：${Object.values(roleNames).join('、')}）`);
      else if (!roles.includes(r)) roles.push(r);
    }
    const mobile = v('mobile');
    if (mobile && !mobilePattern.test(mobile)) out.push(`手机号「${mobile}」格式不正确（11 位数字）`);
    const email = v('email');
    if (email && !emailPattern.test(email)) out.push(`邮箱「${email}」格式不正确`);
    const password = v('password');
    if (password) {
      const weak = passwordWeaknesses(password, lookups.policy, { username });
      if (weak.length) out.push(`初始密码不符合密码策略：${weak.join('；')}`);
    }
    if (out.length || !unit) problems.push({ rowNumber: row.rowNumber, username, problems: out });
    else good.push({ rowNumber: row.rowNumber, name, username, departmentId: unit.id, departmentName: unit.name, roles, mobile: mobile || null, email: email || null, password: password || null });
  }
  return { good, problems };
}

/** Hashes many passwords at once: @node-rs/argon2 runs each hash on libuv's thread pool, so they spread over the cores. */
async function hashAll(rows: GoodRow[], generated: Map<string, string>): Promise<string[]> {
  const out: string[] = new Array(rows.length);
  const width = 64;
  for (let i = 0; i < rows.length; i += width) {
    const part = rows.slice(i, i + width);
    const hashes = await Promise.all(part.map((r) => (r.password ? hashPassword(r.password) : hashOneTimePassword(generated.get(r.username)!))));
    hashes.forEach((h, j) => { out[i + j] = h; });
  }
  return out;
}

async function credentialsFile(rows: GoodRow[], generated: Map<string, string>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一次性密码');
  ws.columns = [{ header: '姓名', width: 14 }, { header: '用户名', width: 20 }, { header: '单位', width: 30 }, { header: '一次性密码', width: 22 }, { header: '说明', width: 40 }];
  for (const r of rows) {
    ws.addRow([r.name, r.username, r.departmentName, generated.get(r.username) ?? '（使用文件中的初始密码）', '首次登录后须修改密码']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export async function importAccounts(deps: AppDeps, actor: StaffUser, ip: string, table: Table, dryRun: boolean): Promise<AccountImportReport> {
  const { db } = deps.database;
  const units = (await db.selectFrom('departments').select(['id', 'code', 'name', 'is_active']).execute())
    .map((u) => ({ id: u.id, code: u.code, name: u.name, isActive: u.is_active }));
  const taken = new Set((await db.selectFrom('users').select(sql<string>`lower(username)`.as('u')).execute()).map((r) => r.u));
  const policy = await getPolicy(db);
  const { good, problems } = checkRows(table, { units, taken, policy });
  const total = table.rows.length;
  if (dryRun || good.length === 0) return { dryRun, total, good: good.length, imported: 0, problems, credentialsXlsx: null };

  const generated = new Map(good.filter((r) => !r.password).map((r) => [r.username, generateOneTimePassword()]));
  const hashes = await hashAll(good, generated);
  const now = deps.now();
  const inserted = await db.transaction().execute(async (tx) => {
    const names: string[] = [];
    const batch = 2000;
    for (let i = 0; i < good.length; i += batch) {
      const values = good.slice(i, i + batch).map((r, j) => ({
        username: r.username, display_name: r.name, role: r.roles[0], roles: r.roles, department_id: r.departmentId, password_hash: hashes[i + j],
        email: r.email, phone: r.mobile, must_change_password: true, password_changed_at: now,
      }));
      // A username taken meanwhile (another import, a new account) is skipped and reported, not a failed import.
      const rows = await tx.insertInto('users').values(values).onConflict((oc) => oc.column('username').doNothing()).returning('username').execute();
      names.push(...rows.map((r) => r.username));
    }
    await recordAdminChange(tx, staffActor(actor, ip), {
      action: 'user.import', targetType: 'user', targetName: `导入 ${names.length} 个账号`, after: { count: names.length, usernames: names },
    }, now);
    return new Set(names);
  });
  const importedRows = good.filter((r) => inserted.has(r.username));
  for (const r of good) if (!inserted.has(r.username)) problems.push({ rowNumber: r.rowNumber, username: r.username, problems: [`用户名「${r.username}」已存在`] });
  problems.sort((a, b) => a.rowNumber - b.rowNumber);
  return { dryRun, total, good: good.length, imported: importedRows.length, problems, credentialsXlsx: await credentialsFile(importedRows, generated) };
}
