import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, pickTree, shot, statusOf, textOf, webRuntime, type WebRuntime } from './kit.js';

// The admin creates a category in the 问题类别 screen with a default lead unit; the desk then registers a case in it
// and the dispatch proposes that unit; after the admin retires the category the desk no longer offers it.

let rt: WebRuntime;
let browser: Browser;
let admin: Page;
const name = '消防审验扰企';

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  admin = await loginAs(browser, rt.baseUrl, 'admin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('catalogue console', () => {
  it('the admin creates a category with a lead unit in the screen', async () => {
    await admin.goto(`${rt.baseUrl}/admin/catalogue`);
    const table = admin.getByTestId('catalogue-page');
    await textOf(table, '审批服务');
    await admin.getByTestId('catalogue-new').click();
    const form = admin.getByTestId('category-form');
    await form.getByLabel('类别编码').fill('approval.fire_check');
    await form.getByLabel('类别名称').fill(name);
    await pickTree(admin, '上级类别', '审批服务');
    await pickTree(admin, '默认牵头单位', '市住房和城乡建设局');
    await pickTree(admin, '默认协办单位', '市行政审批服务局');
    // Close the multiple picker's list (Escape would close the drawer).
    await admin.locator('.ant-drawer-title').click();
    await admin.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await form.getByRole('checkbox', { name: '投诉' }).check();
    await form.getByRole('checkbox', { name: '举报' }).check();
    await form.getByLabel('标签').fill('获得电力');
    await form.getByLabel('标签').press('Enter');
    await shot(admin, 'catalogue-drawer');
    await admin.getByTestId('category-save').click();
    await textOf(admin.locator('.ant-message'), '已新增类别');

    await admin.getByLabel('搜索类别').fill('消防');
    const row = admin.locator('tr', { hasText: name });
    expect(await textOf(row, '牵头：市住房和城乡建设局')).toContain('投诉、举报');
    expect(await row.textContent()).toContain('协办：市行政审批服务局');
    await shot(admin, 'catalogue-search');

    // The duplicate code is refused in Chinese and nothing is added.
    await admin.getByTestId('catalogue-new').click();
    await form.getByLabel('类别编码').fill('approval.fire_check');
    await form.getByLabel('类别名称').fill('重复的编码');
    await admin.getByTestId('category-save').click();
    await textOf(admin.locator('.ant-message'), '类别编码已被其他类别使用');
    await admin.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });

  let caseUrl = '';

  it('the desk registers a case in it and the dispatch proposes its lead unit', async () => {
    const desk = await loginAs(browser, rt.baseUrl, 'intake');
    const form = desk.getByTestId('intake-form');
    await form.getByLabel('诉求人姓名').fill('周志强');
    await form.getByLabel('联系电话').fill('13907345678');
    const category = form.getByLabel('问题类别', { exact: true });
    await category.click();
    await category.fill('消防审验');
    await desk.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
    expect(await textOf(form.getByTestId('lead-suggestion'), '市住房和城乡建设局')).toContain('建议主办单位');
    await form.getByLabel('诉求标题').fill('消防审验反复要求补材料');
    await form.getByLabel('诉求内容').fill('我公司新建厂房消防验收已三次补充材料，每次提出新的要求，影响投产，请协调。');
    await form.getByRole('button', { name: '登记并派单' }).click();
    const created = form.getByTestId('last-created-link');
    await textOf(created, /^YW/);
    caseUrl = (await created.getAttribute('href'))!;
    await created.click();
    expect(await textOf(statusOf(desk), '已派单待签收')).toBe('已派单待签收');
    expect(await textOf(desk.getByTestId('assignments'), '市住房和城乡建设局')).toContain('主办');
    await shot(desk, 'catalogue-case-dispatched');
    await desk.context().close();
  });

  it('a retired category is no longer offered at the desk; its case keeps its name', async () => {
    await admin.goto(`${rt.baseUrl}/admin/catalogue`);
    await admin.getByLabel('搜索类别').fill('消防');
    await admin.getByRole('button', { name: `停用 ${name}` }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('原因').fill('并入竣工验收类');
    await shot(admin, 'catalogue-deactivate');
    await admin.getByTestId('status-ok').click();
    await textOf(admin.locator('.ant-message'), '已停用');
    await textOf(admin.locator('tr', { hasText: name }), '已停用');

    const desk = await loginAs(browser, rt.baseUrl, 'intake');
    const category = desk.getByTestId('intake-form').getByLabel('问题类别', { exact: true });
    await category.click();
    await category.fill('消防审验');
    await textOf(desk.locator('.ant-cascader-dropdown:visible'), /无|暂无|没有/);
    expect(await desk.locator('.ant-cascader-menu-item', { hasText: name }).count()).toBe(0);
    await desk.goto(`${rt.baseUrl}${caseUrl}`);
    expect(await textOf(desk.getByTestId('case-header'), name)).toContain(name);
  });
});
