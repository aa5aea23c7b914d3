import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/server/demo/load-demo.js';
import { launchBrowser, loginAs, webRuntime, type WebRuntime } from './kit.js';

// Issue 16: the console, the public site and the API docs render under the Content-Security-Policy the server
// sends (no inline scripts, no framing) without a single CSP violation in the browser console.

let rt: WebRuntime;
let browser: Browser;
const violations: string[] = [];

function watch(page: Page, where: string) {
  page.on('console', (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(m.text())) violations.push(`${where}: ${m.text()}`);
  });
  page.on('pageerror', (e) => violations.push(`${where}: page error ${e.message}`));
}

beforeAll(async () => {
  rt = await webRuntime();
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 200, seed: 7 });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('pages under the CSP', () => {
  it('login page, logged-in console pages, the public site and the API docs show no CSP violation', async () => {
    const anon = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    watch(anon, 'login');
    const res = await anon.goto(`${rt.baseUrl}/login`);
    const csp = res!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await anon.getByLabel('用户名').waitFor({ timeout: 60_000 });

    const page = await loginAs(browser, rt.baseUrl, 'supervisor');
    watch(page, 'supervisor');
    for (const path of ['/cases', '/supervision', '/dashboard', '/assessment', '/publication', '/inbox']) {
      await page.goto(`${rt.baseUrl}${path}`);
      await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
    }
    await page.goto(`${rt.baseUrl}/cases`);
    await page.locator('table tbody tr a').first().click();
    await page.waitForLoadState('networkidle');

    const citizen = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } })).newPage();
    watch(citizen, 'portal');
    for (const path of ['/p/submit', '/p', '/p/board']) {
      await citizen.goto(`${rt.baseUrl}${path}`);
      await citizen.waitForLoadState('networkidle');
    }
    await citizen.goto(`${rt.baseUrl}/p/submit`);
    await expect.poll(async () => citizen.locator('form').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    const docs = await (await browser.newContext()).newPage();
    watch(docs, 'api-docs');
    await docs.goto(`${rt.baseUrl}/api/docs`);
    await docs.locator('.swagger-ui .opblock').first().waitFor({ timeout: 60_000 });

    expect(violations).toEqual([]);
  });

  it('another site cannot frame the console', async () => {
    const page = await (await browser.newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (m) => blocked.push(m.text()));
    await page.setContent(`<iframe src="${rt.baseUrl}/login"></iframe>`);
    await expect.poll(() => blocked.some((t) => /frame-ancestors|X-Frame-Options|Refused to (display|frame)/i.test(t)), { timeout: 20_000 }).toBe(true);
  });
});
