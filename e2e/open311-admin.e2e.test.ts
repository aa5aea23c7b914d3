import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginAs, pickOption, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// The admin gives an Open311 service a required single-choice question in the console; Open311 clients see it in
// the public service definition at once.

let rt: WebRuntime;
let browser: Browser;
let page: Page;
const service = 'fees.arbitrary';

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  page = await loginAs(browser, rt.baseUrl, 'admin');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function definition() {
  const r = await fetch(`${rt.baseUrl}/open311/v2/services/${service}.json`);
  expect(r.status).toBe(200);
  return r.json() as Promise<{ service_code: string; attributes: any[] }>;
}

describe('Open311 service attributes console', () => {
  it('adds a required single-choice attribute that the public service definition shows', async () => {
    expect((await definition()).attributes).toEqual([]);
    await page.goto(`${rt.baseUrl}/admin/open311`);
    await page.getByTestId('open311-keys').waitFor();
    await page.getByRole('tab', { name: '服务属性' }).click();
    await page.getByTestId('open311-attributes').waitFor();
    await pickOption(page, '服务类型', service);
    await textOf(page.getByTestId('open311-attributes'), '乱收费 的属性');

    await page.getByTestId('attribute-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('属性代码').fill('receipt');
    await dialog.getByLabel('属性说明（提问）').fill('是否有收费票据');
    await dialog.getByLabel('数据类型').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '单选' }).click();
    await dialog.getByLabel('必填', { exact: true }).click();
    await dialog.getByLabel('填写提示').fill('请选择一项');
    for (const [i, [key, name]] of [['yes', '有票据'], ['no', '没有票据']].entries()) {
      await dialog.getByTestId('attribute-add-value').click();
      await dialog.getByLabel(`选项值 ${i + 1}`).fill(key);
      await dialog.getByLabel(`选项名称 ${i + 1}`).fill(name);
    }
    await shot(page, 'open311-attribute-form');
    await dialog.getByTestId('attribute-save').click();
    await dialog.waitFor({ state: 'hidden' });

    const table = page.getByTestId('open311-attributes');
    expect(await textOf(table, 'yes=有票据')).toContain('必填');
    expect(await textOf(table, '新增')).toContain('系统管理员');
    await shot(page, 'open311-attributes');

    expect((await definition()).attributes).toEqual([{
      variable: true, code: 'receipt', datatype: 'singlevaluelist', required: true, datatype_description: '请选择一项', order: 1,
      description: '是否有收费票据', values: [{ key: 'yes', name: '有票据' }, { key: 'no', name: '没有票据' }],
    }]);
    const services = await (await fetch(`${rt.baseUrl}/open311/v2/services.json`)).json() as any[];
    expect(services.find((s) => s.service_code === service).metadata).toBe(true);

    // The same code again is refused beside the field, and nothing is added.
    await page.getByTestId('attribute-new').click();
    await dialog.waitFor();
    await dialog.getByLabel('属性代码').fill('receipt');
    await dialog.getByLabel('属性说明（提问）').fill('票据编号');
    await dialog.getByTestId('attribute-save').click();
    expect(await textOf(dialog, '该服务已有相同代码的属性')).toContain('属性代码');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    expect((await definition()).attributes).toHaveLength(1);
  });
});
