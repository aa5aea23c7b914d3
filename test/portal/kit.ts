import type { FastifyInstance } from 'fastify';

// Each request comes from its own address unless a test names one, so the per-IP limits only bite where tested.
let lastIp = 0;
export const nextIp = () => `10.${(++lastIp >> 16) & 255}.${(lastIp >> 8) & 255}.${lastIp & 255}`;
import { creditCodeCheckChar } from '../../src/domain/enterprise/credit-code.js';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { storedZip } from '../kit/zip.js';

// Real file contents for the sniffing tests: the type comes from these bytes, never from the names we give them.
export const files = {
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  /** A zip archive with one stored file (local header, central directory, end record). */
  zip: storedZip([['a.txt', 'hello']]),
  /** The start of a Windows executable (MZ header with a PE offset). */
  exe: (() => {
    const b = Buffer.alloc(256);
    b.write('MZ', 0, 'latin1');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    return b;
  })(),
  text: Buffer.from('这只是一段文字，不是图片'),
};

/** A valid unified social credit code built from a 17-character prefix. */
export const creditCode = (prefix17 = '91430400MA4L0000') => {
  const p = prefix17.padEnd(17, '1').slice(0, 17);
  return p + creditCodeCheckChar(p);
};

/** POST one file as multipart/form-data, as the phone page does (or, with a staff client's headers, the console). */
export async function upload(app: FastifyInstance, fileName: string, content: Buffer, claimedType = 'image/jpeg', ip = nextIp(), url = '/api/public/uploads', headers: Record<string, string> = {}) {
  const boundary = `----yw${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${claimedType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const r = await app.inject({
    method: 'POST', url, payload: Buffer.concat([head, content, tail]),
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, remoteAddress: ip,
  });
  return { status: r.statusCode, body: r.json() };
}

/** A staff member's file for a command on a case (POST /api/cases/{id}/uploads). */
export const staffUpload = (app: FastifyInstance, staff: { headers: Record<string, string> }, caseId: number, fileName: string, content: Buffer, claimedType = 'image/png') =>
  upload(app, fileName, content, claimedType, nextIp(), `/api/cases/${caseId}/uploads`, staff.headers);

export interface PublicCategoryIds {
  construction: number;
  arbitraryFees: number;
  district: (name: string) => number;
}

export async function publicIds(app: FastifyInstance): Promise<PublicCategoryIds & { categories: any[]; districts: any[] }> {
  const r = await app.inject({ method: 'GET', url: '/api/public/categories' });
  const { categories, districts } = r.json();
  const byName = (name: string) => categories.find((c: any) => c.name === name)!.id as number;
  return {
    categories, districts,
    construction: byName('施工许可'),
    arbitraryFees: byName('乱收费'),
    district: (name) => districts.find((d: any) => d.name === name)!.id,
  };
}

export const goodSubmission = (categoryId: number, extra: Record<string, unknown> = {}) => ({
  categoryId,
  title: '厂房扩建施工许可证迟迟未办结',
  description: '我公司在蒸湘区的厂房扩建项目已于十月提交全部材料，施工许可证超过法定时限仍未办结，窗口说还要等，请协调加快办理。',
  address: '蒸湘区长丰大道88号',
  enterpriseName: '衡阳恒达机械制造有限公司',
  enterpriseCreditCode: creditCode(),
  submitterName: '李明华',
  submitterPhone: '13907341234',
  isPublic: true,
  isNamePublic: false,
  attachments: [] as string[],
  ...extra,
});

export async function submit(app: FastifyInstance, body: unknown, key?: string, ip = nextIp()) {
  const r = await app.inject({
    method: 'POST', url: '/api/public/cases', payload: body as object, remoteAddress: ip,
    headers: key ? { 'idempotency-key': key } : {},
  });
  return { status: r.statusCode, body: r.json() };
}

export async function publicGet(app: FastifyInstance, url: string, ip = nextIp()) {
  const r = await app.inject({ method: 'GET', url, remoteAddress: ip });
  return { status: r.statusCode, body: r.json() };
}

export async function publicPost(app: FastifyInstance, url: string, body: unknown, ip = nextIp()) {
  const r = await app.inject({ method: 'POST', url, payload: body as object, remoteAddress: ip });
  return { status: r.statusCode, body: r.json() };
}

export async function caseIdOfCode(app: FastifyInstance, intake: Client, code: string): Promise<number> {
  const page = await intake.get(`/api/cases?view=all&q=${encodeURIComponent(code)}`);
  const hit = page.body.items.find((c: any) => c.code === code);
  if (!hit) throw new Error(`case ${code} not found: ${JSON.stringify(page.body)}`);
  return hit.id;
}

/** Staff take a submitted case to awaiting_rating: dispatch to zjj, sign, reply, supervisor approves the reply. */
export async function toAwaitingRating(staff: { intake: Client; handler: Client; supervisor: Client }, caseId: number, reply = '经核查，已协调窗口于11月5日办结施工许可证，并电话告知李明华，联系电话13907341234。'): Promise<void> {
  const ids = await orgIds(staff.intake);
  const steps: [Client, string, unknown][] = [
    [staff.intake, 'dispatch', { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] }],
    [staff.handler, 'sign', {}],
    [staff.handler, 'reply', { text: reply }],
    [staff.supervisor, 'approve-reply', {}],
  ];
  // A routing rule may have dispatched a public submission on arrival (一触即发); then only the rest is left.
  const status = (await staff.intake.get(`/api/cases/${caseId}`)).body.status;
  if (status !== 'submitted') steps.shift();
  for (const [client, cmd, body] of steps) {
    const r = await client.post(`/api/cases/${caseId}/${cmd}`, body);
    if (r.status !== 200) throw new Error(`${cmd} failed: ${r.status} ${JSON.stringify(r.body)}`);
  }
}
