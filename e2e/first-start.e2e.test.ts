import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRuntime } from '../test/settings/empty-db.js';
import { launchBrowser, shotsDir, textOf } from './kit.js';

// A city that is not the demo starts from nothing: the console opens on the first-start page, the city and its first
// administrator are set up there, and the new administrator signs in to a console that names the new city.

let rt: Awaited<ReturnType<typeof emptyRuntime>>;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  const webRoot = path.resolve('dist/web');
  if (!existsSync(path.join(webRoot, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first');
  rt = await emptyRuntime({ webRoot });
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('first start of a new city', () => {
  it('initialises 示例市 on the first-start page and signs in as its administrator', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/setup$/, { timeout: 90_000 });
    await page.getByLabel('城市名称').fill('示例市');
    await page.getByLabel('行政区划代码').fill('430100');
    await page.getByLabel('管理员用户名').fill('shili-admin');
    await page.getByLabel('管理员姓名').fill('李示例');
    await page.getByLabel('管理员密码').fill('ShiLi2026Start');
    await page.getByLabel('确认密码').fill('ShiLi2026Start');
    await page.screenshot({ path: path.join(shotsDir, 'first-start.png') });
    await page.getByRole('button', { name: '初始化平台' }).click();
    await textOf(page.locator('.ant-result-title'), '初始化完成');
    await page.getByTestId('setup-go-login').click();
    await page.waitForURL(/\/login$/);
    expect(await textOf(page.getByTestId('site-title'), '示例市优化营商环境问题并网督办平台')).not.toContain('衡阳');
    await page.getByLabel('用户名').fill('shili-admin');
    await page.getByLabel('密码').fill('ShiLi2026Start');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
    expect(await textOf(page.getByTestId('current-user'), '李示例')).toContain('示例市人民政府办公室');
    await textOf(page.locator('.ant-layout-sider'), '示例市优化营商环境');
    // The setup itself is the first entry of the new city's audit trail.
    await page.goto(`${baseUrl}/admin/audit`);
    await textOf(page.locator('.ant-table'), '初始化平台');
    await page.screenshot({ path: path.join(shotsDir, 'first-start-audit.png') });
    // The page is closed once the platform is set up.
    await page.goto(`${baseUrl}/setup`);
    await page.waitForURL(/\/(login|)$/);
    await context.close();
  });
});
