import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../src/server/deps.js';
import { sweepSla } from '../src/server/jobs/sla-sweep.js';
import { loginAs as apiLogin, type Client } from '../test/kit/http.js';
import { orgIds, sampleCase } from '../test/kit/org.js';
import { launchBrowser, loginAs, overlappingChartLabels, shot, textOf, webRuntime, type WebRuntime } from './kit.js';

// A leader opens the dashboard, clicks a red cell of the overdue heatmap and sees exactly the cases it counted; the
// big screen renders and follows a new case live.
//
// Overdue needs time to pass, so the server's clock runs `shift` ahead of the real one once the cases are in: cases
// are registered now, the clock moves ten days on, and the SLA sweep records the red crossings.

const dayMs = 86_400_000;

describe('dashboard journey through the web client', () => {
  let rt: WebRuntime;
  let deps: AppDeps;
  let baseUrl = '';
  let browser: Browser;
  let shift = 0;
  let intake: Client;
  let ids: Awaited<ReturnType<typeof orgIds>>;
  const codes: Record<string, string[]> = { zjj: [], rsj: [] };

  beforeAll(async () => {
    rt = await webRuntime({ now: () => new Date(Date.now() + shift) });
    ({ deps, baseUrl } = rt);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('setup: four cases for 市住房和城乡建设局 and one for 市人力资源和社会保障局 are never signed; ten days later they are overdue', async () => {
    intake = await apiLogin(rt.app, 'intake');
    ids = await orgIds(intake);
    for (const [dept, n] of [['zjj', 4], ['rsj', 1]] as const) {
      for (let i = 0; i < n; i++) {
        const r = await intake.post('/api/cases', {
          ...sampleCase(ids.category('approval.construction_permit'), { title: `厂房施工许可超时未办（${dept}-${i + 1}）`, districtId: ids.dept('zxq') }),
          dispatch: { leadDepartmentId: ids.dept(dept), coDepartmentIds: [] },
        });
        expect(r.status).toBe(201);
        codes[dept].push(r.body.code);
      }
    }
    shift = 10 * dayMs;
    const swept = await sweepSla(deps);
    expect(swept.crossings).toBeGreaterThanOrEqual(10); // yellow and red for each of the five sign clocks
  });

  let leader: Page;

  it('the leader sees the overview with its figures and an empty rankings panel', async () => {
    leader = await loginAs(browser, baseUrl, 'leader');
    await leader.goto(`${baseUrl}/dashboard`);
    await leader.getByTestId('overview-board').waitFor();
    await textOf(leader.getByTestId('kpi-overdue-now'), '5');
    await leader.getByTestId('overdue-heatmap').locator('svg').waitFor();
    await textOf(leader.getByTestId('rankings-empty'), '暂无已发布的考核结果');
    await shot(leader, 'dashboard-overview');
  });

  it('clicking a red heatmap cell lists exactly the cases it counted', async () => {
    // The cells are SVG paths filled with the band colour; red is the top band (the largest cell is always red).
    await leader.getByTestId('overdue-heatmap').scrollIntoViewIfNeeded();
    const red = await leader.getByTestId('overdue-heatmap').evaluate((el) => {
      const isRed = (f: string | null) => !!f && ['#a8071a', 'rgb(168,7,26)', 'rgb(168, 7, 26)'].includes(f.toLowerCase());
      return [...el.querySelectorAll('path')].filter((p) => isRed(p.getAttribute('fill'))).map((p) => {
        const b = p.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2, w: b.width, h: b.height };
      }).filter((b) => b.w > 24 && b.h > 16); // not the 18 × 14 swatch of the legend

    });
    expect(red.length).toBe(1); // zjj's four cases in one week; rsj's single case is in a lower band
    await leader.mouse.click(red[0].x, red[0].y);
    await leader.getByTestId('dashboard-slice').waitFor();

    const url = new URL(leader.url());
    expect(url.pathname).toBe('/dashboard/cases');
    expect(url.searchParams.get('measure')).toBe('overdue');
    expect(Number(url.searchParams.get('departmentId'))).toBe(ids.dept('zjj'));
    // What the cell counted, straight from the SLA sweep's rows.
    const expected = await sql<{ code: string }>`
      SELECT c.code FROM cases c WHERE c.id IN (
        SELECT case_id FROM sla_crossings WHERE level = 'red' AND department_id = ${ids.dept('zjj')}
           AND deadline >= ${`${url.searchParams.get('from')}T00:00:00+08:00`}::timestamptz
           AND deadline < ${`${url.searchParams.get('until')}T00:00:00+08:00`}::timestamptz)`.execute(deps.database.db);
    expect(expected.rows.map((r) => r.code).sort()).toEqual([...codes.zjj].sort());

    await textOf(leader.getByTestId('slice-total'), '共 4 件');
    await textOf(leader.getByTestId('slice-title'), '市住房和城乡建设局');
    const shown = await leader.getByTestId('case-table').getByTestId('case-link').allTextContents();
    expect(shown.sort()).toEqual([...codes.zjj].sort());
    await shot(leader, 'dashboard-red-cell');
  });

  it('a department handler gets its own page, and its drill-down stays within the department', async () => {
    const handler = await loginAs(browser, baseUrl, 'rsj-handler');
    await handler.goto(`${baseUrl}/dashboard`);
    await handler.getByTestId('dashboard-department').waitFor();
    expect(new URL(handler.url()).pathname).toBe('/dashboard/department');
    await textOf(handler.getByTestId('dashboard-department').locator('h4'), '市人力资源和社会保障局');
    await textOf(handler.getByTestId('kpi-overdue-now'), '1');
    await handler.getByTestId('kpi-overdue-now').click();
    await textOf(handler.getByTestId('slice-total'), '共 1 件');
    expect(await handler.getByTestId('case-table').getByTestId('case-link').allTextContents()).toEqual(codes.rsj);
    await shot(handler, 'dashboard-department-drill');
    await handler.context().close();
  });

  it('the big screen renders and follows a new case live', async () => {
    await leader.goto(`${baseUrl}/bigscreen`);
    await leader.getByTestId('big-screen').waitFor();
    const before = Number((await textOf(leader.getByTestId('big-received'), /\d/)).replace(/\D/g, ''));
    await textOf(leader.getByTestId('big-live'), '实时');
    await leader.getByTestId('overdue-heatmap').locator('svg').waitFor();
    const bg = await leader.getByTestId('big-screen').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(11, 23, 51)');
    // A meeting-room screen shows everything at once: at 1920×1080 nothing scrolls.
    await leader.setViewportSize({ width: 1920, height: 1080 });
    await leader.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
    // The weekly chart's figures are readable: none overlaps another or a point of the 办结 line.
    await leader.getByTestId('chart-weeks').locator('svg text').first().waitFor();
    expect(await overlappingChartLabels(leader.getByTestId('chart-weeks'))).toEqual([]);
    await shot(leader, 'dashboard-big-screen');

    intake = await apiLogin(rt.app, 'intake'); // the first session expired when the clock moved ten days on
    const r = await intake.post('/api/cases', sampleCase(ids.category('policy.talent'), { title: '人才补贴兑现咨询（大屏实时）' }));
    expect(r.status).toBe(201);
    await textOf(leader.getByTestId('big-received'), String(before + 1), 30_000);
  });
});
