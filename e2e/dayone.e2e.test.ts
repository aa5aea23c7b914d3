import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '../src/domain/calendar/index.js';
import { loadDemo } from '../src/server/demo/load-demo.js';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { launchBrowser, loginAs, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// Day one (issue 12): the desk registers a 咨询 and it gets the 3-working-day limit; the public site answers an
// unknown address with a Chinese page on a phone; /p/stats reads its dates in Beijing time, in Chinese.

let rt: WebRuntime;
let browser: Browser;
let desk: Page;

beforeAll(async () => {
  rt = await webRuntime();
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 200, seed: 7 });
  rt.deps.directory.invalidate();
  browser = await launchBrowser();
  desk = await loginAs(browser, rt.baseUrl, 'intake');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function phone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  return context.newPage();
}

describe('day one', () => {
  it('the desk registers a 咨询 and it gets 3 working days, shown as 咨询 in the list', async () => {
    await desk.goto(`${rt.baseUrl}/`);
    const form = desk.getByTestId('intake-form');
    await form.waitFor();
    await form.getByLabel('联系电话').fill('13973409999');
    await form.getByLabel('诉求人姓名').fill('周敏');
    await form.getByLabel('问题类别').click();
    await desk.keyboard.type('施工许可');
    await desk.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: '施工许可' }).first().waitFor();
    await desk.keyboard.press('ArrowDown');
    await desk.keyboard.press('Enter');
    await textOf(form.getByTestId('lead-suggestion'), '建议主办单位');
    // The type follows the category's kind until the operator picks one.
    await form.getByLabel('诉求类型', { exact: true }).click();
    await desk.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '咨询' }).first().click();
    await form.getByLabel('诉求标题').focus();
    await desk.keyboard.type('咨询施工许可需要哪些材料');
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('来电人想了解厂房扩建办理施工许可需要准备哪些材料、多久能办好。');
    await form.getByRole('button', { name: '登记并派单' }).click();
    const code = (await textOf(form.getByTestId('last-created-link'), /^YW/)).trim();

    const api = await apiLogin(rt.app, 'intake');
    const page = (await api.get(`/api/cases?view=all&q=${code}`)).body.items as any[];
    expect(page).toHaveLength(1);
    const c = (await api.get(`/api/cases/${page[0].id}`)).body;
    expect(c.caseType).toBe('consultation');
    expect(c.replyDeadline).toBe(defaultCalendar.addWorkingDays(new Date(c.dispatchedAt), 3).toISOString());

    await desk.goto(`${rt.baseUrl}/cases?caseType=consultation&q=${code}`);
    const row = desk.locator('.ant-table-row', { hasText: code });
    await row.waitFor();
    expect(await row.getByTestId('case-type').textContent()).toBe('咨询');
    await shot(desk, 'dayone-consultation-list');
  });

  it('an unknown public address shows a Chinese not-found page on a phone, with the ways on', async () => {
    const p = await phone();
    await p.goto(`${rt.baseUrl}/p/no-such-page`);
    const card = p.getByTestId('public-not-found');
    await textOf(card, '页面不存在');
    const text = await p.locator('body').innerText();
    expect(text).not.toMatch(/Unexpected Application Error|Hey developer|404 Not Found/);
    expect(text).toContain('查询进度');
    const fits = await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(fits).toBe(true);
    await shot(p, 'dayone-public-not-found');
    await p.context().close();
  });

  it('/p/stats reads its period and publication date in Beijing time, in Chinese', async () => {
    const p = await phone();
    await p.goto(`${rt.baseUrl}/p/stats`);
    const period = await textOf(p.getByTestId('stats-period'), /年/);
    expect(period).toMatch(/考核期 \d{4}年\d{1,2}月（\d{4}年\d{1,2}月1日至\d{4}年\d{1,2}月\d{1,2}日），\d{4}年\d{1,2}月\d{1,2}日发布/);
    expect(period).not.toMatch(/T\d\d:|Z\b|\d{4}-\d\d-\d\d/);
    await shot(p, 'dayone-public-stats');
    await p.context().close();
  });

  it('the portal consent box starts unchecked: the submitter decides', async () => {
    const p = await phone();
    await p.goto(`${rt.baseUrl}/p/submit`);
    await p.getByTestId('submit-form').waitFor();
    expect(await p.getByTestId('consent-public').isChecked()).toBe(false);
    await p.context().close();
  });
});
