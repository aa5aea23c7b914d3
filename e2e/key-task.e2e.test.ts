import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar/local-time.js';
import type { AppDeps } from '../src/server/deps.js';
import { sweepItemLights } from '../src/server/modules/items/index.js';
import { launchBrowser, loginAs, pickOption, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// A key task (重点任务) through the browser: the supervisor creates it with a target and a milestone; the lead unit
// reports; time passes until the milestone is at risk and the sweep turns the light yellow; the supervisor issues a
// supervision order on the item; more time passes, the unit's next report comes late and is marked so; the supervisor
// accepts it and closes the item (销号) on evidence. The server's clock runs `shift` ahead of the real one, as in the
// dashboard journey.

const dayMs = 86_400_000;
const title = '老旧小区加装电梯（重点任务）';

describe('key task journey through the web client', () => {
  let rt: WebRuntime;
  let deps: AppDeps;
  let baseUrl = '';
  let browser: Browser;
  let shift = 0;
  let itemUrl = '';
  const pages: Record<string, Page> = {};
  const as = async (u: string) => (pages[u] ??= await loginAs(browser, baseUrl, u));
  /** Moves the server's clock on; the sessions expire with the jump, so everyone signs in again. */
  const advance = async (days: number) => {
    shift = days * dayMs;
    for (const [u, p] of Object.entries(pages)) {
      await p.context().close();
      delete pages[u];
    }
  };
  const header = (page: Page) => page.getByTestId('item-page').locator('.ant-card-head').first();

  beforeAll(async () => {
    rt = await webRuntime({ now: () => new Date(Date.now() + shift) });
    ({ deps, baseUrl } = rt);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  const today = () => beijingDate(new Date(Date.now()));
  const inDays = (n: number) => beijingDate(new Date(Date.now() + n * dayMs));

  it('the supervisor creates the key task with a target and a milestone', async () => {
    const page = await as('supervisor');
    await page.goto(`${baseUrl}/items`);
    await page.getByTestId('item-new').click();
    await page.getByLabel('事项名称').fill(title);
    await page.getByLabel('来源依据（会议、文件或批示）').fill('市政府常务会议');
    await page.getByLabel('责任领导').fill('王副市长');
    await pickOption(page, '牵头单位', '市住房和城乡建设局');
    await page.getByPlaceholder('开始日期').fill(today());
    await page.getByPlaceholder('结束日期').fill(inDays(200));
    // Enter would submit the form: leave the picker by clicking the form's title.
    await page.locator('.ant-card-head-title', { hasText: '新建督办事项' }).click();
    await page.getByTestId('add-target').click();
    await page.getByPlaceholder('目标名称，如 希望小屋').fill('加装电梯');
    await page.getByPlaceholder('目标值').fill('120');
    await page.getByPlaceholder('计量单位，如 个').fill('台');
    await page.getByTestId('add-milestone').click();
    await page.getByPlaceholder('节点名称').fill('完成首批 40 台安装');
    // The milestone's date is the form's last date field (the source date comes first).
    const due = page.getByPlaceholder('请选择日期').last();
    await due.fill(inDays(30));
    await page.locator('.ant-card-head-title', { hasText: '新建督办事项' }).click();
    await shot(page, 'key-task-form');
    await page.getByTestId('item-submit').click();
    await page.waitForURL(/\/items\/\d+$/);
    itemUrl = page.url();
    await textOf(header(page), title);
    await textOf(header(page), '绿灯');
    await textOf(page.getByTestId('milestone'), '完成首批 40 台安装');
  });

  it('the lead unit reports its progress on 本单位督办事项; the supervisor accepts it', async () => {
    const unit = await as('zjj-handler');
    await unit.goto(`${baseUrl}/items/mine`);
    await unit.getByRole('link', { name: title }).click();
    await unit.getByTestId('item-report').click();
    const dialog = unit.getByRole('dialog');
    await dialog.getByTestId('report-text').fill('已完成 12 个小区的摸底，签约电梯 30 台。');
    await dialog.locator('.ant-input-number input').first().fill('30');
    await dialog.getByTestId('report-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await textOf(unit.getByTestId('reports'), '待审核');
    const office = await as('supervisor');
    await office.goto(itemUrl);
    await office.getByTestId('reports').getByRole('button', { name: '认可' }).click();
    await textOf(office.getByTestId('reports'), '已认可');
    await textOf(office.getByTestId('item-page'), '30 台');
  });

  it('time passes: the milestone is at risk and the sweep turns the light yellow', async () => {
    await advance(26);
    const swept = await sweepItemLights(deps);
    expect(swept.changed).toBe(1);
    const page = await as('supervisor');
    await page.goto(itemUrl);
    await textOf(header(page), '黄灯').catch(async (e) => {
      await shot(page, 'key-task-yellow-failed');
      throw e;
    });
    await textOf(page.getByTestId('item-page'), '临近到期尚未完成');
    await shot(page, 'key-task-yellow');
  });

  it('the supervisor issues a supervision order on the item', async () => {
    const page = await as('supervisor');
    await page.getByTestId('item-order').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('item-order-demands').fill('首批安装进度滞后，请于 3 个工作日内书面说明原因和措施。');
    await dialog.getByTestId('item-order-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await textOf(page.getByTestId('item-orders'), '待答复');
    await textOf(page.getByTestId('item-orders'), '市住房和城乡建设局');
  });

  it('the supervisor edits the item: the leader and a new target, recorded as 修改事项', async () => {
    const page = await as('supervisor');
    await page.goto(itemUrl);
    await page.getByTestId('item-edit').click();
    await page.waitForURL(/\/items\/\d+\/edit$/);
    await page.getByTestId('edit-leader').fill('李副市长');
    await page.getByTestId('add-target').click();
    await page.getByPlaceholder('目标名称，如 希望小屋').last().fill('惠及住户');
    await page.getByPlaceholder('目标值').last().fill('3000');
    await page.getByPlaceholder('计量单位，如 个').last().fill('户');
    await shot(page, 'key-task-edit');
    await page.getByTestId('edit-submit').click();
    await page.waitForURL(/\/items\/\d+$/);
    await textOf(page.getByTestId('item-page'), '李副市长');
    await textOf(page.getByTestId('item-page'), '惠及住户');
    await textOf(page.getByTestId('item-page'), '修改了责任领导、新增目标');
    // The existing target and milestone were kept, not added again.
    expect(await page.getByTestId('milestone').count()).toBe(1);
    expect(await page.getByRole('cell', { name: '加装电梯', exact: true }).count()).toBe(1);
    await shot(page, 'key-task-edited');
  });

  it('later, the unit reports late: accepted and marked late; the supervisor accepts it and closes the item (销号)', async () => {
    // Past the next period's due date (the 28th of a later month) and past the milestone.
    await advance(70);
    await sweepItemLights(deps);
    const unit = await as('zjj-handler');
    await unit.goto(itemUrl);
    await textOf(header(unit), '红灯');
    await unit.getByTestId('item-report').click();
    const dialog = unit.getByRole('dialog');
    await dialog.getByTestId('report-text').fill('首批 40 台已全部安装完成并通过验收。');
    await dialog.locator('.ant-input-number input').first().fill('40');
    await dialog.getByRole('checkbox').first().check();
    await dialog.getByTestId('report-ok').click();
    await dialog.waitFor({ state: 'hidden' });
    await textOf(unit.getByTestId('reports'), '逾期报送');

    const office = await as('supervisor');
    await office.goto(itemUrl);
    await office.getByTestId('reports').getByRole('button', { name: '认可' }).click();
    await textOf(office.getByTestId('milestone'), '已完成');
    await office.getByTestId('item-close').click();
    const close = office.getByRole('dialog');
    await close.getByTestId('close-evidence').fill('120 台电梯全部安装并通过特种设备验收，验收报告已归档。');
    await close.getByTestId('close-ok').click();
    await close.waitFor({ state: 'hidden' });
    await textOf(header(office), '已销号');
    await textOf(office.getByTestId('item-orders'), '已办结');
    await textOf(office.getByTestId('item-page'), '销号');
    await shot(office, 'key-task-closed');
    // The unit can no longer report, and the button says why.
    await unit.reload();
    const report = unit.getByRole('button', { name: '报送进展' });
    await report.waitFor();
    expect(await report.isDisabled()).toBe(true);
    // Nor can the office edit it: the button is disabled, and the edit page says why.
    const edit = office.getByRole('button', { name: '修改' });
    await edit.waitFor();
    expect(await edit.isDisabled()).toBe(true);
    await office.goto(`${itemUrl}/edit`);
    await textOf(office.locator('.ant-result'), '督办事项已销号，不能再修改');
  });
});
