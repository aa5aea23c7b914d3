import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { orgIds } from '../test/kit/org.js';
import { caseIdOfCode, files, goodSubmission, publicIds, submit } from '../test/portal/kit.js';
import { launchBrowser, loginAs, openCase, runAction, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// The citizen's journey on a phone (390×844): submit with a photo, see possible duplicates and the likely department,
// get the tracking link; staff handle the case through the API; the citizen rates 满意 on the tracking page.

let rt: WebRuntime;
let browser: Browser;

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => console.error('[phone] page error:', e.message));
  return page;
}

async function noSideways(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

describe('portal journey on a phone', () => {
  it('submit with a photo → hints → tracking link → staff handle → rate 满意 → closed', async () => {
    // An open problem about the same thing, so the form has a possible duplicate to show.
    const ids = await publicIds(rt.app);
    const earlier = await submit(rt.app, goodSubmission(ids.construction, {
      description: '厂房扩建项目施工许可证超过法定时限仍未办结，窗口让一直等待，影响项目开工。', submitterPhone: '13600001111', submitterName: '周建国', isPublic: true,
    }), 'e2e-earlier-case');
    expect(earlier.status).toBe(201);

    const page = await phonePage();
    await page.goto(`${rt.baseUrl}/p/submit`);
    await page.getByTestId('submit-form').waitFor();
    await noSideways(page);

    // Submitting empty explains each field next to it, in Chinese.
    await page.getByTestId('submit-button').click();
    await textOf(page.locator('[data-field="categoryId"] .pub-error'), '请选择问题类别');
    await textOf(page.locator('[data-field="submitterPhone"] .pub-error'), '请填写联系电话');
    await shot(page, 'portal-1-errors');

    await page.locator('#f-category').selectOption({ label: '施工许可' });
    await page.locator('#f-description').fill('我公司厂房扩建项目的施工许可证超过法定时限仍未办结，窗口一直让我们等待，项目无法开工。');
    await page.locator('#f-district').selectOption({ label: '蒸湘区' });
    await page.locator('#f-address').fill('蒸湘区长丰大道88号');
    await page.locator('#f-enterprise').fill('衡阳恒达机械制造有限公司');
    await page.locator('#f-credit').fill('91430400MA4L0000');
    await page.locator('#f-name').fill('李明华');
    await page.locator('#f-phone').fill('139 0734 1234');
    await page.getByTestId('attachment-input').setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: files.png });
    await textOf(page.getByTestId('attachment-item'), '已上传');

    // Hints: a similar open problem and the likely department (or the desk, when routing has no answer).
    await textOf(page.getByTestId('similar-hint'), '已有相似问题正在办理');
    await textOf(page.getByTestId('department-hint'), '预计承办');
    await noSideways(page);
    await shot(page, 'portal-2-filled');

    // A bad credit code (16 characters) is explained next to its field: the message says what is wrong; the fixed one passes.
    await page.getByTestId('submit-button').click();
    await textOf(page.locator('[data-field="enterpriseCreditCode"] .pub-error'), '统一社会信用代码应为 18 位');
    await page.locator('#f-credit').fill('');

    // Double click: one case.
    await page.getByTestId('submit-button').dblclick();
    const code = await textOf(page.getByTestId('tracking-code'), /^YW\d{8}-[0-9A-Z]{8}$/);
    const link = (await page.getByTestId('tracking-link').textContent())!;
    expect(link).toMatch(/\/p\/track\/[A-Za-z0-9_-]{32}$/);
    await noSideways(page);
    await shot(page, 'portal-3-done');
    const count = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('submitter_name', '=', '李明华').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    // Staff see it at once with its photo, and take it to awaiting_rating.
    const intake = await apiLogin(rt.app, 'intake');
    const caseId = await caseIdOfCode(rt.app, intake, code);
    const atts = await intake.get(`/api/cases/${caseId}/attachments`);
    expect(atts.body.items).toEqual([expect.objectContaining({ fileName: '现场照片.png', mime: 'image/png' })]);
    // The handler replies in the console with a photo of the result, left for the submitter (the default) and an
    // internal note the submitter never sees; the supervisor approves.
    const handler = await apiLogin(rt.app, 'zjj-handler');
    if ((await intake.get(`/api/cases/${caseId}`)).body.status === 'submitted') {
      await intake.post(`/api/cases/${caseId}/dispatch`, { leadDepartmentId: (await orgIds(intake)).dept('zjj'), coDepartmentIds: [] });
    }
    expect((await handler.post(`/api/cases/${caseId}/sign`)).status).toBe(200);
    const desk = await loginAs(browser, rt.baseUrl, 'zjj-handler');
    await openCase(desk, rt.baseUrl, caseId);
    await runAction(desk, 'reply', async (dialog) => {
      await dialog.getByLabel('答复内容').fill('经核查，已协调窗口于本周办结施工许可证，并电话告知李明华，联系电话13907341234。办结照片见附件。');
      const input = dialog.getByTestId('attachment-field').locator('input[type=file]');
      await input.setInputFiles({ name: '施工许可证照片.jpg', mimeType: 'image/jpeg', buffer: files.png });
      await textOf(dialog.getByTestId('attachment-pending'), '施工许可证照片.png');
      // A hostile file named like a photo is refused from its content, in Chinese, next to the field.
      await input.setInputFiles({ name: '内部核查.png', mimeType: 'image/png', buffer: files.exe });
      await textOf(dialog.getByTestId('attachment-error'), '实际内容不是这些格式');
      await shot(desk, 'reply-with-attachment');
    });
    await textOf(desk.getByTestId('timeline-attachments'), '施工许可证照片.png（诉求人可见）');
    await textOf(desk.getByTestId('attachments-panel'), '答复 · 诉求人可见');
    await shot(desk, 'case-with-reply-attachment');
    expect((await (await apiLogin(rt.app, 'supervisor')).post(`/api/cases/${caseId}/approve-reply`)).status).toBe(200);

    // The tracking page offers the rating; 满意 closes the case.
    await page.getByTestId('open-tracking').click();
    await textOf(page.getByTestId('track-status'), '待评价');
    await textOf(page.getByTestId('track-reply'), '139****1234');
    await textOf(page.getByTestId('track-timeline'), '答复已审核，请您评价');
    // The reply's photo is on the page and loads through the tracking link; the submitter's own photo too.
    await textOf(page.getByTestId('track-reply-files'), '施工许可证照片.png');
    await textOf(page.getByTestId('track-own-files'), '现场照片.png');
    await expect.poll(() => page.getByTestId('track-reply-files').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await noSideways(page);
    await shot(page, 'portal-4-rate');
    await page.getByTestId('rate-unsatisfied').click();
    await page.getByTestId('rate-submit').click();
    await textOf(page.getByTestId('rating-form').locator('.pub-error'), '请写明原因');
    await page.getByTestId('rate-satisfied').click();
    await page.getByTestId('rate-submit').click();
    await textOf(page.getByTestId('track-status'), '已办结');
    await textOf(page.getByTestId('track-rating'), '您的评价：满意');
    await shot(page, 'portal-5-closed');
    const row = await rt.deps.database.db.selectFrom('cases').select(['status', 'rating']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', rating: 'satisfied' });

    // Lookup by code + last four digits opens the same page from another phone.
    const other = await phonePage();
    await other.goto(`${rt.baseUrl}/p/track`);
    await other.locator('#l-code').fill(code);
    await other.locator('#l-last4').fill('1234');
    await other.getByRole('button', { name: '查询' }).click();
    await textOf(other.getByTestId('track-status'), '已办结');
    await noSideways(other);
  });
});
