import type { FastifyInstance } from 'fastify';
import { idCheckChar } from '../../src/domain/privacy/checks.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';

export const staff = ['admin', 'intake', 'zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor', 'leader'] as const;
export type Staff = (typeof staff)[number];

export async function loginAll(app: FastifyInstance): Promise<Record<Staff, Client>> {
  const as = {} as Record<Staff, Client>;
  for (const u of staff) as[u] = await loginAs(app, u);
  return as;
}

/** A valid 18-digit ID number (GB 11643 check character) from region, birth date and sequence. */
export function idNumber(region = '430406', birth = '19850315', seq = '123'): string {
  const first = region + birth + seq;
  return first + idCheckChar(first);
}

/** A 16–19 digit number passing Luhn, from a prefix. */
export function bankCard(prefix = '622202020000123'): string {
  for (let d = 0; d < 10; d++) {
    const n = prefix + d;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = Number(n[n.length - 1 - i]);
      if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
      sum += x;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

export interface Secrets {
  name: string;
  phone: string;
  otherPhone: string;
  landline: string;
  id: string;
  email: string;
  plate: string;
  card: string;
  house: string;
  enterprise: string;
}

/** Personal data seeded into a case, each item unique to the case (n) so a leak names its case. */
export function secrets(n: number): Secrets {
  const pad = String(n).padStart(4, '0');
  return {
    name: ['欧阳明轩', '司马雨涵', '诸葛思远', '上官嘉怡'][n % 4],
    phone: `1390734${pad}`,
    otherPhone: `1867734${pad}`,
    landline: `0734-86${pad}1`,
    id: idNumber('430406', '19850315', String(100 + (n % 900))),
    email: `leak${pad}@example.com`,
    plate: `湘D${['A', 'B', 'C', 'F'][n % 4]}${pad}`,
    card: bankCard(`62284800${pad}12345`),
    house: `${700 + n}号`,
    enterprise: `衡阳泄密测试${['甲', '乙', '丙', '丁'][n % 4]}${pad}机械有限公司`,
  };
}

export function secretText(s: Secrets): { title: string; description: string; reply: string } {
  return {
    title: `我叫${s.name}，厂房报建超时`,
    description: `我叫${s.name}，电话${s.phone}，另一个号码${s.otherPhone}，座机${s.landline}，身份证${s.id}，邮箱${s.email}，`
      + `公司货车${s.plate}，工资卡${s.card}，住衡阳市蒸湘区解放大道${s.house}3栋2单元501室。${s.enterprise}的厂房扩建施工许可证超期未办。`,
    reply: `经核实，已联系${s.name}（${s.phone}）并于11月办结施工许可证。联系人：刘建华，联系电话：0734-8123456。`,
  };
}

/** A consenting case with personal data, dispatched to zjj (no co-handler); optionally carried to awaiting_rating. */
export async function seededCase(as: Record<Staff, Client>, s: Secrets, opts: { answered?: boolean; isPublic?: boolean; isNamePublic?: boolean } = {}): Promise<{ id: number; code: string }> {
  const ids = await orgIds(as.intake);
  const t = secretText(s);
  const created = await as.intake.post('/api/cases', {
    title: t.title, description: t.description, categoryId: ids.category('approval.construction_permit'), channel: 'hotline', urgency: 'normal',
    submitterName: s.name, submitterPhone: s.phone, enterpriseName: s.enterprise, address: `衡阳市蒸湘区解放大道${s.house}`,
    isPublic: opts.isPublic ?? true, isNamePublic: opts.isNamePublic ?? false,
    dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] },
  });
  if (created.status !== 201) throw new Error(`create failed ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  if (opts.answered) {
    const steps: [Staff, string, object][] = [['zjj-handler', 'sign', {}], ['zjj-handler', 'reply', { text: t.reply }], ['supervisor', 'approve-reply', {}]];
    for (const [who, cmd, body] of steps) {
      const r = await as[who].post(`/api/cases/${id}/${cmd}`, body);
      if (r.status !== 200) throw new Error(`${cmd} failed ${r.status} ${JSON.stringify(r.body)}`);
    }
  }
  return { id, code: created.body.code };
}
