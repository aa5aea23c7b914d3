import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAll, secrets, seededCase, type Staff } from '../test/publication/kit.js';
import type { Client } from '../test/kit/http.js';
import { launchBrowser, loginAs, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// The public board on a phone (390×844): the list, a Chinese search, a case page with masked text; then the
// supervisor approves a candidate in the console (/publication) and it appears on the board at once.
describe('public board journey', () => {
  let rt: WebRuntime;
  let browser: Browser;
  let as: Record<Staff, Client>;
  let phone: Page;
  const published = secrets(301);
  const pending = secrets(302);
  let publishedCode = '';
  let pendingCase = { id: 0, code: '' };

  beforeAll(async () => {
    rt = await webRuntime();
    browser = await launchBrowser();
    as = await loginAll(rt.app);
    const a = await seededCase(as, published, { answered: true });
    publishedCode = a.code;
    const detail = (await as.supervisor.get(`/api/publication/cases/${a.id}`)).body;
    await as.supervisor.post(`/api/publication/cases/${a.id}/approve`, {
      publicTitle: '冷链仓库用电报装三个月未接电', publicDescription: detail.auto.description.masked, publicReply: detail.auto.reply.masked,
    });
    // Another published case, so the search has something to leave out.
    const other = await seededCase(as, secrets(303));
    await as.supervisor.post('/api/publication/bulk/approve', { caseIds: [other.id] });
    pendingCase = await seededCase(as, pending);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    phone = await context.newPage();
    phone.setDefaultTimeout(20_000);
    phone.on('pageerror', (e) => console.error('[phone] page error:', e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  const noHorizontalScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  it('lists, searches in Chinese and opens a case page with masked text', async () => {
    await phone.goto(`${rt.baseUrl}/p/board`);
    const list = phone.getByTestId('board-list');
    await textOf(list, '冷链仓库用电报装三个月未接电');
    expect(await list.locator('li').count()).toBe(2);
    await noHorizontalScroll(phone);
    await shot(phone, 'board-list-390');

    await phone.getByLabel('搜索问题').fill('报装');
    await phone.getByRole('button', { name: '搜索' }).click();
    await phone.waitForURL(/q=/);
    await textOf(phone.locator('.bd-filter-note'), '报装');
    await expect.poll(() => list.locator('li').count()).toBe(1);

    await list.getByText('冷链仓库用电报装三个月未接电').click();
    await phone.waitForURL(new RegExp(`/p/board/${publishedCode}$`));
    const description = await textOf(phone.getByTestId('board-case-description'), '施工许可证');
    for (const secret of [published.name, published.phone, published.id, published.email, published.plate, published.card, published.enterprise]) {
      expect(description).not.toContain(secret);
    }
    expect(description).toContain(`${published.phone.slice(0, 3)}****${published.phone.slice(7)}`);
    const reply = await textOf(phone.getByTestId('board-case-reply'), '施工许可证');
    expect(reply).not.toContain(published.phone);
    await textOf(phone.getByTestId('board-case'), '已答复');
    await textOf(phone.getByTestId('board-case'), '答复诉求人');
    await noHorizontalScroll(phone);
    await shot(phone, 'board-case-390');
  });

  it('the supervisor approves a candidate in the console and it appears on the board', async () => {
    await phone.goto(`${rt.baseUrl}/p/board/${pendingCase.code}`);
    await textOf(phone.getByRole('alert'), '不存在或未公开');

    const desk = await loginAs(browser, rt.baseUrl, 'supervisor');
    await desk.goto(`${rt.baseUrl}/publication`);
    await desk.getByTestId(`review-${pendingCase.code}`).click();
    const review = desk.getByTestId('publication-review');
    await textOf(review.getByTestId('publication-status'), '待审核');
    // The original shows what was found; the editable public text is already masked.
    expect(await review.locator('mark[data-kind="mobile"]').count()).toBeGreaterThan(0);
    expect(await desk.getByTestId('public-description').inputValue()).not.toContain(pending.phone);
    await desk.getByTestId('public-title').fill('施工许可证超期未办（审核后公开）');
    await shot(desk, 'publication-review');
    await desk.getByTestId('approve').click();
    await textOf(review.getByTestId('publication-status'), '已公开');

    await phone.goto(`${rt.baseUrl}/p/board`);
    await textOf(phone.getByTestId('board-list'), '施工许可证超期未办（审核后公开）');
    await phone.getByTestId('board-list').getByText('施工许可证超期未办（审核后公开）').click();
    const text = await textOf(phone.getByTestId('board-case-description'), '施工许可证');
    expect(text).not.toContain(pending.phone);
    expect(text).not.toContain(pending.name);
  });

  it('the statistics page says when nothing is published yet', async () => {
    await phone.goto(`${rt.baseUrl}/p/stats`);
    await textOf(phone.locator('.pub-main'), /暂无已发布的考核数据|部门办理情况/);
    await noHorizontalScroll(phone);
  });
});
