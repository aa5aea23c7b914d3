import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPassword } from '../src/server/demo/seed-org.js';
import { launchBrowser, loginAs, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// 知识库 (docs/knowledge.md): an operator answers a call from the knowledge base and closes it as 直接答复, and a
// portal visitor is answered before submitting (nothing is submitted, the answer is counted).

let rt: WebRuntime;
let browser: Browser;
let entryId = 0;

async function api(username: string) {
  const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const csrf = login.json().csrfToken;
  return {
    get: async (url: string) => (await rt.app.inject({ method: 'GET', url, headers: { cookie } })).json(),
    post: async (url: string, payload: object = {}) => {
      const r = await rt.app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf } });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.body}`);
      return r.json();
    },
  };
}

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  const handler = await api('zjj-handler');
  const org = await handler.get('/api/org');
  const zjj = org.departments.find((d: any) => d.code === 'zjj').id;
  const created = await handler.post('/api/knowledge/entries', {
    question: '施工许可证办理需要哪些材料', answer: '需提交建设工程规划许可证、施工合同和安全施工措施资料，材料齐全的 3 个工作日内办结。',
    basisTitle: '衡阳市建筑工程施工许可管理办法', basisNumber: '衡住建发〔2024〕12号', ownerUnitId: zjj, validFrom: '2026-01-01', validTo: null,
    visibility: 'public', keywords: ['施工许可'],
  });
  entryId = created.entry.id;
  await (await api('zjj-head')).post(`/api/knowledge/entries/${entryId}/versions/1/approve`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('knowledge base', () => {
  it('the desk answers a call from an entry and closes it as 直接答复', async () => {
    const page = await loginAs(browser, rt.baseUrl, 'intake');
    await page.getByTestId('workbench-intake').waitFor();
    const form = page.getByTestId('intake-form');
    await page.keyboard.type('13973400077');
    await page.keyboard.press('Tab');
    await page.keyboard.type('王建平');
    await page.keyboard.press('Tab');
    await page.keyboard.type('施工许可');
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: '施工许可' }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await form.getByLabel('诉求标题').fill('咨询施工许可证要准备什么材料');
    await form.getByTestId('intake-description').fill('来电人准备开工，想了解施工许可证需要提交哪些材料。');
    const hit = page.getByTestId('knowledge-hit').first();
    expect(await textOf(hit, '施工许可证办理需要哪些材料')).toContain('衡住建发〔2024〕12号');
    await shot(page, 'knowledge-desk');
    await hit.getByTestId('knowledge-answer').click();
    const link = form.getByTestId('last-created-link');
    await link.waitFor();
    const code = (await link.textContent())!.trim();
    const desk = await api('supervisor');
    const found = (await desk.get(`/api/search/cases?q=${code}&field=code`)).items[0];
    const c = await desk.get(`/api/cases/${found.id}`);
    expect(c.status).toBe('closed');
    expect(c.events.map((e: any) => e.type)).toEqual(['case.created', 'case.answered_directly']);
    expect(c.events[1].payload.entryId).toBe(entryId);
    await page.goto(`${rt.baseUrl}/cases/${found.id}`);
    expect(await textOf(page.locator('body'), '直接答复（知识库）')).toContain('衡住建发〔2024〕12号');
    expect((await desk.get(`/api/knowledge/entries/${entryId}`)).entry.answeredCount).toBe(1);
  }, 120_000);

  it('a portal visitor is answered before submitting; nothing is submitted and the answer is counted', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const before = (await (await api('supervisor')).get('/api/cases?view=all')).items.length;
    await page.goto(`${rt.baseUrl}/p/submit`);
    await page.locator('#f-description').fill('请问办理施工许可证需要准备哪些材料？');
    const answers = page.getByTestId('knowledge-answers');
    expect(await textOf(answers, '施工许可证办理需要哪些材料')).toContain('3 个工作日');
    await shot(page, 'knowledge-portal');
    await answers.getByTestId('knowledge-helpful').first().click();
    expect(await textOf(page.getByTestId('knowledge-answered'), '无需提交')).toContain('很高兴');
    const sup = await api('supervisor');
    expect((await sup.get(`/api/knowledge/entries/${entryId}`)).entry.helpfulCount).toBe(1);
    expect((await sup.get('/api/cases?view=all')).items.length).toBe(before);
    await context.close();
  }, 120_000);
});
