import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { orgIds, sampleCase } from '../test/kit/org.js';
import { files } from '../test/portal/kit.js';
import { beijingDate } from '../src/domain/calendar/local-time.js';
import { periodLabel, quarterOf } from '../src/domain/indicators/period.js';
import { readFile } from 'node:fs/promises';
import { docxText } from '../test/supervision/kit.js';
import { launchBrowser, loginAs, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// A lead unit (市场监管局, 开办企业) files a quarter's figure with evidence in the console; the 营商办 sends it back with
// a reason; the lead unit corrects it; the 营商办 accepts it and the light shows. The lead unit then sees the
// enterprise problems of its indicator that another unit holds.

let rt: WebRuntime;
let browser: Browser;
let indicatorId: number;
const quarter = quarterOf(beijingDate(new Date()));
const year = Number(quarter.slice(0, 4));

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
  const sup = await apiLogin(rt.app, 'supervisor');
  const admin = await apiLogin(rt.app, 'admin');
  const ids = await orgIds(admin);
  indicatorId = (await sup.post('/api/indicators', { year, system: 'national', code: 'kbqy', name: '开办企业', leadDepartmentId: ids.dept('scjg'), weight: 5.5 })).body.id;
  await sup.post('/api/indicators', { year, system: 'national', code: 'kbqy.days', parentId: indicatorId, name: '时间', unit: '个工作日', direction: 'lower', targetCommitment: 1 });
  const cat = (await admin.get('/api/catalogue')).body.items.find((c: any) => c.code === 'approval.business_start');
  expect((await admin.post(`/api/catalogue/${cat.id}`, { ...cat, indicatorCodes: ['kbqy'], version: cat.version })).status).toBe(200);
  const intake = await apiLogin(rt.app, 'intake');
  const created = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.business_start'), { title: '新办企业银行开户等待过久' }), dispatch: { leadDepartmentId: ids.dept('xzsp'), coDepartmentIds: [] } });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

const measureCard = (page: Page) => page.getByTestId('measure-kbqy.days');
const figureRow = (page: Page) => measureCard(page).locator('tr', { hasText: periodLabel(quarter) });

describe('indicators in the console', () => {
  it('a lead unit files with evidence, is sent back, corrects, is accepted, and the light shows', async () => {
    const lead = await loginAs(browser, rt.baseUrl, 'scjg-handler');
    await lead.goto(`${rt.baseUrl}/indicators`);
    await textOf(lead.locator('tr', { hasText: '开办企业' }), '本单位牵头');
    await lead.getByRole('link', { name: '开办企业' }).click();
    const form = lead.getByTestId('file-form-kbqy.days');
    await form.getByLabel('填报期间').click();
    await lead.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: periodLabel(quarter) }).first().click();
    await form.getByLabel('数值').fill('2');
    await form.getByTestId('evidence-field').locator('input[type=file]').setInputFiles({ name: '开办记录.png', mimeType: 'image/png', buffer: files.png });
    await textOf(form.getByTestId('evidence-field'), '开办记录.png');
    await form.getByRole('button', { name: '填报' }).click();
    await textOf(lead.locator('.ant-message'), '已填报');
    await textOf(figureRow(lead).getByTestId('figure-status'), '待审核');
    expect(await figureRow(lead).textContent()).toContain('开办记录.png');
    await shot(lead, 'indicators-filed');

    const office = await loginAs(browser, rt.baseUrl, 'supervisor');
    await office.goto(`${rt.baseUrl}/indicators/${indicatorId}`);
    await figureRow(office).getByRole('button', { name: '退回' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('理由').fill('材料显示为 1 个工作日，请核实');
    await dialog.getByRole('button', { name: '确定' }).click();
    await textOf(figureRow(office).getByTestId('figure-status'), '已退回');

    await lead.reload();
    await textOf(figureRow(lead), '退回理由：材料显示为 1 个工作日，请核实');
    await form.getByLabel('填报期间').click();
    await lead.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: periodLabel(quarter) }).first().click();
    await form.getByLabel('数值').fill('1');
    await form.getByRole('button', { name: '填报' }).click();
    await textOf(lead.locator('.ant-message'), '已修改重报');
    await textOf(figureRow(lead).getByTestId('figure-status'), '待审核');

    await office.reload();
    await figureRow(office).getByRole('button', { name: '通过' }).click();
    await textOf(figureRow(office).getByTestId('figure-status'), '已通过');
    await textOf(figureRow(office).getByTestId('light'), '达到目标');
    await shot(office, 'indicators-accepted');
    await lead.goto(`${rt.baseUrl}/indicators`);
    await textOf(lead.locator('tr', { hasText: '开办企业' }).getByTestId('light'), '达到目标');
  });

  it('the lead unit sees the enterprise problems of its indicator held by another unit', async () => {
    const lead = await loginAs(browser, rt.baseUrl, 'scjg-handler');
    await lead.goto(`${rt.baseUrl}/indicators/${indicatorId}`);
    await lead.getByRole('tab', { name: '企业诉求' }).click();
    const panel = lead.getByTestId('indicator-problems');
    const row = panel.locator('tr', { hasText: '新办企业银行开户等待过久' });
    await textOf(row, '市行政审批服务局');
    await shot(lead, 'indicators-problems');
    // Another unit that does not lead the indicator cannot open the tab.
    const other = await loginAs(browser, rt.baseUrl, 'zjj-handler');
    await other.goto(`${rt.baseUrl}/indicators/${indicatorId}`);
    await other.getByRole('tab', { name: '企业诉求' }).waitFor();
    expect(await other.getByRole('tab', { name: '企业诉求' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('a reform measure shows its red light on the indicator; the leading group sees it first and downloads the meeting pack', async () => {
    const sup = await apiLogin(rt.app, 'supervisor');
    const day = (offset: number) => beijingDate(new Date(Date.now() + offset * 86_400_000));
    const r = await sup.post(`/api/indicators/${indicatorId}/reforms`, {
      title: '企业开办“一网通办”全程网办', leaderName: '分管副市长', startDate: day(-60), endDate: day(60), schedule: { frequency: 'none' },
      milestones: [{ title: '上线全程网办系统', due: { date: day(-3) } }],
    });
    expect(r.status).toBe(200);

    const lead = await loginAs(browser, rt.baseUrl, 'scjg-handler');
    await lead.goto(`${rt.baseUrl}/indicators/${indicatorId}`);
    await textOf(lead.getByTestId('reform-light'), '红灯');
    await lead.getByRole('tab', { name: /改革举措/ }).click();
    await textOf(lead.getByTestId('reforms').locator('tr', { hasText: '企业开办“一网通办”全程网办' }), '红灯');
    expect(await lead.getByTestId('add-reform').isDisabled()).toBe(true);
    await shot(lead, 'indicators-reforms');
    // The item links back to its indicator.
    await lead.getByTestId('reforms').getByRole('link', { name: /DBSX/ }).click();
    await lead.getByTestId('item-origin').click();
    await textOf(lead.getByTestId('reform-light'), '红灯');
    // The lead unit's own work report downloads as Word and names its indicator and the reform in progress.
    await lead.getByRole('tab', { name: '工作汇报' }).click();
    const [report] = await Promise.all([lead.waitForEvent('download'), lead.getByTestId('lead-report').click()]);
    expect(report.suggestedFilename()).toMatch(/\.docx$/);
    const reportText = docxText(await readFile((await report.path())!));
    expect(reportText).toContain('开办企业（kbqy）');
    expect(reportText).toContain('改革举措：已完成 0 项，推进中 1 项');

    const leader = await loginAs(browser, rt.baseUrl, 'leader');
    await leader.goto(`${rt.baseUrl}/indicators/leading`);
    const row = leader.getByTestId('leading-table').locator('tr', { hasText: '开办企业' }).first();
    await textOf(row, '红灯');
    await leader.getByTestId('leading-chart').locator('svg').waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await textOf(leader.getByTestId('leading-table'), '时间');
    await shot(leader, 'indicators-leading-group');
    const [download] = await Promise.all([leader.waitForEvent('download'), leader.getByTestId('meeting-pack').click()]);
    const text = docxText(await readFile((await download.path())!));
    expect(text).toContain('领导小组会议材料');
    expect(text).toContain('开办企业');
    expect(text).toContain('企业开办“一网通办”全程网办');
    // A unit's handler has no leading-group dashboard in the menu.
    expect(await lead.getByRole('menuitem', { name: '领导小组看板' }).count()).toBe(0);
  });
});
