import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonthKey } from '../src/domain/assessment/period.js';
import { loadDemo } from '../src/server/demo/load-demo.js';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { docxText } from '../test/supervision/kit.js';
import { columnsOutOfView, cutElements, wrappedColumns, launchBrowser, loginAs, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// Monthly assessment through the browser on demo data: the supervisor runs and publishes last month; a department
// head drills from a figure to its cases and appeals one case (不纳入考核); the supervisor approves it; the
// bulletin downloads as a Word document.
describe('assessment journey through the web client', () => {
  let rt: WebRuntime;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const period = previousMonthKey(new Date());
  let head = '';
  let departmentId = 0;
  let departmentName = '';
  let appealedCode = '';

  beforeAll(async () => {
    rt = await webRuntime();
    // 1,200 cases: enough units have the scheme's minimum of cases and ratings last month (five each) to fill the big
    // screen's podium (three a group) on any day of the month; with 500, whether a second unit qualified depended on the
    // hour of the run.
    await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 1200, seed: 11 });
    rt.deps.directory.invalidate();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });
  const as = async (username: string) => (pages[username] ??= await loginAs(browser, rt.baseUrl, username));

  it('the supervisor runs last month from the periods list and publishes it; earlier months are already published', async () => {
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/assessment`);
    await page.getByTestId('assessment-area').waitFor();
    await textOf(page.locator('.ant-table-tbody'), '已发布（冻结）');
    // At 1440 px no narrow column of the periods table breaks its text ("月/度", "2026-/10").
    expect(await wrappedColumns(page.getByTestId('periods-card'), ['考核期', '类型', '起止', '状态', '方案版本', '操作'])).toEqual([]);
    await shot(page, 'assessment-periods');
    await expect(page.getByLabel('考核期').inputValue()).resolves.toBe(period);
    await page.getByTestId('run-period').click();
    await page.getByTestId('scorecard-page').waitFor();
    await textOf(page.getByTestId('scorecard-page'), `${period} 考核计分卡`);
    await textOf(page.getByTestId('scorecard-page'), '待发布');
    await page.getByTestId('publish-period').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '发布' }).click();
    await textOf(page.getByTestId('scorecard-page'), '已发布（冻结）');
    await shot(page, 'assessment-scorecard');
    // At 1440 px the key columns are in view, none beyond the table or the window.
    expect(await columnsOutOfView(page.getByTestId('scorecard-page'), ['名次', '单位', '黄牌/红牌', '重办', '扣分', '综合得分'])).toEqual({ outside: [], missing: [] });
  });

  it('the big screen shows the published podium whole at 1920×1080: every place of every group, nothing cut', async () => {
    const page = await as('leader');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${rt.baseUrl}/bigscreen`);
    const podium = page.getByTestId('big-rankings');
    await textOf(podium, `${period} 考核`);
    await textOf(podium, '市直部门');
    expect(await podium.locator('td[data-cell]').count()).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
    expect(await cutElements(podium, 'th, td[data-cell], td[data-cell] > div')).toEqual([]);
    expect(await cutElements(page.getByTestId('big-items'), 'span[data-text]')).toEqual([]);
    await shot(page, 'assessment-big-screen');
    await page.getByTestId('big-rankings').locator('td[data-cell]').first().click();
    await page.waitForURL(/\/assessment\/drill\?/);
  });

  it('the scorecard shows the key-task and suggestion sections; a figure opens the items behind it', async () => {
    const page = await as('supervisor');
    const section = page.getByTestId('items-section');
    await section.locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('suggestions-section').waitFor();
    const ratio = section.locator('[data-testid^="items-reports-"]').first();
    const denominator = Number(await ratio.locator('a').nth(1).innerText());
    expect(denominator).toBeGreaterThan(0);
    await ratio.locator('a').nth(1).click();
    const drill = page.getByTestId('section-drill');
    await textOf(drill, `应计 ${denominator} 件，清单 ${denominator} 件`);
    expect(await drill.locator('tbody tr.ant-table-row').count()).toBe(denominator);
    expect(await columnsOutOfView(section, ['单位', '事项数', '按时报送进展', '节点按期完成'])).toEqual({ outside: [], missing: [] });
    await shot(page, 'assessment-sections-drill');
    await page.keyboard.press('Escape');
  });

  it('直接答复 on the scorecard: a call answered from the knowledge base counts city-wide and for the entry\'s owner, apart from handling', async () => {
    const db = rt.deps.database.db;
    const entry = await db.selectFrom('knowledge_entries').select(['id', 'owner_unit_id']).where('published_version', 'is not', null)
      .where('flag', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const category = await db.selectFrom('categories').select('id').orderBy('id').executeTakeFirstOrThrow();
    const intake = await apiLogin(rt.app, 'intake');
    const answer = await intake.post('/api/knowledge/answers', { entryId: Number(entry.id), case: {
      title: '咨询办理流程', description: '来电咨询相关政策和办理流程。', categoryId: category.id, channel: 'hotline', urgency: 'normal',
      submitterName: '张伟', submitterPhone: '13800138000', caseType: 'consultation',
    } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const api = await apiLogin(rt.app, 'supervisor');
    const month = (await api.post('/api/assessment/periods/run', { period: previousMonthKey(new Date(), 0) }));
    expect(month.status, JSON.stringify(month.body)).toBe(200);
    const current = month.body.period;
    expect(current.directAnswerSection.city.numerator).toBeGreaterThanOrEqual(1);
    const owner = current.directAnswerSection.rows.find((r: any) => r.departmentId === entry.owner_unit_id);
    expect(owner.answers.numerator).toBeGreaterThanOrEqual(1);
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/assessment/periods/${current.key}`);
    const card = page.getByTestId('direct-answers-section');
    await textOf(card, '全市直接答复率');
    const city = card.getByTestId('direct-answers-city-ratio');
    const n = Number(await city.locator('a').first().innerText());
    expect(n).toBe(current.directAnswerSection.city.numerator);
    await city.locator('a').first().click();
    const drill = page.getByTestId('section-drill');
    await textOf(drill, `直接答复 ${n} 件，清单 ${n} 件`);
    expect(await drill.locator('tbody tr.ant-table-row').count()).toBe(n);
    await textOf(drill, answer.body.code ?? '知识库');
    await shot(page, 'assessment-direct-answers-drill');
    await page.keyboard.press('Escape');
    expect(await columnsOutOfView(card, ['单位', '直接答复 / （直接答复 + 考核件数）'])).toEqual({ outside: [], missing: [] });
    expect((await api.get(`/api/assessment/periods/${current.key}/verify`)).body).toMatchObject({ ok: true, differences: [] });
    // Back to last month's scorecard, where the next steps drill down.
    await page.goto(`${rt.baseUrl}/assessment/periods/${period}`);
    await textOf(page.getByTestId('scorecard-page'), `${period} 考核计分卡`);
  });

  it('a figure on the scorecard opens exactly the cases behind it', async () => {
    const api = await apiLogin(rt.app, 'supervisor');
    const detail = (await api.get(`/api/assessment/periods/${period}`)).body;
    expect(detail.status).toBe('published');
    // The department with the most follow-ups in the city group: its head will appeal one case.
    const row = detail.rows.filter((r: any) => r.group === 'city').sort((a: any, b: any) => b.rates.satisfaction.denominator - a.rates.satisfaction.denominator)[0];
    departmentId = row.departmentId;
    departmentName = row.departmentName;
    const org = (await api.get('/api/org')).body;
    head = `${org.departments.find((d: any) => d.id === departmentId).code}-head`;
    const page = await as('supervisor');
    await page.getByTestId(`drill-${departmentId}-satisfaction-denominator`).first().click();
    await page.getByTestId('drill-page').waitFor();
    await textOf(page.getByTestId('drill-total'), String(row.rates.satisfaction.denominator));
    expect(await page.getByTestId('drill-figure').textContent()).toBe(String(row.rates.satisfaction.denominator));
    expect(page.url()).toContain(`/assessment/drill?period=${period}&department=${departmentId}&measure=satisfaction&part=denominator`);
  });

  it('the department head appeals one case from the drill-down list, with a reason and evidence', async () => {
    const page = await as(head);
    await page.goto(`${rt.baseUrl}/assessment/drill?period=${period}&department=${departmentId}&measure=satisfaction&part=denominator`);
    await page.getByTestId('drill-page').waitFor();
    const firstRow = page.locator('[data-testid="drill-page"] tr.ant-table-row').first();
    await firstRow.waitFor();
    appealedCode = (await firstRow.locator('td').first().textContent())!.trim();
    await firstRow.getByRole('button', { name: '申请不纳入考核' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
    await dialog.getByText('恶意重复诉求').click();
    await dialog.getByRole('button', { name: '提交申诉' }).click();
    await textOf(dialog, '申诉须提供证明材料');
    await dialog.getByLabel('证明材料说明').fill('该诉求人一个月内就同一事项重复来电 12 次，均已依法答复，附来电记录。');
    await dialog.getByRole('button', { name: '提交申诉' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const list = page.getByTestId('appeals-page');
    await textOf(list, appealedCode);
    await textOf(list, '待审核');
  });

  it('the supervisor approves it with a reason; the appeal shows who approved it', async () => {
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/assessment/appeals`);
    const row = page.locator('[data-testid="appeals-page"] tr.ant-table-row', { hasText: appealedCode }).first();
    await row.waitFor();
    await row.getByRole('button', { name: '审核' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
    await dialog.getByLabel('审核意见').fill('经核实属恶意重复诉求，同意不纳入考核。');
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const api = await apiLogin(rt.app, head);
    const mine = (await api.get('/api/assessment/appeals')).body.items;
    expect(mine.find((a: any) => a.caseCode === appealedCode)).toMatchObject({ state: 'approved', departmentName, decisionReason: '经核实属恶意重复诉求，同意不纳入考核。' });
    await shot(page, 'assessment-appeals');
  });

  it('the bulletin downloads as a Word document; verify agrees with the published snapshot', async () => {
    const page = await as('supervisor');
    await page.goto(`${rt.baseUrl}/assessment/periods/${period}`);
    await page.getByTestId('scorecard-page').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^衡阳市优化营商环境问题并网督办考核通报（\d{4}年\d{1,2}月）\.docx$/);
    const text = docxText(await readFile((await download.path())!));
    expect(text).toContain('考核排名');
    expect(text).toContain(departmentName);
    const api = await apiLogin(rt.app, 'supervisor');
    expect((await api.get(`/api/assessment/periods/${period}/verify`)).body).toMatchObject({ ok: true });
  });

  it('a scheme version saved before 最少回访件数 existed loads with the default filled in and saves', async () => {
    const db = rt.deps.database.db;
    const last = await db.selectFrom('assessment_schemes').selectAll().orderBy('version', 'desc').executeTakeFirstOrThrow();
    const { minimumRated: _none, ...old } = (typeof last.config === 'string' ? JSON.parse(last.config) : last.config) as Record<string, unknown>;
    await db.insertInto('assessment_schemes').values({ version: last.version + 1, config: JSON.stringify(old), note: '旧版方案', created_by: null, created_at: new Date() }).execute();
    const page = await as('admin');
    await page.goto(`${rt.baseUrl}/assessment/scheme`);
    await page.getByTestId('minimum-rated-default').waitFor();
    await expect(page.getByLabel('参与排名的最少回访件数').inputValue()).resolves.toBe('5');
    await page.getByTestId('save-scheme').click();
    await textOf(page.locator('.ant-message'), `已保存为第 ${last.version + 2} 版`);
    const api = await apiLogin(rt.app, 'admin');
    expect((await api.get('/api/assessment/scheme')).body.current.scheme.minimumRated).toBe(5);
    await shot(page, 'assessment-scheme-old-version');
  });
});
