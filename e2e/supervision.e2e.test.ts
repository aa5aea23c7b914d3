import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { orgIds, sampleCase } from '../test/kit/org.js';
import { columnsOutOfView, launchBrowser, loginAs, openCase, shot, shotsDir, textOf, webRuntime, type WebRuntime } from './kit.js';

// A supervision order (督办单) through the browser: the office finds a case in 督办中心 and issues an order from
// the case page; the department sees the notice in 消息 and answers in writing on 本单位督办; the office accepts the
// answer and closes the order; the case timeline shows every step; the order downloads as a Word file.
// The level steps and the page-width step guard bugs this journey found (a level picker that dropped the form's
// value; a department page wider than the window).
describe('supervision order journey through the web client', () => {
  let rt: WebRuntime;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  let caseId = 0;
  let code = '';
  let orderCode = '';
  const title = '商品房项目竣工验收备案久拖未办';
  const dept = '市住房和城乡建设局';
  const demands = '请于期限内完成竣工验收备案，并书面答复办理结果及整改措施。';
  const answer = '已约谈项目建设单位，竣工验收备案已于今日办结，备案证明已送达企业，相关责任人已作书面检查。';

  beforeAll(async () => {
    rt = await webRuntime({ notifications: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  const as = async (username: string) => (pages[username] ??= await loginAs(browser, rt.baseUrl, username));
  const ordersPanel = (page: Page) => page.getByTestId('orders-panel');
  /** The order's row in an orders table (case page panel or department page). */
  const orderRow = (scope: Page | Locator) => scope.getByTestId('orders-table').locator('tr.ant-table-row', { hasText: orderCode || dept }).first();
  /** Opens an order action from its button in the row, fills the modal and confirms. */
  const orderAction = async (page: Page, row: Locator, action: 'answer' | 'raise' | 'close', fill?: (d: Locator) => Promise<void>) => {
    await row.getByTestId(`order-${action}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Let antd's zoom-in finish: typing or clicking mid-animation was seen to be lost about one run in three.
    await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
    if (fill) await fill(dialog);
    await dialog.getByTestId('order-action-ok').click();
    await dialog.waitFor({ state: 'hidden' });
  };
  /** The antd Select of the form item labelled `label` (the level picker's label is not linked to its input). */
  const selectOf = (scope: Locator, label: string) => scope.locator('.ant-form-item', { has: scope.page().getByText(label, { exact: true }) }).locator('.ant-select').first();
  /** Picks an option of a plain (non-search) antd Select. */
  const choose = async (page: Page, select: Locator, option: string) => {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };

  it('setup through the API: intake registers a case for 市住房和城乡建设局, its handler signs it', async () => {
    const intake = await apiLogin(rt.app, 'intake');
    const ids = await orgIds(intake);
    const created = await intake.post('/api/cases', {
      ...sampleCase(ids.category('approval.construction_permit'), { title }),
      dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    code = created.body.code;
    expect(code).toMatch(/^YW/);
    const handler = await apiLogin(rt.app, 'zjj-handler');
    expect((await handler.post(`/api/cases/${caseId}/sign`)).status).toBe(200);
  });

  it('the supervisor finds the case in 督办中心 and issues an order from the case page', async () => {
    const page = await as('supervisor');
    await page.getByRole('menuitem', { name: '督办中心' }).click();
    const centre = page.getByTestId('supervision-centre');
    await centre.waitFor();
    // Filter by 承办单位 (a searchable Select with a placeholder only).
    const deptFilter = centre.locator('.ant-select', { hasText: '承办单位' }).first();
    await deptFilter.click();
    await deptFilter.locator('input').fill('住房和城乡');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: dept }).first().click();
    const row = centre.locator('tr.ant-table-row', { hasText: code });
    expect(await textOf(row, title)).toContain(dept);
    expect(await row.textContent()).toContain('办理中');
    await textOf(centre, '共 1 件');
    await shot(page, 'supervision-centre');

    await row.getByRole('link', { name: new RegExp(code) }).click();
    await page.getByTestId('case-header').waitFor();
    const panel = ordersPanel(page);
    await textOf(panel, '暂无督办单');
    await panel.getByTestId('issue-order').click();
    const dialog = page.getByRole('dialog', { name: '下发督办单' });
    await dialog.waitFor();
    expect(await textOf(selectOf(dialog, '承办单位'), dept)).toContain(dept);
    await choose(page, selectOf(dialog, '督办等级'), '黄牌督办');
    expect(await textOf(selectOf(dialog, '督办等级'), '黄牌督办')).toBe('黄牌督办');
    await dialog.getByLabel('督办要求').fill(demands);
    await dialog.getByText('工作日数', { exact: true }).click();
    await dialog.getByRole('spinbutton').fill('5');
    await shot(page, 'modal-issue-order');
    await dialog.getByTestId('issue-order-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await textOf(page.locator('.ant-message'), '督办单已下发');

    const order = orderRow(panel);
    orderCode = (await textOf(order, /DB\d{4}-\d{5}/)).match(/DB\d{4}-\d{5}/)![0];
    const text = await textOf(order, '待答复');
    expect(text).toContain(dept);
    expect(text).toContain(demands);
    expect(await order.locator('.ant-tag').first().textContent()).toMatch(/^(普通|黄牌|红牌)$/);
    // Nothing to accept yet; the office may still raise an open order. The panel no longer offers 下发督办单 (one open order per department).
    expect(await order.getByTestId('order-close').count()).toBe(0);
    await order.getByTestId('order-raise').waitFor();
    await panel.getByTestId('issue-order').waitFor({ state: 'detached' });
    await textOf(page.getByTestId('timeline'), '下发督办单');
    // The case header's supervision tag moves off 未督办 (普通 → 已催办, 黄牌 → 黄牌督办).
    expect(await textOf(page.getByTestId('case-header'), /已催办|黄牌督办|红牌督办/)).not.toContain('未督办');
    await shot(page, 'case-orders-panel-issued');

    // Back in 督办中心 the case now counts as having an open order.
    await page.getByRole('menuitem', { name: '督办中心' }).click();
    await centre.waitFor();
    const orderFilter = centre.locator('.ant-select', { hasText: '督办单' }).first();
    await choose(page, orderFilter, '有未办结督办单');
    await textOf(centre, '共 1 件');
    // A 黄牌 order puts the case under yellow-card supervision.
    expect(await textOf(centre.locator('tr.ant-table-row', { hasText: code }), /督办单·黄牌/)).toContain('黄牌督办');
    await shot(page, 'supervision-centre-open-order');
  });

  it('the order carries the level picked in 下发督办单 (黄牌)', async () => {
    const page = await as('supervisor');
    await openCase(page, rt.baseUrl, caseId);
    const order = orderRow(ordersPanel(page));
    await textOf(order, '待答复');
    expect(await order.locator('.ant-tag').first().textContent()).toBe('黄牌');
  });

  it('the raise modal offers 红牌督办 and takes a reason', async () => {
    const page = await as('supervisor');
    await openCase(page, rt.baseUrl, caseId);
    const order = orderRow(ordersPanel(page));
    await order.getByTestId('order-raise').click();
    const dialog = page.getByRole('dialog', { name: `提升等级 · ${orderCode}` });
    await dialog.waitFor();
    const level = selectOf(dialog, '提升至');
    await choose(page, level, '红牌督办');
    expect(await textOf(level, '红牌督办')).toBe('红牌督办');
    await dialog.getByLabel('提升理由').fill('多次催办未果，提升为红牌督办。');
    expect(await dialog.getByText('不变', { exact: true }).isVisible()).toBe(true);
  });

  it('confirming 提升等级 raises the open order to 红牌', async () => {
    const page = await as('supervisor');
    const dialog = page.getByRole('dialog', { name: `提升等级 · ${orderCode}` });
    try {
      await dialog.getByTestId('order-action-ok').click();
      await dialog.waitFor({ state: 'hidden', timeout: 3_000 });
      await textOf(page.locator('.ant-message'), '提升等级成功');
      expect(await textOf(orderRow(ordersPanel(page)), '红牌')).toContain('待答复');
    } finally {
      if (await dialog.isVisible()) {
        await shot(page, 'modal-raise-order-bug');
        await dialog.getByRole('button', { name: /取\s*消/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
    }
  });

  it('the department sees the notice in 消息, and answers the order in writing on 本单位督办', async () => {
    const page = await as('zjj-handler');
    await page.getByRole('menuitem', { name: '消息' }).click();
    const notice = page.getByTestId('notice').filter({ hasText: '【督办单】' });
    const noticeText = await textOf(notice, code);
    expect(noticeText).toContain(`【督办单】${code} ${title}`);
    expect(noticeText).toMatch(/收到(普通|黄牌|红牌)督办单，请于 \d{4}年\d{1,2}月\d{1,2}日 17:30 前书面答复/);
    expect(noticeText).toContain(demands);
    await shot(page, 'inbox-zjj');
    // The bell counts the unread notices (the dispatch notice and the order).
    const badge = page.locator('.ant-badge', { has: page.getByTestId('notification-bell') }).locator('.ant-scroll-number');
    const unread = Number(await textOf(badge, /\d/));
    expect(unread).toBeGreaterThanOrEqual(1);
    // Opening the notice marks it read and goes to the case, where the department sees the order without the issue button.
    await notice.click();
    await page.waitForURL(`**/cases/${caseId}`);
    await textOf(ordersPanel(page), demands);
    expect(await ordersPanel(page).getByTestId('issue-order').count()).toBe(0);
    await orderRow(ordersPanel(page)).getByTestId('order-answer').waitFor();
    await textOf(badge, String(unread - 1));

    await page.getByRole('menuitem', { name: /本单位督办$/ }).click();
    const dp = page.getByTestId('department-page');
    await textOf(dp, `${dept} · 督办情况`);
    expect(await textOf(dp.locator('.ant-statistic', { hasText: '未办结督办单' }), /未办结督办单\s*1$/)).toBeTruthy();
    const row = orderRow(dp);
    expect(await textOf(row, title)).toContain(code);
    expect(await row.textContent()).toContain('待答复');
    await shot(page, 'department-page-open');
    await orderAction(page, row, 'answer', async (d) => { await d.getByLabel('答复内容').fill(answer); });
    await textOf(page.locator('.ant-message'), '书面答复成功');
    await textOf(row, '已答复待审核');
    expect(await row.getByTestId('order-answer').count()).toBe(0);
    await row.locator('.ant-table-row-expand-icon').click();
    await textOf(dp.getByTestId('orders-table'), answer);
    await shot(page, 'department-page-answered');
  });

  it('at 1440 px the centre keeps its action column in view and case lists give titles room', async () => {
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/supervision`);
    const centre = page.getByTestId('supervision-centre');
    await centre.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // Every column in view at once: none lies under the fixed 待审申请 column (已受理 did).
    expect(await columnsOutOfView(centre, ['预警', '诉求', '状态', '类别', '主办单位', '办理期限', '已受理', '督办', '待审申请'])).toEqual({ outside: [], missing: [] });
    await textOf(centre.getByTestId('centre-counts'), /共 \d+ 件在办.*其中超期 \d+ 件/);
    await page.goto(`${rt.baseUrl}/cases`);
    const list = page.getByTestId('case-table');
    await list.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    expect(await columnsOutOfView(list, ['编号', '标题'])).toEqual({ outside: [], missing: [] });
    const titleWidth = await list.locator('.ant-table-thead th', { hasText: '标题' }).evaluate((th) => th.getBoundingClientRect().width);
    expect(titleWidth).toBeGreaterThanOrEqual(250);
  });

  it('本单位督办 fits a 1440px window without horizontal scrolling', async () => {
    const page = await as('zjj-handler');
    await page.getByTestId('department-page').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1440);
  });

  it('the supervisor accepts the answer and closes the order; the timeline shows the order events in Chinese', async () => {
    const page = await as('supervisor');
    await openCase(page, rt.baseUrl, caseId);
    const order = orderRow(ordersPanel(page));
    await textOf(order, '已答复待审核');
    // After an answer the office may accept it; a 红牌 order cannot be raised further.
    await order.getByTestId('order-close').waitFor();
    expect(await order.getByTestId('order-raise').count()).toBe(0);
    await orderAction(page, order, 'close', async (d) => { await d.getByLabel('办结意见').fill('答复已认可，请举一反三。'); });
    await textOf(page.locator('.ant-message'), '认可办结成功');
    await textOf(order, '已办结');
    expect(await order.locator('button[data-testid^="order-"]').count()).toBe(0);
    await order.locator('.ant-table-row-expand-icon').click();
    expect(await textOf(ordersPanel(page), '答复已认可，请举一反三。')).toContain(answer);
    // The office may issue a new order to the department now that none is open.
    await ordersPanel(page).getByTestId('issue-order').waitFor();

    const timeline = page.getByTestId('timeline');
    await textOf(timeline, '督办单办结');
    const labels = await page.getByTestId('timeline-item').locator('strong').allTextContents();
    expect(labels.slice(0, 4)).toEqual(['登记诉求', '受理', '派单', '签收']);
    expect(labels.filter((l) => /督办/.test(l) && l !== '提升督办等级')).toEqual(['下发督办单', '答复督办单', '督办单办结']);
    const text = (await timeline.textContent())!;
    expect(text).toContain(`被督办单位：${dept}`);
    expect(text).toMatch(/督办等级：(普通|黄牌|红牌)/);
    expect(text).toContain(demands);
    expect(text).toContain(answer);
    await shot(page, 'case-orders-closed');

    const handler = await as('zjj-handler');
    await handler.goto(`${rt.baseUrl}/supervision/mine`);
    const dp = handler.getByTestId('department-page');
    await textOf(orderRow(dp), '已办结');
    await textOf(dp.locator('.ant-statistic', { hasText: '未办结督办单' }), /未办结督办单\s*0$/);
    await shot(handler, 'department-page-closed');
  });

  it('the order downloads as a Word file (.docx, a zip package)', async () => {
    const page = await as('supervisor');
    const link = orderRow(ordersPanel(page)).locator('a[href$="/docx"]');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`督办单-${orderCode}.docx`);
    const file = await readFile((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');

    // The department's own session may download it too, from 本单位督办.
    const handler = await as('zjj-handler');
    const href = await orderRow(handler.getByTestId('department-page')).locator('a[href$="/docx"]').getAttribute('href');
    const res = await handler.context().request.get(`${rt.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('wordprocessingml');
    expect((await res.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('督办中心 exports its filtered list as Excel; the file opens and holds the row', async () => {
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/supervision`);
    const centre = page.getByTestId('supervision-centre');
    await centre.locator('tr.ant-table-row', { hasText: code }).waitFor();
    const button = centre.getByTestId('export-xlsx');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^督办中心在办诉求-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await readFile((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['诉求编号', '诉求标题', '状态', '问题类别']);
    const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === code)!;
    expect(row.getCell(2).value).toBe(title);
    expect(row.getCell(5).value).toBe(dept);

    // A filter that leaves nothing disables the button and says why.
    const levelFilter = centre.locator('.ant-select', { hasText: '预警等级' }).first();
    await levelFilter.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '黄色预警' }).first().click();
    await textOf(centre, '共 0 件');
    expect(await centre.getByTestId('export-xlsx').isDisabled()).toBe(true);
    expect(await centre.getByTestId('export-disabled-reason').getAttribute('aria-label')).toContain('没有可导出');
  });

  it('the case prints as 办理单 and the order as 督办单: A4, no menu, the seal space', async () => {
    const page = await as('supervisor');
    await openCase(page, rt.baseUrl, caseId);
    expect(await page.getByTestId('print-case').getAttribute('href')).toBe(`/print/cases/${caseId}`);
    await page.goto(`${rt.baseUrl}/print/cases/${caseId}`);
    const sheet = page.getByTestId('print-sheet');
    await textOf(sheet, '优化营商环境问题办理单');
    const text = (await sheet.textContent())!;
    for (const part of [code, title, dept, '办理过程', '登记诉求', '派单', '签收', '下发督办单', '答复与意见', '（盖章）']) expect(text, part).toContain(part);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider, .ant-menu').count()).toBe(0);
    expect(await page.locator('.yw-print-toolbar').isVisible()).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: path.join(shotsDir, 'print-case-sheet.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });

    const handler = await as('zjj-handler');
    await handler.goto(`${rt.baseUrl}/supervision/mine`);
    const href = await orderRow(handler.getByTestId('department-page')).getByTestId('print-order').getAttribute('href');
    await handler.goto(`${rt.baseUrl}${href}`);
    const order = handler.getByTestId('print-sheet');
    await textOf(order, orderCode);
    const orderText = (await order.textContent())!;
    for (const part of ['优化营商环境问题督办单', '督办等级：红牌督办', demands, answer, `${dept}（盖章）`]) expect(orderText, part).toContain(part);
    await shot(handler, 'print-order-sheet');
  });
});
