import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePage, emptyWebRuntime, initialiseCity, launchBrowser, shot, textOf } from './kit.js';

// A city that is not the demo starts from nothing: the console opens on the first-start page, the city and its first
// administrator are set up there, and the new administrator signs in to a console that names the new city.

let rt: Awaited<ReturnType<typeof emptyWebRuntime>>;
let browser: Browser;

beforeAll(async () => {
  rt = await emptyWebRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('first start of a new city', () => {
  it('initialises 示例市 on the first-start page and signs in as its administrator', async () => {
    const page = await consolePage(browser, 'shili-admin');
    page.setDefaultTimeout(30_000);
    await initialiseCity(page, rt.baseUrl, { city: '示例市', code: '430100', username: 'shili-admin', name: '李示例', password: 'ShiLi2026Start' }, 'first-start');
    expect(await textOf(page.getByTestId('site-title'), '示例市优化营商环境问题并网督办平台')).not.toContain('衡阳');
    await page.getByLabel('用户名').fill('shili-admin');
    await page.getByLabel('密码').fill('ShiLi2026Start');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
    expect(await textOf(page.getByTestId('current-user'), '李示例')).toContain('示例市人民政府办公室');
    await textOf(page.locator('.ant-layout-sider'), '示例市优化营商环境');
    // The setup itself is the first entry of the new city's audit trail.
    await page.goto(`${rt.baseUrl}/admin/audit`);
    await textOf(page.locator('.ant-table'), '初始化平台');
    await shot(page, 'first-start-audit');
    // The page is closed once the platform is set up.
    await page.goto(`${rt.baseUrl}/setup`);
    await page.waitForURL(/\/(login|)$/);
    await page.context().close();
  });
});
