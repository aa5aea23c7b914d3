import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPassword } from '../src/server/demo/seed-org.js';
import { columnsOutOfView, launchBrowser, loginAs, shot, textOf, webRuntime, wrappedColumns, type WebRuntime } from './kit.js';

// The hotline desk with the keyboard only: the caller's number brings up an earlier case from the same number,
// Ctrl+Enter registers and dispatches to the suggested department; later the operator calls back and records
// the caller's rating, which rates the case like an online rating.

let rt: WebRuntime;
let browser: Browser;
let page: Page;
const knownPhone = '13973400001';
let knownCode = '';
let createdId = 0;

async function api(username: string) {
  const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const csrf = login.json().csrfToken;
  return {
    get: async (url: string) => (await rt.app.inject({ method: 'GET', url, headers: { cookie } })).json(),
    post: async (url: string, payload: object) => {
      const r = await rt.app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`);
      return r.json();
    },
  };
}

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  // An earlier call from the same number, still open.
  const intake = await api('intake');
  const org = await intake.get('/api/org');
  const categoryId = org.categories.find((c: any) => c.code === 'approval.construction_permit').id;
  const earlier = await intake.post('/api/cases', {
    title: '厂房施工许可迟迟未批', description: '上个月提交的施工许可申请至今没有结果。', categoryId, channel: 'hotline', urgency: 'normal',
    submitterName: '李国强', submitterPhone: knownPhone, enterpriseName: '衡阳恒远建材有限公司',
  });
  knownCode = earlier.code;
  page = await loginAs(browser, rt.baseUrl, 'intake');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('hotline desk', () => {
  it('takes a call with the keyboard only, shows the earlier case from the same number, dispatches with one key', async () => {
    await page.getByTestId('workbench-intake').waitFor();
    expect(await textOf(page.getByTestId('intake-shortcuts'), 'Ctrl+Enter')).toContain('登记并派单');
    const form = page.getByTestId('intake-form');
    // The caller's number field has the focus when the desk opens.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe('submitterPhone');
    await page.keyboard.type(knownPhone);
    const similar = page.getByTestId('similar-cases');
    expect(await textOf(similar, knownCode)).toContain('同一来电号码');
    expect(await textOf(page.getByTestId('caller-history'), knownCode)).toContain('共 1 件');
    await shot(page, 'hotline-duplicate');

    await page.keyboard.press('Tab');
    await page.keyboard.type('李国强');
    await page.keyboard.press('Tab');
    await page.keyboard.type('施工许可');
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: '施工许可' }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await textOf(form.getByTestId('lead-suggestion'), '市住房和城乡建设局')).toContain('建议主办单位');
    await form.getByLabel('诉求标题').focus();
    await page.keyboard.type('再次反映施工许可未批');
    await page.keyboard.press('Tab');
    await page.keyboard.type('来电人称上月已反映，施工许可申请仍无结果，项目无法开工。');
    await page.keyboard.press('Alt+U');
    await expect.poll(() => form.locator('.ant-radio-button-wrapper-checked').textContent()).toBe('紧急');
    await page.keyboard.press('Control+Enter');

    const created = form.getByTestId('last-created-link');
    const code = (await textOf(created, /^YW/)).trim();
    createdId = Number((await created.getAttribute('href'))!.split('/').pop());
    await textOf(page.locator('.ant-message'), `已登记并派单：${code}`);
    const c = await (await api('intake')).get(`/api/cases/${createdId}`);
    expect(c).toMatchObject({ status: 'dispatched', urgency: 'urgent', channel: 'hotline', submitterPhone: knownPhone, submitterName: '李国强', leadDepartmentName: '市住房和城乡建设局' });
    // Ready for the next call: the number field has the focus again.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe('submitterPhone');
  });

  it('records a follow-up call with the caller\'s rating', async () => {
    const handler = await api('zjj-handler');
    await handler.post(`/api/cases/${createdId}/sign`, {});
    await handler.post(`/api/cases/${createdId}/reply`, { text: '已加快审批，施工许可证已于今日核发，请企业到窗口领取。' });
    await (await api('supervisor')).post(`/api/cases/${createdId}/approve-reply`, {});

    await page.reload();
    const row = page.getByTestId(`followup-row-${createdId}`);
    await row.waitFor();
    expect(await textOf(row, '待回访')).toContain(knownPhone);
    await page.getByTestId(`followup-call-${createdId}`).click();
    const dialog = page.getByRole('dialog');
    await textOf(dialog, '施工许可证已于今日核发');
    await dialog.getByText('满意', { exact: true }).click();
    await dialog.getByLabel('诉求人意见').fill('证已经拿到了，感谢');
    await shot(page, 'hotline-followup');
    await dialog.getByTestId('followup-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await textOf(page.locator('.ant-message'), '已记录回访评价：满意');
    await row.waitFor({ state: 'detached' });

    const intake = await api('intake');
    const c = await intake.get(`/api/cases/${createdId}`);
    expect(c).toMatchObject({ status: 'closed', rating: 'satisfied', ratingComment: '证已经拿到了，感谢' });
    const calls = (await intake.get(`/api/cases/${createdId}/followups`)).items;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: 'reached', rating: 'satisfied', isValid: true });
  });

  it('finds the caller\'s cases on 查询 by the last four digits and by the enterprise; the desk history keeps the closed one', async () => {
    await page.goto(`${rt.baseUrl}/search`);
    const box = page.getByTestId('search-box').locator('input');
    await box.fill(knownPhone.slice(-4));
    await box.press('Enter');
    const results = page.getByTestId('search-results');
    await textOf(page.getByTestId('search-total'), '共 2 件');
    expect(await textOf(results, knownCode)).toContain('已办结');
    expect(await results.textContent()).toContain('李国强');
    expect(await results.textContent()).not.toContain(knownPhone);
    await shot(page, 'search-phone');
    await box.fill('恒远建材');
    await box.press('Enter');
    await textOf(page.getByTestId('search-total'), '共 1 件');
    expect(await textOf(results, knownCode)).toContain('衡阳恒远建材有限公司');
    expect(new URL(page.url()).searchParams.get('q')).toBe('恒远建材');
    // A refused query says why, in Chinese, next to the results.
    await box.fill('车');
    await box.press('Enter');
    await textOf(page.getByTestId('search-error'), '查询内容太短');

    await page.goto(`${rt.baseUrl}/`);
    await page.getByTestId('workbench-intake').waitFor();
    await page.keyboard.type(knownPhone);
    const history = page.getByTestId('caller-history');
    expect(await textOf(history, '共 2 件')).toContain('已办结');
    expect(await page.getByTestId('caller-history-item').count()).toBe(2);
  });

  it('dispatches several waiting cases at once from the queue; a case dispatched meanwhile is listed as refused', async () => {
    const intake = await api('intake');
    const org = await intake.get('/api/org');
    const categoryId = org.categories.find((c: any) => c.code === 'approval.construction_permit').id;
    const made: { id: number; code: string }[] = [];
    for (const title of ['批量派单一：施工许可未批', '批量派单二：施工许可未批', '批量派单三：施工许可未批']) {
      made.push(await intake.post('/api/cases', { title, description: `${title}，来电人请求协调。`, categoryId, channel: 'hotline', urgency: 'normal', submitterName: '王批量', submitterPhone: '13973400077' }));
    }
    await page.reload();
    const queue = page.getByTestId('workbench-intake').getByTestId('case-table');
    for (const c of made) await queue.locator('tr', { hasText: c.code }).locator('.ant-checkbox-input').check();
    await textOf(page.getByTestId('batch-bar-dispatch'), '已选 3 件');
    // A colleague dispatches one of them while this page still shows it waiting.
    await intake.post(`/api/cases/${made[2].id}/dispatch`, { leadDepartmentId: org.departments.find((d: any) => d.code === 'zjj').id, coDepartmentIds: [] });

    await page.getByTestId('batch-dispatch').click();
    const dialog = page.getByRole('dialog');
    await textOf(dialog, made[0].code);
    await dialog.getByLabel('批量派单主办单位', { exact: true }).click();
    await dialog.getByLabel('批量派单主办单位', { exact: true }).fill('市行政审批');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '市行政审批服务局' }).first().click();
    await shot(page, 'batch-dispatch-form');
    await dialog.getByTestId('batch-ok').click();
    const result = page.getByTestId('batch-result');
    expect(await textOf(result, '2 件已派单，1 件未能办理')).toContain(made[2].code);
    expect(await textOf(result.getByTestId('batch-refusal'), '诉求当前状态不允许此操作')).toBeTruthy();
    await shot(page, 'batch-dispatch-result');
    await page.getByTestId('batch-result-close').click();
    for (const c of made.slice(0, 2)) {
      expect(await intake.get(`/api/cases/${c.id}`)).toMatchObject({ status: 'dispatched', leadDepartmentName: '市行政审批服务局' });
    }
    expect((await intake.get(`/api/cases/${made[2].id}`)).leadDepartmentName).toBe('市住房和城乡建设局');
  });

  it('全部诉求 at 1440 px shows every column whole: none scrolled away, codes and times on one line', async () => {
    await page.goto(`${rt.baseUrl}/cases`);
    const table = page.getByTestId('case-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const names = ['编号', '标题', '类型', '问题类别', '主办单位', '状态', '答复期限', '登记时间'];
    expect(await columnsOutOfView(table, names)).toEqual({ outside: [], missing: [] });
    expect(await wrappedColumns(table, ['编号', '登记时间'])).toEqual([]);
    await shot(page, 'all-cases-1440');
  });

  it('the admin issues an Open311 key (shown once) that the API accepts, then revokes it', async () => {
    const admin = await loginAs(browser, rt.baseUrl, 'admin');
    await admin.goto(`${rt.baseUrl}/admin/open311`);
    await admin.getByTestId('open311-keys').waitFor();
    await admin.getByTestId('open311-new-key').click();
    await admin.getByLabel('接入系统名称').fill('衡阳城市随手拍 App');
    await admin.keyboard.press('Enter');
    const secret = (await textOf(admin.getByTestId('open311-secret'), /yw311_/)).trim();
    await shot(admin, 'open311-key-created');
    await admin.getByRole('button', { name: '我已保存' }).click();
    const row = admin.locator('tr', { hasText: '衡阳城市随手拍 App' });
    expect(await textOf(row, '从未使用')).toContain(secret.slice(0, 12));
    expect(await row.textContent()).not.toContain(secret);

    const submit = () => rt.app.inject({
      method: 'POST', url: '/open311/v2/requests.json',
      payload: new URLSearchParams({ api_key: secret, service_code: 'approval.business_start', address_string: '衡阳市石鼓区', phone: '13800000001', description: '营业执照办理咨询' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect((await submit()).statusCode).toBe(201);
    await admin.reload();
    await textOf(admin.locator('tr', { hasText: '衡阳城市随手拍 App' }), '有效');
    await admin.locator('tr', { hasText: '衡阳城市随手拍 App' }).getByRole('button', { name: '停用' }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await textOf(admin.locator('tr', { hasText: '衡阳城市随手拍 App' }), '已停用');
    expect((await submit()).statusCode).toBe(403);
  });
});
