import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginAs, pickOption, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// The administrator creates an account with two roles and resets its password; the person signs in with the one-time
// password and must change it first. A handler who types an administrator's address sees 无权访问.

let rt: WebRuntime;
let browser: Browser;
let admin: Page;

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  admin = await loginAs(browser, rt.baseUrl, 'admin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function readOtp(page: Page): Promise<string> {
  const value = (await page.getByTestId('otp-value').first().textContent()) ?? '';
  expect(value).toMatch(/^[A-Za-z0-9]{16}$/);
  await page.getByRole('button', { name: '我已记下' }).click();
  return value;
}

describe('accounts administration', () => {
  it('creates a two-role account, resets its password, and the person must change it at sign-in', async () => {
    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    await admin.getByTestId('account-new').click();
    await admin.getByTestId('account-username').fill('chen.qi');
    await admin.getByTestId('account-name').fill('陈七');
    await pickOption(admin, '所属单位', '市住房和城乡建设局');
    await admin.getByLabel('角色', { exact: true }).click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '承办人' }).first().click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '承办单位负责人' }).click();
    await admin.keyboard.press('Escape');
    await admin.getByTestId('account-save').click();
    await readOtp(admin);
    await admin.getByPlaceholder('姓名、用户名或单位').fill('chen.qi');
    await admin.getByPlaceholder('姓名、用户名或单位').press('Enter');
    await textOf(admin.locator('.ant-table-tbody'), '承办单位负责人');
    await shot(admin, 'people-accounts');

    await admin.getByTestId('reset-chen.qi').click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '重置' }).click();
    const otp = await readOtp(admin);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${rt.baseUrl}/`);
    await page.getByLabel('用户名').fill('chen.qi', { timeout: 60_000 });
    await page.getByLabel('密码').fill(otp);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('forced-change-password').waitFor({ timeout: 60_000 }).catch(async (err) => {
      await shot(page, 'people-otp-login-failed');
      throw new Error(`${String(err)}\n${(await page.locator('body').textContent())?.slice(0, 400)}`);
    });
    await page.getByTestId('old-password').fill(otp);
    await page.getByTestId('new-password').fill('weak');
    await page.getByTestId('confirm-password').fill('weak');
    await page.getByTestId('change-password-submit').click();
    await textOf(page.getByTestId('change-password-form'), '长度至少 8 位');
    await shot(page, 'people-forced-change');
    await page.getByTestId('new-password').fill('Chen#Qi2026x');
    await page.getByTestId('confirm-password').fill('Chen#Qi2026x');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
    expect(await textOf(page.getByTestId('current-user'), '承办人、承办单位负责人')).toContain('陈七');
    await context.close();
  });

  it('a handler typing an administrator address sees 无权访问', async () => {
    const handler = await loginAs(browser, rt.baseUrl, 'zjj-handler');
    expect(await handler.getByRole('menuitem', { name: '账号管理' }).count()).toBe(0);
    await handler.goto(`${rt.baseUrl}/admin/users`);
    await textOf(handler.getByTestId('forbidden'), '无权访问');
    expect(await handler.getByTestId('account-new').count()).toBe(0);
    await shot(handler, 'people-forbidden');
    await handler.getByTestId('forbidden-home').click();
    await handler.getByTestId('current-user').waitFor();
  });
});
