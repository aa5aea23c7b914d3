import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consolePage, emptyWebRuntime, firstSignIn, initialiseCity, launchBrowser, loginAs, openCase, pickOption, pickTree, readOtp, runAction, shot,
  statusOf, textOf,
} from './kit.js';

// 一网覆盖 for a city that is not the demo, all through the console: the first-start page sets up 云岭市 and its
// administrator; the administrator adds a unit (组织机构), a desk operator and a handler in that unit (账号管理), and a
// category the unit leads (问题类别); the desk registers a case in it, which goes to the unit; the handler signs in for
// the first time (new password first), signs and replies. Nothing is created through the API.

let rt: Awaited<ReturnType<typeof emptyWebRuntime>>;
let browser: Browser;
let admin: Page;
const city = { city: '云岭市', code: '532300', username: 'yl-admin', name: '赵云岭', password: 'YunLing#2026a' };

beforeAll(async () => {
  rt = await emptyWebRuntime();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

/** Adds an account in 账号管理 and returns its one-time password. */
async function addAccount(username: string, name: string, unit: string, role: string): Promise<string> {
  await admin.getByTestId('account-new').click();
  await admin.getByTestId('account-username').fill(username);
  await admin.getByTestId('account-name').fill(name);
  await pickOption(admin, '所属单位', unit);
  await admin.getByLabel('角色', { exact: true }).click();
  await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: role }).first().click();
  await admin.keyboard.press('Escape');
  await admin.getByTestId('account-save').click();
  return readOtp(admin);
}

describe('a new city sets up its own network and handles its first case', () => {
  it('from an empty platform to a case replied by a person, in a unit and a category made in the console', async () => {
    const setup = await consolePage(browser, 'setup');
    await initialiseCity(setup, rt.baseUrl, city);
    await setup.context().close();
    admin = await loginAs(browser, rt.baseUrl, city.username, city.password);
    expect(await textOf(admin.getByTestId('current-user'), '赵云岭')).toContain('云岭市人民政府办公室');

    // 组织机构: a top-level city department.
    await admin.getByRole('menuitem', { name: '组织机构' }).click();
    await admin.getByTestId('unit-new').click();
    const unitDialog = admin.getByRole('dialog');
    await unitDialog.getByLabel('单位名称').fill('云岭市教育局');
    await unitDialog.getByLabel('单位编码').fill('jyj');
    await unitDialog.getByLabel('联系电话（对外服务电话）').fill('0876-12345');
    await shot(admin, 'city-setup-unit');
    await unitDialog.getByRole('button', { name: '确定' }).click();
    await textOf(admin.locator('.ant-message'), '新增单位成功');
    await textOf(admin.locator('.ant-tree'), '云岭市教育局');

    // 账号管理: the desk operator at the city office, the handler at the new unit.
    await admin.getByRole('menuitem', { name: '账号管理' }).click();
    const deskOtp = await addAccount('li.shouli', '李受理', '云岭市人民政府办公室', '受理员');
    const handlerOtp = await addAccount('wang.yu', '王育', '云岭市教育局', '承办人');

    // 问题类别: a group and a leaf led by the new unit, taking complaints only.
    await admin.getByRole('menuitem', { name: '问题类别' }).click();
    const form = admin.getByTestId('category-form');
    await admin.getByTestId('catalogue-new').click();
    await form.getByLabel('类别编码').fill('education');
    await form.getByLabel('类别名称').fill('教育服务');
    await admin.getByTestId('category-save').click();
    await textOf(admin.locator('.ant-message'), '已新增类别');
    await form.waitFor({ state: 'hidden' });
    await admin.getByTestId('catalogue-new').click();
    await form.getByLabel('类别编码').fill('education.private_school');
    await form.getByLabel('类别名称').fill('民办学校收费');
    await pickTree(admin, '上级类别', '教育服务');
    await pickTree(admin, '默认牵头单位', '云岭市教育局');
    await form.getByRole('checkbox', { name: '投诉' }).check();
    await admin.getByTestId('category-save').click();
    await textOf(admin.locator('.ant-message'), '已新增类别');
    expect(await textOf(admin.locator('tr', { hasText: '民办学校收费' }), '牵头：云岭市教育局')).toContain('投诉');

    // The desk operator's first sign-in, then the case: the category proposes its lead unit, one key dispatches.
    const desk = await firstSignIn(browser, rt.baseUrl, 'li.shouli', deskOtp, 'LiShouLi#2026');
    const intake = desk.getByTestId('intake-form');
    await intake.getByLabel('诉求人姓名').fill('周家长');
    await intake.getByLabel('联系电话').fill('13908761234');
    const category = intake.getByLabel('问题类别', { exact: true });
    await category.click();
    await category.fill('民办学校');
    await desk.locator('.ant-cascader-menu-item', { hasText: '民办学校收费' }).first().click();
    expect(await textOf(intake.getByTestId('lead-suggestion'), '云岭市教育局')).toContain('建议主办单位');
    await intake.getByLabel('诉求标题').fill('民办学校额外收取课后服务费');
    await intake.getByLabel('诉求内容').fill('孩子就读的民办学校本学期另收课后服务费每月 600 元，未公示收费依据，请核查。');
    await intake.getByRole('button', { name: '登记并派单' }).click();
    const created = intake.getByTestId('last-created-link');
    await textOf(created, /^YW/);
    const caseId = Number((await created.getAttribute('href'))!.split('/').pop());
    await desk.context().close();

    // The handler's first sign-in: new password first; then the unit's case is theirs to sign and answer.
    const handler = await firstSignIn(browser, rt.baseUrl, 'wang.yu', handlerOtp, 'WangYu#2026x');
    expect(await textOf(handler.getByTestId('current-user'), '王育')).toContain('云岭市教育局');
    await openCase(handler, rt.baseUrl, caseId);
    expect(await textOf(statusOf(handler), '已派单待签收')).toBe('已派单待签收');
    expect(await textOf(handler.getByTestId('assignments'), '云岭市教育局')).toContain('主办');
    await runAction(handler, 'sign');
    expect(await textOf(statusOf(handler), '办理中')).toBe('办理中');
    await runAction(handler, 'reply', async (d) => {
      await d.getByLabel('答复内容').fill('经核查，该校课后服务费未经备案，已责令停止收取并退还已收费用。');
    });
    // Replied: the next step (审核) belongs to a supervisor, a role this new city has not given anyone yet.
    expect(await textOf(statusOf(handler), '已答复待审核')).toBe('已答复待审核');
    await shot(handler, 'city-setup-replied');
    await handler.context().close();
  });
});
