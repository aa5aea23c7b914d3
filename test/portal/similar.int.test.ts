import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSimilarCases } from '../../src/server/modules/similar/find-similar.js';
import { suggestDepartments } from '../../src/server/modules/routing/suggest.js';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOfCode, creditCode, goodSubmission, publicIds, publicPost, submit, toAwaitingRating, type PublicCategoryIds } from './kit.js';

let rt: TestRuntime;
let ids: PublicCategoryIds;
let intake: Client;
let supervisor: Client;
const made: Record<string, { id: number; code: string }> = {};

const texts = {
  permit: '厂房扩建项目的施工许可证超过法定时限仍未办结，窗口一直让等待，影响项目开工。',
  parking: '城区停车场乱收费，临时停车每小时收费二十元，远超物价部门核定的收费标准，请查处。',
  parkingQuery: '停车场收费太高，停车一小时收二十元，超过物价核定标准',
  canteen: '学校食堂饭菜质量差，价格又贵，学生家长意见很大。',
};
const enterpriseCode = creditCode('91430400MA4L5M1');

async function make(key: string, body: Record<string, unknown>) {
  const r = await submit(rt.app, goodSubmission(ids.construction, body), `sim-${key}`);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  made[key] = { id: await caseIdOfCode(rt.app, intake, r.body.code), code: r.body.code };
}

beforeAll(async () => {
  rt = await testRuntime();
  ids = await publicIds(rt.app);
  intake = await loginAs(rt.app, 'intake');
  supervisor = await loginAs(rt.app, 'supervisor');
  await make('permit', { description: texts.permit, submitterPhone: '13800001111', enterpriseName: '衡阳甲公司', enterpriseCreditCode: '' });
  await make('parking', { categoryId: ids.arbitraryFees, description: texts.parking, submitterName: '王小红', submitterPhone: '13800002222', enterpriseName: '衡阳乙停车管理有限公司', enterpriseCreditCode: enterpriseCode, isPublic: true, title: '王小红反映停车场乱收费 13800002222' });
  await make('parkingPrivate', { categoryId: ids.arbitraryFees, description: `${texts.parking}附近几个停车场也一样。`, submitterPhone: '13800003333', enterpriseName: '', enterpriseCreditCode: '', isPublic: false });
  // Closed and rejected cases never match, not even on the same phone or the same words.
  await make('closed', { categoryId: ids.arbitraryFees, description: texts.parking, submitterPhone: '13800001111', enterpriseName: '', enterpriseCreditCode: '' });
  await toAwaitingRating({ intake, handler: await loginAs(rt.app, 'zjj-handler'), supervisor }, made.closed.id);
  const token = (await publicPost(rt.app, '/api/public/track/lookup', { code: made.closed.code, phoneLast4: '1111' })).body.trackingToken;
  expect((await publicPost(rt.app, `/api/public/track/${token}/rate`, { rating: 'satisfied' })).body.status).toBe('closed');
  await make('rejected', { description: texts.permit, submitterPhone: '13800001111', enterpriseName: '衡阳甲公司', enterpriseCreditCode: '' });
  expect((await intake.post(`/api/cases/${made.rejected.id}/reject`, { reason: '重复反映' })).status).toBe(200);
});
afterAll(async () => rt?.close());

describe('similar cases (staff)', () => {
  it('same phone among open cases, whatever the text', async () => {
    const r = await intake.post('/api/similar-cases', { text: texts.canteen, phone: '138 0000 1111' });
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: any) => x.id)).toEqual([made.permit.id]);
    expect(r.body.items[0]).toMatchObject({ reasons: ['phone'], score: 1, code: made.permit.code });
  });

  it('same credit code (any case) or the same enterprise name', async () => {
    const byCode = await intake.post('/api/similar-cases', { text: '', creditCode: enterpriseCode.toLowerCase() });
    expect(byCode.body.items.map((x: any) => [x.id, x.reasons])).toEqual([[made.parking.id, ['enterprise']]]);
    const byName = await intake.post('/api/similar-cases', { text: '', enterpriseName: '衡阳甲公司' });
    expect(byName.body.items.map((x: any) => x.id)).toEqual([made.permit.id]);
  });

  it('close text in the same category ranks first; unrelated text finds nothing; closed and rejected never appear', async () => {
    const r = await supervisor.post('/api/similar-cases', { text: texts.parkingQuery, categoryId: ids.arbitraryFees });
    const found = r.body.items.map((x: any) => x.id);
    expect(found).toContain(made.parking.id);
    expect(found).toContain(made.parkingPrivate.id);
    expect(found).not.toContain(made.closed.id);
    expect(r.body.items.every((x: any) => x.reasons.includes('text') && x.score >= 0.35)).toBe(true);

    const none = await intake.post('/api/similar-cases', { text: texts.canteen, categoryId: ids.arbitraryFees });
    expect(none.body.items).toEqual([]);

    const byPhone = await intake.post('/api/similar-cases', { text: texts.permit, phone: '13800001111', categoryId: ids.construction });
    const phoneIds = byPhone.body.items.map((x: any) => x.id);
    expect(phoneIds).toContain(made.permit.id);
    expect(phoneIds).not.toContain(made.closed.id);
    expect(phoneIds).not.toContain(made.rejected.id);
    expect(byPhone.body.items[0]).toMatchObject({ id: made.permit.id, reasons: ['phone', 'text'], score: 1 });
  });

  it('several signals rank above one; excludeCaseId leaves the case itself out', async () => {
    const r = await findSimilarCases(rt.deps, { text: texts.parking, creditCode: enterpriseCode, categoryId: ids.arbitraryFees });
    expect(r[0]).toMatchObject({ id: made.parking.id, reasons: ['enterprise', 'text'] });
    const ex = await findSimilarCases(rt.deps, { text: texts.parking, categoryId: ids.arbitraryFees, excludeCaseId: made.parking.id });
    expect(ex.map((x) => x.id)).not.toContain(made.parking.id);
    expect(ex.map((x) => x.id)).toContain(made.parkingPrivate.id);
  });

  it('needs case:create or case:read-all', async () => {
    expect((await rt.app.inject({ method: 'POST', url: '/api/similar-cases', payload: { text: 'x' } })).statusCode).toBe(401);
    const handler = await loginAs(rt.app, 'zjj-handler');
    const h = await handler.post('/api/similar-cases', { text: texts.parking });
    expect(h.status).toBe(403);
    expect(h.body.error.code).toBe('FORBIDDEN');
    const leader = await loginAs(rt.app, 'leader');
    expect((await leader.post('/api/similar-cases', { text: texts.parking })).status).toBe(200);
  });
});

describe('similar cases (public, before submitting)', () => {
  it('shows text matches only, allow-listed and masked; unpublished problems without title or code', async () => {
    const r = await publicPost(rt.app, '/api/public/similar', { text: texts.parkingQuery, categoryId: ids.arbitraryFees });
    expect(r.status).toBe(200);
    const pub = r.body.items.find((x: any) => x.code === made.parking.code);
    expect(pub).toBeTruthy();
    expect(Object.keys(pub).sort()).toEqual(['code', 'date', 'departmentName', 'status', 'statusLabel', 'title']);
    expect(pub.title).toBe('王**反映停车场乱收费 138****2222');
    expect(pub.statusLabel).toBe('待受理');
    const priv = r.body.items.find((x: any) => x.code === null);
    expect(priv).toMatchObject({ title: '乱收费问题（未公开）', code: null });
    const raw = JSON.stringify(r.body);
    for (const secret of ['13800002222', '13800003333', '王小红', '衡阳乙停车管理有限公司', enterpriseCode, made.parkingPrivate.code]) expect(raw).not.toContain(secret);
  });

  it('ignores phone and credit code (they would reveal someone else\'s case)', async () => {
    const r = await publicPost(rt.app, '/api/public/similar', { text: texts.canteen, phone: '13800001111', creditCode: enterpriseCode });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([]);
  });

  it('department hint comes from the routing suggestion', async () => {
    const r = await publicPost(rt.app, '/api/public/route-hint', { text: texts.parking, categoryId: ids.arbitraryFees });
    expect(r.status).toBe(200);
    const direct = await suggestDepartments(rt.deps, { text: texts.parking, categoryId: ids.arbitraryFees });
    expect(r.body.departments).toEqual(direct.suggestions.slice(0, 3).map((s) => ({ name: s.departmentName, confidence: s.confidence })));
  });
});
