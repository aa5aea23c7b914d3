import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/domain/enterprise/credit-code.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// 查询 (GET /api/search/cases): every way into a case, always within what the person may see, with the count, and
// stable codes for what cannot be asked. The rows searched are kept by triggers on cases (migration 0034).

let rt: TestRuntime;
let intake: Client;
let supervisor: Client;
let zjj: Client;
let scjg: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
const body17 = '91430400MA4L1234';
const credit = `${body17}5${creditCodeCheckChar(`${body17}5`)}`;
let mine: { id: number; code: string };
let theirs: { id: number; code: string };

beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00');
  intake = await loginAs(rt.app, 'intake');
  supervisor = await loginAs(rt.app, 'supervisor');
  zjj = await loginAs(rt.app, 'zjj-handler');
  scjg = await loginAs(rt.app, 'scjg-handler');
  ids = await orgIds(intake);
  const category = ids.category('approval.construction_permit');
  const create = async (extra: Record<string, unknown>, lead: string) => {
    const r = await intake.post('/api/cases', { ...sampleCase(category, extra), dispatch: { leadDepartmentId: ids.dept(lead), coDepartmentIds: [] } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.id as number, code: r.body.code as string };
  };
  // Same caller, two units: the last four digits must not carry one unit's case to the other.
  mine = await create({
    title: '厂房扩建施工许可证迟迟未发', submitterName: '欧阳明辉', submitterPhone: '139-0734-5821', enterpriseName: '衡阳华信精密机械有限公司',
    enterpriseCreditCode: credit, districtId: ids.dept('zhq'), caseType: 'complaint',
  }, 'zjj');
  theirs = await create({
    title: '超市出售过期食品', description: '小区门口的超市货架上有过期的酸奶和面包，希望市场监管部门查处。', submitterName: '欧阳明辉',
    submitterPhone: '13907345821', enterpriseName: undefined, caseType: 'report',
  }, 'scjg');
  await create({ title: '路灯不亮', description: '夜里小区路灯不亮，行人看不清路。', submitterName: '李四', submitterPhone: '13600001111' }, 'zjj');
});
afterAll(() => rt.close());

const search = (c: Client, query: Record<string, string>) => c.get(`/api/search/cases?${new URLSearchParams(query)}`);
const codes = (r: { body: any }) => (r.body.items as any[]).map((i) => i.code).sort();

describe('staff search', () => {
  it('finds a case by a fragment of its tracking code, the phone (whole or last four), the name, the enterprise and words', async () => {
    const tail = mine.code.slice(-5);
    expect(codes(await search(supervisor, { q: tail }))).toContain(mine.code);
    expect(codes(await search(supervisor, { q: tail.toLowerCase(), field: 'code' }))).toEqual([mine.code]);
    expect(codes(await search(supervisor, { q: '5821' }))).toEqual([mine.code, theirs.code].sort());
    expect(codes(await search(supervisor, { q: '13907345821', field: 'phone' }))).toEqual([mine.code, theirs.code].sort());
    expect(codes(await search(supervisor, { q: '欧阳明辉', field: 'name' }))).toEqual([mine.code, theirs.code].sort());
    expect(codes(await search(supervisor, { q: '华信精密' }))).toEqual([mine.code]);
    expect(codes(await search(supervisor, { q: credit.toLowerCase() }))).toEqual([mine.code]);
    // jieba cuts 过期食品 into words; each must be in the text, in any order.
    expect(codes(await search(supervisor, { q: '食品过期' }))).toEqual([theirs.code]);
    expect(codes(await search(supervisor, { q: '路灯 行人' }))).toHaveLength(1);
    expect((await search(supervisor, { q: '路灯 火车' })).body.items).toEqual([]);
    const hit = (await search(supervisor, { q: tail, field: 'code' })).body.items[0];
    expect(hit).toMatchObject({ submitterName: '欧阳明辉', enterpriseName: '衡阳华信精密机械有限公司', leadDepartmentName: expect.any(String) });
    expect(hit.submitterPhone).not.toContain('0734');
  });

  it('a unit sees only its own cases: the same last four digits find only its case, another unit\'s code finds nothing', async () => {
    expect(codes(await search(zjj, { q: '5821' }))).toEqual([mine.code]);
    expect(codes(await search(scjg, { q: '5821' }))).toEqual([theirs.code]);
    expect((await search(zjj, { q: theirs.code.slice(-6), field: 'code' })).body).toMatchObject({ items: [], total: { count: 0, capped: false } });
    expect((await search(zjj, { phone: '13907345821' })).body.total.count).toBe(1);
    expect((await search(zjj, {})).body.items.every((i: any) => i.code !== theirs.code)).toBe(true);
  });

  it('filters and counts; the caller history lists open and closed cases', async () => {
    expect(codes(await search(supervisor, { q: '欧阳明辉', caseType: 'report' }))).toEqual([theirs.code]);
    expect(codes(await search(supervisor, { q: '5821', districtId: String(ids.dept('zhq')) }))).toEqual([mine.code]);
    expect(codes(await search(supervisor, { q: '5821', departmentId: String(ids.dept('scjg')) }))).toEqual([theirs.code]);
    expect((await search(supervisor, { q: '5821', status: 'closed' })).body.items).toEqual([]);
    expect((await search(supervisor, { q: '5821', from: '2026-11-03' })).body.items).toEqual([]);
    expect((await search(supervisor, { q: '5821', from: '2026-11-02', to: '2026-11-02' })).body.total).toEqual({ count: 2, capped: false });
    const paged = await search(supervisor, { phone: '13907345821', limit: '1' });
    expect(paged.body.total).toEqual({ count: 2, capped: false });
    expect(paged.body.items).toHaveLength(1);
    const next = await search(supervisor, { phone: '13907345821', limit: '1', cursor: paged.body.nextCursor });
    expect(next.body.items).toHaveLength(1);
    expect(next.body.total).toBeNull();
    expect(next.body.items[0].code).not.toBe(paged.body.items[0].code);
    // A closed case stays in the history: the search row is written once and kept.
    await rt.deps.database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', theirs.id).execute();
    expect(codes(await search(supervisor, { phone: '13907345821', status: 'closed' }))).toEqual([theirs.code]);
  });

  it('follows a change of a searched column', async () => {
    await rt.deps.database.db.updateTable('cases').set({ submitter_phone: '13700009999' }).where('id', '=', mine.id).execute();
    expect(codes(await search(supervisor, { q: '9999' }))).toEqual([mine.code]);
    expect(codes(await search(supervisor, { q: '5821' }))).toEqual([theirs.code]);
  });

  it('refuses what cannot be asked with stable codes', async () => {
    const refused = async (query: Record<string, string>, status: number, code: string) => {
      const r = await search(supervisor, query);
      expect(r.status, JSON.stringify(query)).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    };
    await refused({ q: '车' }, 422, 'SEARCH_QUERY_TOO_SHORT');
    await refused({ q: '12', field: 'phone' }, 422, 'SEARCH_PHONE_INVALID');
    await refused({ phone: '5821' }, 422, 'SEARCH_PHONE_INVALID');
    await refused({ q: '张', field: 'code' }, 422, 'SEARCH_CODE_INVALID');
    await refused({ q: '停车', from: '2026-11-05', to: '2026-11-01' }, 422, 'SEARCH_RANGE_INVALID');
    await refused({ q: '停'.repeat(51) }, 400, 'VALIDATION_FAILED');
    await refused({ q: '停车', field: 'everything' }, 400, 'VALIDATION_FAILED');
    await refused({ from: '2026-02-30' }, 400, 'VALIDATION_FAILED');
    await refused({ status: 'lost' }, 400, 'VALIDATION_FAILED');
    await refused({ cursor: 'garbage' }, 400, 'VALIDATION_FAILED');
    const anonymous = await rt.app.inject({ method: 'GET', url: '/api/search/cases?q=5821' });
    expect(anonymous.statusCode).toBe(401);
  });
});
