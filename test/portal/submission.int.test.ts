import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOfCode, creditCode, files, goodSubmission, publicIds, submit, upload, type PublicCategoryIds } from './kit.js';

let rt: TestRuntime;
let ids: PublicCategoryIds;
let intake: Client;

beforeAll(async () => {
  rt = await testRuntime();
  ids = await publicIds(rt.app);
  intake = await loginAs(rt.app, 'intake');
});
afterAll(async () => rt?.close());

describe('portal submission: field validation', () => {
  const cases: [string, string, string, Record<string, unknown>][] = [
    ['no category', 'categoryId', 'CATEGORY_REQUIRED', { categoryId: null }],
    ['unknown category', 'categoryId', 'CATEGORY_UNKNOWN', { categoryId: 999999 }],
    ['empty description', 'description', 'DESCRIPTION_REQUIRED', { description: '   ' }],
    ['short description', 'description', 'DESCRIPTION_TOO_SHORT', { description: '太慢了' }],
    ['long description', 'description', 'DESCRIPTION_TOO_LONG', { description: '长'.repeat(2001) }],
    ['long title', 'title', 'TITLE_TOO_LONG', { title: '题'.repeat(51) }],
    ['unknown district', 'districtId', 'DISTRICT_UNKNOWN', { districtId: 999999 }],
    ['long address', 'address', 'ADDRESS_TOO_LONG', { address: '址'.repeat(101) }],
    ['bad credit code check character', 'enterpriseCreditCode', 'CREDIT_CODE_INVALID', { enterpriseCreditCode: `${creditCode().slice(0, 17)}${creditCode().endsWith('0') ? '1' : '0'}` }],
    ['short credit code', 'enterpriseCreditCode', 'CREDIT_CODE_LENGTH', { enterpriseCreditCode: '91430400' }],
    ['credit code with a letter never used', 'enterpriseCreditCode', 'CREDIT_CODE_CHARS', { enterpriseCreditCode: `${creditCode().slice(0, 16)}I${creditCode().slice(17)}` }],
    ['unknown case type', 'caseType', 'CASE_TYPE_UNKNOWN', { caseType: 'gossip' }],
    ['credit code without enterprise name', 'enterpriseName', 'ENTERPRISE_NAME_REQUIRED', { enterpriseName: '' }],
    ['long enterprise name', 'enterpriseName', 'ENTERPRISE_NAME_TOO_LONG', { enterpriseName: '企'.repeat(101) }],
    ['no name', 'submitterName', 'NAME_REQUIRED', { submitterName: ' ' }],
    ['long name', 'submitterName', 'NAME_TOO_LONG', { submitterName: '名'.repeat(31) }],
    ['no phone', 'submitterPhone', 'PHONE_REQUIRED', { submitterPhone: '' }],
    ['bad phone', 'submitterPhone', 'PHONE_INVALID', { submitterPhone: '1390734' }],
    ['letters in phone', 'submitterPhone', 'PHONE_INVALID', { submitterPhone: '1390734abcd' }],
    ['unknown attachment token', 'attachments', 'ATTACHMENT_UNKNOWN', { attachments: ['x'.repeat(32)] }],
  ];
  it.each(cases)('%s → %s %s, nothing written', async (_name, field, code, patch) => {
    const before = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await submit(rt.app, goodSubmission(ids.construction, patch), `k-${code}-${field}-${Math.random()}`);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('PORTAL_FIELDS_INVALID');
    expect(r.body.error.details).toContainEqual(expect.objectContaining({ field, code }));
    const message = r.body.error.details.find((d: any) => d.code === code).message;
    expect(message).toMatch(/[\u4e00-\u9fa5]/);
    const after = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('reports every bad field at once', async () => {
    const r = await submit(rt.app, { categoryId: null, description: '', submitterName: '', submitterPhone: 'abc' });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: any) => d.field).sort()).toEqual(['categoryId', 'description', 'submitterName', 'submitterPhone']);
  });

  it('accepts a lower-case credit code with spaces, a landline, and derives the title from the description', async () => {
    const code = creditCode('91430400MA4L7777');
    const r = await submit(rt.app, goodSubmission(ids.construction, {
      title: '', enterpriseCreditCode: ` ${code.toLowerCase().slice(0, 9)} ${code.toLowerCase().slice(9)} `, submitterPhone: '0734-8881234',
      districtId: ids.district('蒸湘区'),
    }), 'k-landline-1');
    expect(r.status).toBe(201);
    const row = await rt.deps.database.db.selectFrom('cases').selectAll().where('code', '=', r.body.code).executeTakeFirstOrThrow();
    expect(row.enterprise_credit_code).toBe(code);
    expect(row.submitter_phone).toBe('0734-8881234');
    expect(row.title).toBe('我公司在蒸湘区的厂房扩建项目已于十月提交全部材料，施工许可证…');
    expect(row.channel).toBe('web');
    expect(row.status).toBe('submitted');
    expect(row.district_id).toBe(ids.district('蒸湘区'));
    expect(row.created_by).toBeNull();
  });

  it('the name is public only when the problem is public', async () => {
    const r = await submit(rt.app, goodSubmission(ids.construction, { isPublic: false, isNamePublic: true, description: '第二件：施工许可证办理超时，材料已齐全，请尽快处理。' }), 'k-consent-1');
    expect(r.status).toBe(201);
    const row = await rt.deps.database.db.selectFrom('cases').select(['is_public', 'is_name_public']).where('code', '=', r.body.code).executeTakeFirstOrThrow();
    expect(row).toEqual({ is_public: false, is_name_public: false });
  });
});

describe('portal submission: idempotency', () => {
  it('the same Idempotency-Key twice (double click) creates one case; both answers open it', async () => {
    const body = goodSubmission(ids.construction, { description: '双击测试：施工许可证办理超时，材料已交齐两个月了。' });
    const [a, b] = await Promise.all([submit(rt.app, body, 'double-click-0001'), submit(rt.app, body, 'double-click-0001')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.code).toBe(b.body.code);
    const rows = await rt.deps.database.db.selectFrom('cases').select('id').where('code', '=', a.body.code).execute();
    expect(rows).toHaveLength(1);
    const c = await submit(rt.app, body, 'double-click-0001');
    expect(c.status).toBe(200);
    expect(c.body.created).toBe(false);
    // Each answer carries a working private link to the same case.
    for (const r of [a, b, c]) {
      const t = await rt.app.inject({ method: 'GET', url: `/api/public/track/${r.body.trackingToken}` });
      expect(t.json().code).toBe(a.body.code);
    }
  });

  it('the same key with different content is refused', async () => {
    const body = goodSubmission(ids.construction, { description: '幂等冲突测试：施工许可证办理超时，请协调。' });
    expect((await submit(rt.app, body, 'conflict-key-01')).status).toBe(201);
    const r = await submit(rt.app, { ...body, description: '幂等冲突测试：内容已经改过了，应当被拒绝。' }, 'conflict-key-01');
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('portal attachments', () => {
  it('a real PNG and a real PDF pass, stored with the sniffed type and the right extension', async () => {
    const png = await upload(rt.app, '现场照片.jpg', files.png, 'image/jpeg');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ mime: 'image/png', fileName: '现场照片.png', size: files.png.length });
    const pdf = await upload(rt.app, 'scan', files.pdf, 'application/octet-stream');
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ mime: 'application/pdf', fileName: 'scan.pdf' });
  });

  it.each([
    ['a zip named .jpg', 'photo.jpg', files.zip],
    ['an exe named .jpg', 'photo.jpg', files.exe],
    ['text named .pdf', 'doc.pdf', files.text],
  ])('%s is refused', async (_name, fileName, content) => {
    const r = await upload(rt.app, fileName, content, 'image/jpeg');
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(r.body.error.message).toContain('图片');
  });

  it('an empty file and a file over 10 MB are refused', async () => {
    const empty = await upload(rt.app, 'a.png', Buffer.alloc(0), 'image/png');
    expect(empty.body.error.code).toBe('ATTACHMENT_EMPTY');
    const big = Buffer.concat([files.png, Buffer.alloc(10 * 1024 * 1024 + 1 - files.png.length)]);
    const r = await upload(rt.app, 'big.png', big, 'image/png');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('ATTACHMENT_TOO_LARGE');
    const exact = await upload(rt.app, 'max.png', big.subarray(0, 10 * 1024 * 1024), 'image/png');
    expect(exact.status).toBe(201);
  });

  it('eleven files in one submission are refused; ten pass and show on the case page, within department scope', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 11; i++) tokens.push((await upload(rt.app, `p${i}.png`, files.png, 'image/png', '10.0.0.2')).body.token);
    const tooMany = await submit(rt.app, goodSubmission(ids.construction, { attachments: tokens, description: '十一个附件：施工许可证超时未办。' }), 'att-11-files', '10.0.0.2');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details).toContainEqual(expect.objectContaining({ field: 'attachments', code: 'ATTACHMENTS_TOO_MANY' }));

    const pdf = (await upload(rt.app, '材料.pdf', files.pdf, 'application/pdf', '10.0.0.2')).body.token;
    const ok = await submit(rt.app, goodSubmission(ids.construction, { attachments: [...tokens.slice(0, 9), pdf], description: '十个附件：施工许可证超时未办，附现场照片和材料。' }), 'att-10-files', '10.0.0.2');
    expect(ok.status).toBe(201);

    // The intake desk sees it at once in its queue, status submitted, with its attachments.
    const queue = await intake.get('/api/cases?view=intake');
    const caseId = queue.body.items.find((c: any) => c.code === ok.body.code)?.id;
    expect(caseId).toBeGreaterThan(0);
    const detail = await intake.get(`/api/cases/${caseId}`);
    expect(detail.body.status).toBe('submitted');
    expect(detail.body.channel).toBe('web');
    const list = await intake.get(`/api/cases/${caseId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(10);
    expect(list.body.items.at(-1)).toMatchObject({ fileName: '材料.pdf', mime: 'application/pdf' });
    const file = await rt.app.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments/${list.body.items[0].id}?inline=1`, headers: { cookie: (intake as any).cookie ?? '' } });
    expect(file.statusCode).toBe(401); // no session, no file

    // A token already claimed cannot be claimed by another submission.
    const reuse = await submit(rt.app, goodSubmission(ids.construction, { attachments: [pdf], description: '重复使用附件：施工许可证超时未办。' }), 'att-reuse', '10.0.0.2');
    expect(reuse.body.error.details).toContainEqual(expect.objectContaining({ field: 'attachments', code: 'ATTACHMENT_UNKNOWN' }));

    // A department that was never assigned the case sees neither the list nor a file.
    const other = await loginAs(rt.app, 'scjg-handler');
    expect((await other.get(`/api/cases/${caseId}/attachments`)).status).toBe(404);
    expect((await other.get(`/api/cases/${caseId}/attachments/${list.body.items[0].id}`)).status).toBe(404);
    // Once dispatched to zjj, zjj's handler sees them and downloads the bytes with the sniffed type.
    const ids2 = (await intake.get('/api/org')).body;
    const zjj = ids2.departments.find((d: any) => d.code === 'zjj').id;
    expect((await intake.post(`/api/cases/${caseId}/dispatch`, { leadDepartmentId: zjj, coDepartmentIds: [] })).status).toBe(200);
    const handler = await loginAs(rt.app, 'zjj-handler');
    expect((await handler.get(`/api/cases/${caseId}/attachments`)).body.items).toHaveLength(10);
  });

  it('staff download returns the stored bytes with the sniffed content type', async () => {
    const token = (await upload(rt.app, 'x.gif', files.png, 'image/gif', '10.0.0.3')).body.token;
    const ok = await submit(rt.app, goodSubmission(ids.construction, { attachments: [token], description: '下载测试：施工许可证办理超时，附照片。' }), 'att-download', '10.0.0.3');
    const caseId = await caseIdOfCode(rt.app, intake, ok.body.code);
    const item = (await intake.get(`/api/cases/${caseId}/attachments`)).body.items[0];
    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'intake', password: 'Demo@2021' } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const r = await rt.app.inject({ method: 'GET', url: `/api/cases/${caseId}/attachments/${item.id}?inline=1`, headers: { cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-disposition'])).toMatch(/^inline;/);
    expect(Buffer.compare(r.rawPayload, files.png)).toBe(0);
  });
});

describe('portal abuse limits', () => {
  it('more than ten submissions from one IP in ten minutes are refused with 429; another IP is not affected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit(rt.app, { categoryId: null }, undefined, '10.9.9.9')).status);
    expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await submit(rt.app, { categoryId: null }, undefined, '10.9.9.8')).status).toBe(422);
    rt.clock.advanceHours(1 / 6);
    expect((await submit(rt.app, { categoryId: null }, undefined, '10.9.9.9')).status).toBe(422);
  });
});
