import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { firstSignIn, launchBrowser, loginAs, pickOption, readOtp, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

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

    const page = await firstSignIn(browser, rt.baseUrl, 'chen.qi', otp, 'Chen#Qi2026x', async (form) => {
      // A weak new password is refused in Chinese before the good one is saved.
      await form.getByTestId('new-password').fill('weak');
      await form.getByTestId('confirm-password').fill('weak');
      await form.getByTestId('change-password-submit').click();
      await textOf(form.getByTestId('change-password-form'), '长度至少 8 位');
      await shot(form, 'people-forced-change');
    });
    expect(await textOf(page.getByTestId('current-user'), '承办人、承办单位负责人')).toContain('陈七');
    await page.context().close();
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
