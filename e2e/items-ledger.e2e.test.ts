import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar/local-time.js';
import { sweepItemLights } from '../src/server/modules/items/index.js';
import { loginAs as apiLogin } from '../test/kit/http.js';
import { columnsOutOfView, cutElements, launchBrowser, loginAs, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// The items dashboard (督办事项看板), its drill-down to the filtered list, the ledger (台账) downloaded from the list with
// those filters, and the big screen's key-task lights at 1920×1080.

const dayMs = 86_400_000;
const day = (n: number) => beijingDate(new Date(Date.now() + n * dayMs));

describe('items dashboard and ledger through the web client', () => {
  let rt: WebRuntime;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    rt = await webRuntime();
    browser = await launchBrowser();
    page = await loginAs(browser, rt.baseUrl, 'supervisor');
    const api = await apiLogin(rt.app, 'supervisor');
    const org = (await api.get('/api/org')).body as { departments: { id: number; code: string }[] };
    const zjj = org.departments.find((d) => d.code === 'zjj')!.id;
    const base = { sourceKind: 'meeting', sourceRef: '市政府常务会议', leaderName: '王副市长', leadDepartmentId: zjj, schedule: { frequency: 'none' },
      targets: [{ name: '加装电梯', measure: '台', value: 120 }] };
    // One key task whose milestone passed ten days ago (the sweep turns it red), one on plan.
    for (const body of [
      { ...base, title: '老旧小区加装电梯（看板）', startDate: day(-60), endDate: day(200), milestones: [{ title: '完成摸底调查', due: { date: day(-10) } }] },
      { ...base, title: '三馆三中心（看板）', startDate: day(-5), endDate: day(300), milestones: [{ title: '主体封顶', due: { date: day(200) } }] },
    ]) {
      const r = await api.post('/api/items', body);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await sweepItemLights(rt.deps);
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('the dashboard counts by light and drills down to the red items', async () => {
    await page.goto(`${rt.baseUrl}/items/dashboard`);
    await textOf(page.getByTestId('items-red'), /红灯\s*1/);
    await textOf(page.getByTestId('items-overdue'), '完成摸底调查');
    await page.getByTestId('items-by-unit').locator('svg').waitFor();
    await shot(page, 'items-dashboard');
    await page.getByTestId('items-red').click();
    await page.waitForURL(/\/items\?state=in_progress&light=red/);
    await textOf(page.locator('.ant-table-tbody'), '老旧小区加装电梯（看板）');
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await textOf(page.getByTestId('filter-light'), '红灯');
    // Every column of the list in view at 1440 px, none under another.
    expect(await columnsOutOfView(page.locator('.ant-table').first(), ['亮灯', '事项', '来源', '责任领导', '牵头单位', '下一节点', '目标完成', '状态'])).toEqual({ outside: [], missing: [] });
  });

  it('the ledger downloads with the list’s filters', async () => {
    await page.getByTestId('ledger-group').click();
    await page.locator('.ant-select-item-option', { hasText: '按牵头单位' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^督办事项台账-\d{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).getCell(2).value).toBe('牵头单位');
    expect(String(ws.getRow(2).getCell(3).value)).toContain('老旧小区加装电梯（看板）');
    expect(ws.getRow(2).getCell(11).value).toBe('红灯');
    await shot(page, 'items-list-ledger');
  });

  it('the big screen shows the key tasks’ lights at 1920×1080 without scrolling or cut panels', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${rt.baseUrl}/bigscreen`);
    await textOf(page.getByTestId('big-items-red'), '红灯 1');
    await textOf(page.getByTestId('big-items'), '老旧小区加装电梯（看板）');
    await page.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
    expect(await cutElements(page.getByTestId('big-items'), 'span[data-text]')).toEqual([]);
    expect(await page.getByTestId('big-items').locator('span[data-text]').count()).toBe(2);
    await shot(page, 'items-big-screen');
  });
});
