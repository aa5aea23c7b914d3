import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs as apiLogin, type Client } from '../test/kit/http.js';
import { orgIds, sampleCase } from '../test/kit/org.js';
import { beijingDate } from '../src/domain/calendar/local-time.js';
import { launchBrowser, loginAs, pickOption, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// Issue 14's story journeys (ADR 0026): a closed case becomes a story in the console, the 营商办 reviews the masked
// text beside the original and publishes it, and it appears masked on /p/stories on a phone; a finished (销号) reform
// measure becomes a story with its before/after figures and units the same way.

let rt: WebRuntime;
let browser: Browser;
let caseCode: string;
const year = Number(beijingDate(new Date()).slice(0, 4));

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  const [admin, sup, intake, xzsp] = await Promise.all(['admin', 'supervisor', 'intake', 'xzsp-handler'].map((u) => apiLogin(rt.app, u))) as Client[];
  const ids = await orgIds(admin);
  const kbqy = (await sup.post('/api/indicators', { year, system: 'national', code: 'kbqy', name: '开办企业', leadDepartmentId: ids.dept('scjg') })).body.id;
  const created = await intake.post('/api/cases', {
    ...sampleCase(ids.category('approval.business_start'), { title: '新办企业开户慢' }), dispatch: { leadDepartmentId: ids.dept('xzsp'), coDepartmentIds: [] },
  });
  caseCode = created.body.code;
  for (const [who, cmd, body] of [[xzsp, 'sign', {}], [xzsp, 'reply', { text: '已协调银行当日开户。' }], [sup, 'approve-reply', {}], [intake, 'rate', { rating: 'satisfied', comment: '' }]] as const) {
    expect((await who.post(`/api/cases/${created.body.id}/${cmd}`, body)).status).toBe(200);
  }
  const day = (offset: number) => beijingDate(new Date(Date.now() + offset * 86_400_000));
  const reform = await sup.post(`/api/indicators/${kbqy}/reforms`, {
    title: '企业开办全程网办', leaderName: '分管副市长', startDate: day(-90), endDate: day(30), schedule: { frequency: 'none' },
    targets: [{ name: '全程网办率', measure: '%', value: 90 }],
  });
  expect(reform.status).toBe(200);
  expect((await sup.post(`/api/items/${reform.body.id}/close`, { evidence: '系统已上线，全市推广完成。' })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function publish(title: string) {
  const office = await loginAs(browser, rt.baseUrl, 'supervisor');
  await office.goto(`${rt.baseUrl}/stories`);
  await office.locator('tr', { hasText: title }).getByRole('button', { name: '审核' }).click();
  return office;
}

/** /p/stories on a phone-sized screen (390×844). */
async function publicStoriesOnPhone() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phone = await context.newPage();
  await phone.goto(`${rt.baseUrl}/p/stories`);
  return { phone, context };
}

describe('stories (衡阳故事)', () => {
  it('a closed case becomes a story, is reviewed beside its masked text and appears masked on /p/stories on a phone', async () => {
    const unit = await loginAs(browser, rt.baseUrl, 'xzsp-handler');
    await unit.goto(`${rt.baseUrl}/stories`);
    await unit.getByRole('button', { name: '推荐故事' }).click();
    await unit.getByLabel('受理编号').fill(caseCode);
    await unit.getByLabel('标题', { exact: true }).fill('新办企业开户一次办');
    await unit.getByLabel('改革前').fill('开户 5 个工作日');
    await unit.getByLabel('改革后').fill('当日开户');
    await unit.getByLabel('故事正文').fill('张伟反映新办企业开户慢，联系电话13800138000。审批局协调银行当日开户。');
    await unit.getByRole('button', { name: '提交推荐' }).click();
    await textOf(unit.locator('.ant-message'), '已推荐');
    await textOf(unit.locator('tr', { hasText: '新办企业开户一次办' }).getByTestId('story-status'), '待审核');

    const office = await publish('新办企业开户一次办');
    const masked = await textOf(office.getByTestId('story-masked'), '审批局协调银行当日开户');
    expect(masked).not.toContain('13800138000');
    expect(masked).not.toContain('张伟');
    await shot(office, 'stories-review');
    await office.getByRole('button', { name: '发布（公开脱敏文本）' }).click();
    await textOf(office.locator('.ant-message'), '已发布');

    const { phone, context } = await publicStoriesOnPhone();
    const card = phone.getByTestId('story').filter({ hasText: '新办企业开户一次办' });
    const text = await textOf(card, '当日开户');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('张伟');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'stories-public-390');
    await context.close();
  });

  it('a finished reform measure becomes a story with its figures and units, published the same way', async () => {
    const lead = await loginAs(browser, rt.baseUrl, 'scjg-handler');
    await lead.goto(`${rt.baseUrl}/stories`);
    await lead.getByRole('button', { name: '推荐故事' }).click();
    await lead.getByText('已销号的改革举措').click();
    await pickOption(lead, '改革举措', '企业开办全程网办');
    // The measure's target comes in as a figure with its unit; the before is the nominator's to fill.
    await expect.poll(() => lead.getByLabel('对比项1名称').inputValue()).toBe('全程网办率');
    expect(await lead.getByLabel('对比项1单位').inputValue()).toBe('%');
    await lead.getByLabel('对比项1改革前').fill('35');
    await lead.getByLabel('对比项1改革后').fill('92');
    await lead.getByLabel('故事正文').fill('市场监管局推行企业开办全程网办，企业足不出户领执照。');
    await shot(lead, 'stories-nominate-reform');
    await lead.getByRole('button', { name: '提交推荐' }).click();
    await textOf(lead.locator('.ant-message'), '已推荐');

    const office = await publish('企业开办全程网办');
    await textOf(office.getByTestId('story-figures-view'), '全程网办率：35% → 92%');
    await office.getByRole('button', { name: '发布（公开脱敏文本）' }).click();
    await textOf(office.locator('.ant-message'), '已发布');

    const { phone, context } = await publicStoriesOnPhone();
    const card = phone.getByTestId('story').filter({ hasText: '企业开办全程网办' });
    await textOf(card.getByTestId('story-figure'), '35% → 92%');
    await textOf(card, '开办企业 · 改革举措');
    await shot(phone, 'stories-reform-390');
    await context.close();
  });
});
