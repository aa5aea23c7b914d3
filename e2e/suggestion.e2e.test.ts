import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { orgIds } from '../test/kit/org.js';
import { launchBrowser, loginAs, runAction, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// A deputy's suggestion through the browser: the office registers it and assigns it to 市住房和城乡建设局 with
// 市发展和改革委员会 countersigning; both units sign; the lead records 见面沟通 and replies with a 文号 and class C
// (a promise); the co-unit countersigns; the deputy (代表委员 account) finds it on 我的建议 and rates it; the C promise
// shows up as a supervised item (督办事项) linked to the suggestion.
describe('suggestion journey through the web client', () => {
  let rt: WebRuntime;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  let id = 0;
  const title = '关于加快老旧小区加装电梯的建议';
  const docNumber = '衡住建函〔2026〕88号';

  beforeAll(async () => {
    rt = await webRuntime();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });
  const as = async (username: string) => (pages[username] ??= await loginAs(browser, rt.baseUrl, username));
  const open = async (page: Page) => {
    await page.goto(`${rt.baseUrl}/suggestions/${id}`);
    await page.getByTestId('suggestion-title').waitFor();
  };
  const pick = async (page: Page, testId: string, text: string) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
    // Click a heading so a multiple select's list closes (Escape would close a modal around it, Tab untick the option).
    const dialog = page.getByRole('dialog');
    await ((await dialog.count()) ? dialog.locator('.ant-modal-title') : page.locator('.ant-card-head-title').first()).click();
  };

  it('the office registers the suggestion with the deputy as proposer', async () => {
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/suggestions`);
    await page.getByTestId('suggestion-new').click();
    await page.locator('[data-testid=suggestion-number] input, input[data-testid=suggestion-number]').first().fill('123');
    await page.getByTestId('suggestion-title').fill(title);
    await page.getByTestId('suggestion-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '城乡建设' }).click();
    const deputy = await apiLogin(rt.app, 'deputy1');
    await pick(page, 'suggestion-proposers', deputy.user.displayName.slice(0, 3));
    await page.getByTestId('suggestion-body').fill('建议简化老旧小区加装电梯审批流程，设立市级专项补贴，推动成片加装。');
    await page.getByTestId('suggestion-save').click();
    await page.waitForURL(/\/suggestions\/\d+$/);
    id = Number(new URL(page.url()).pathname.split('/').pop());
    await textOf(page.getByTestId('suggestion-label'), '第十七届人大第五次会议第 123 号');
    await shot(page, 'suggestion-registered');
  });

  it('assigns to a lead unit with a co-unit; both sign', async () => {
    const page = await as('supervisor');
    await open(page);
    await page.getByTestId('action-assign').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
    await pick(page, 'assign-lead', '市住房和城乡建设局');
    await pick(page, 'assign-co', '市发展和改革委员会');
    await dialog.getByTestId('command-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await textOf(page.locator('.ant-descriptions'), /剩余 9\d 天/);
    for (const u of ['zjj-handler', 'fgw-handler']) {
      const p = await as(u);
      await open(p);
      await runAction(p, 'sign');
    }
  });

  it('the lead records 见面沟通, replies with 文号 and class C, the co-unit countersigns', async () => {
    const page = await as('zjj-handler');
    await open(page);
    // No reply button before 见面沟通: only the meeting and the extension are offered.
    expect(await page.getByTestId('action-reply').count()).toBe(0);
    await runAction(page, 'meet', async (d) => {
      const met = d.locator('[data-testid=meet-date] input, input[data-testid=meet-date]').first();
      const [y, m, dd] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
      await met.click();
      await met.fill(`${y}年${m}月${dd}日`);
      await met.press('Enter');
      await d.getByTestId('meet-people').fill('代表本人、局长、城建科负责人');
      await d.getByTestId('meet-summary').fill('当面沟通加装电梯办理思路，代表认可。');
    });
    await runAction(page, 'reply', async (d) => {
      await d.getByTestId('reply-doc-number').fill(docNumber);
      await d.getByTestId('reply-class-C').click();
      await d.getByTestId('reply-body').fill('已将老旧小区加装电梯列入明年民生实事计划。');
      await d.getByTestId('reply-promise').fill('2027 年完成 50 个小区加装电梯');
      const due = d.locator('[data-testid=reply-promise-due] input, input[data-testid=reply-promise-due]').first();
      await due.click();
      await due.fill('2027年12月31日');
      await due.press('Enter');
    });
    await textOf(page.getByTestId('letter-doc-number').first(), docNumber);
    await textOf(page.getByTestId('suggestion-class'), 'C类');
    const fgw = await as('fgw-handler');
    await open(fgw);
    await runAction(fgw, 'countersign');
    await shot(fgw, 'suggestion-countersigned');
  });

  it('the deputy finds it on 我的建议 and rates it; the C promise is a supervised item', async () => {
    const page = await as('deputy1');
    await page.goto(`${rt.baseUrl}/`);
    await page.waitForURL(/\/suggestions\/mine$/);
    await page.getByTestId(`suggestion-row-${id}`).click();
    await page.getByTestId('suggestion-title').waitFor();
    await runAction(page, 'rate', async (d) => {
      await d.getByTestId('rate-satisfied').click();
    });
    await textOf(page.getByTestId('suggestion-rating'), '满意');
    await shot(page, 'suggestion-rated-by-deputy');
    const sup = await as('supervisor');
    await open(sup);
    await sup.getByTestId('promise-item').click();
    await sup.waitForURL(/\/items\/\d+$/);
    await textOf(sup.locator('body'), '第十七届人大第五次会议第 123 号');
    await shot(sup, 'suggestion-promise-item');
    const { db } = rt.deps.database;
    const s = await db.selectFrom('suggestions').select(['status', 'rating', 'promise_item_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(s).toMatchObject({ status: 'closed', rating: 'satisfied' });
    const item = await db.selectFrom('items').select(['origin_type', 'origin_id']).where('id', '=', s.promise_item_id!).executeTakeFirstOrThrow();
    expect(item).toEqual({ origin_type: 'suggestion', origin_id: id });
    const ids = await orgIds(await apiLogin(rt.app, 'supervisor'));
    expect(ids.dept('zjj')).toBeGreaterThan(0);
  });
});
