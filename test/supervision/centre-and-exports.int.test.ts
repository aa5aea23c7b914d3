import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { docxText, download, handlingCase, loginAll, zipEntry, type Staff } from './kit.js';

let rt: TestRuntime;
let as: Record<Staff, Client>;
let zjj: number;
let early: number;
let injected: number;
let fresh: number;

beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00');
  as = await loginAll(rt.app);
  zjj = (await orgIds(as.intake)).dept('zjj');
  early = await handlingCase(as);
  injected = await handlingCase(as, { title: '=HYPERLINK("http://evil.example","点击")' });
  rt.clock.set('2026-12-01T09:00:00+08:00'); // 15 working days later: the first two are overdue
  fresh = await handlingCase(as, { title: '新近诉求' });
  await sweepSla(rt.deps); // overdue is what the sweep marks red (domain/sla/overdue.ts)
});
afterAll(() => rt.close());

describe('supervision centre', () => {
  it('lists open cases most overdue first with filters', async () => {
    const all = (await as.supervisor.get('/api/supervision/cases')).body.items;
    const ids = all.map((r: any) => r.id);
    expect(ids).toEqual(expect.arrayContaining([early, injected, fresh]));
    const row = all.find((r: any) => r.id === early);
    expect(row).toMatchObject({ isOverdue: true, leadDepartmentId: zjj, ageDays: 29, openOrderLevel: null, pendingExtension: false });
    expect((await as.supervisor.get('/api/supervision/cases?overdue=overdue')).body.items.map((r: any) => r.id).sort()).toEqual([early, injected].sort());
    expect((await as.supervisor.get(`/api/supervision/cases?departmentId=${zjj}`)).body.items).toHaveLength(3);
    const other = (await orgIds(as.intake)).dept('scjg');
    expect((await as.supervisor.get(`/api/supervision/cases?departmentId=${other}`)).body.items).toHaveLength(0);

    // The warning level comes from the sweeps' column (lowered by hand here to see the filter read it).
    await sql`UPDATE cases SET warning_level = 'yellow' WHERE id = ${injected}`.execute(rt.deps.database.db);
    expect((await as.leader.get('/api/supervision/cases?level=red')).body.items.map((r: any) => r.id)).toEqual([early]);
    expect((await as.leader.get('/api/supervision/cases')).body.items[0].id).toBe(early);
    await sql`UPDATE cases SET warning_level = 'red' WHERE id = ${injected}`.execute(rt.deps.database.db);
  });

  it('bulk-issues orders to the lead departments, reporting refusals per case', async () => {
    const r = await as.supervisor.post('/api/supervision/bulk/orders', { caseIds: [early, injected, 999_999], level: 'yellow', demands: '逾期未办结，请限期答复', deadline: { workingDays: 3 } });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: any) => [x.caseId, x.ok, x.code])).toEqual([[early, true, null], [injected, true, null], [999_999, false, 'CASE_NOT_FOUND']]);
    const again = await as.supervisor.post('/api/supervision/bulk/orders', { caseIds: [early], demands: '再督', deadline: { workingDays: 3 } });
    expect(again.body.results[0]).toMatchObject({ ok: false, code: 'ORDER_ALREADY_OPEN', message: '该单位已有未办结的督办单，请提升其督办等级' });
    const withOrder = (await as.supervisor.get('/api/supervision/cases?hasOpenOrder=true')).body.items;
    expect(withOrder.map((x: any) => x.id).sort()).toEqual([early, injected].sort());
    expect(withOrder[0].openOrderLevel).toBe('yellow');
    expect((await as.supervisor.get('/api/supervision/cases?hasOpenOrder=false')).body.items.map((x: any) => x.id)).toEqual([fresh]);
  });

  it('bulk instruction by a leader goes through the lifecycle command', async () => {
    const r = await as.leader.post('/api/supervision/bulk/instruct', { caseIds: [fresh], text: '请市住建局加快办理' });
    expect(r.body.results).toEqual([{ caseId: fresh, ok: true, orderId: null, code: null, message: null }]);
    const detail = (await as.leader.get(`/api/cases/${fresh}`)).body;
    expect(detail.supervisionLevel).toBe('instruction');
    expect(detail.events.at(-1)).toMatchObject({ type: 'case.instructed', payload: { text: '请市住建局加快办理' } });
  });

  it('the department page shows its supervised cases and orders, with the answer button for its staff', async () => {
    const page = (await as['zjj-handler'].get(`/api/supervision/departments/${zjj}`)).body;
    expect(page.department.id).toBe(zjj);
    expect(page.cases.map((c: any) => c.id).sort()).toEqual([early, injected, fresh].sort());
    expect(page.orders).toHaveLength(2);
    expect(page.orders.every((o: any) => o.allowedOrderActions.join() === 'answer')).toBe(true);
  });
});

describe('exports', () => {
  it('a supervision order as a Word document to print and stamp', async () => {
    const order = (await as.supervisor.get(`/api/cases/${early}/orders`)).body.items[0];
    const r = await download(rt.app, 'supervisor', `/api/supervision/orders/${order.id}/docx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="order-${order.code}.docx"; filename*=UTF-8''${encodeURIComponent(`督办单-${order.code}.docx`)}`);
    const text = docxText(r.body);
    for (const part of [
      '衡阳市优化营商环境问题督办单', `编号：${order.code}`, '督办等级：黄牌督办', '承办单位', order.departmentName, '诉求编号', order.caseCode,
      '诉求标题', order.caseTitle, '内容摘要', '我公司在蒸湘区的厂房扩建项目', '督办要求', '逾期未办结，请限期答复', '办理时限',
      '请于2026年12月4日 17:30前书面答复', '签发单位：市优化营商环境办公室', '签发日期：2026年12月1日', '（盖章）', '答复情况', '答复单位（盖章）',
    ]) expect(text, part).toContain(part);
  });

  it("a department's overdue cases as Excel: header, frozen pane, widths, real dates, no formulas", async () => {
    const r = await download(rt.app, 'zjj-head', `/api/supervision/departments/${zjj}/overdue.xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('市住房和城乡建设局超期诉求清单.xlsx')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('超期诉求');
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '诉求编号', '诉求标题', '问题类别', '承办角色', '主办单位', '受理时间', '办理期限', '已超期（工作日）', '督办等级']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(3).width).toBe(40);
    expect(ws.rowCount).toBe(3);
    const titles = [ws.getRow(2).getCell(3).value, ws.getRow(3).getCell(3).value];
    expect(titles).toContain('\'=HYPERLINK("http://evil.example","点击")');
    const deadline = ws.getRow(2).getCell(8).value;
    expect(deadline).toBeInstanceOf(Date);
    expect(ws.getRow(2).getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(2).getCell(5).value).toBe('主办');
    expect(ws.getRow(2).getCell(9).value).toBeGreaterThanOrEqual(1);
    expect(ws.getRow(2).getCell(10).value).toBe('黄牌督办');
    // No formula anywhere in the sheet XML.
    expect(zipEntry(r.body, 'xl/worksheets/sheet1.xml')).not.toContain('<f>');
  });

  it("a department's overdue cases as Word", async () => {
    const r = await download(rt.app, 'leader', `/api/supervision/departments/${zjj}/overdue.docx`);
    expect(r.status).toBe(200);
    const text = docxText(r.body);
    expect(text).toContain('市住房和城乡建设局超期诉求清单');
    expect(text).toContain('共2件');
    expect(text).not.toContain('新近诉求');
  });
});

describe('list exports (streamed .xlsx with the list filters and the caller scope)', () => {
  async function sheet(username: Staff, url: string) {
    const r = await download(rt.app, username, url);
    expect(r.status, String(r.body)).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { ws, header: rows[0], rows: rows.slice(1), disposition: r.headers['content-disposition'] as string };
  }
  const codeOf = async (id: number) => (await as.supervisor.get(`/api/cases/${id}`)).body.code as string;

  it('all cases: the filters of the list, Chinese headers, real Beijing dates, no formulas', async () => {
    const all = await sheet('supervisor', '/api/cases/export.xlsx?view=all');
    expect(all.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('诉求清单-20261201.xlsx')}`);
    expect(all.header).toEqual(['诉求编号', '诉求标题', '诉求类型', '问题类别', '所属区县', '主办单位', '状态', '紧急程度', '来源渠道', '预警', '督办', '答复期限', '满意度', '登记时间']);
    expect(all.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(all.ws.getColumn(2).width).toBe(44);
    const codes = all.rows.map((r) => r[0]);
    const [a, b, c] = [await codeOf(early), await codeOf(injected), await codeOf(fresh)];
    expect(codes).toEqual(expect.arrayContaining([a, b, c]));
    const row = all.rows.find((r) => r[0] === a)!;
    expect(row[5]).toBe('市住房和城乡建设局');
    expect(row[6]).toBe('办理中');
    const created = (await as.supervisor.get(`/api/cases/${early}`)).body.createdAt;
    // Beijing wall time stored as the cell's fields: 2026-11-02 09:00 in Beijing reads 09:00 in the sheet.
    expect(row[13]).toBeInstanceOf(Date);
    expect((row[13] as Date).toISOString().slice(0, 16)).toBe(new Date(new Date(created).getTime() + 8 * 3_600_000).toISOString().slice(0, 16));
    expect(all.rows.find((r) => r[0] === b)![1]).toBe('\'=HYPERLINK("http://evil.example","点击")');

    const searched = await sheet('supervisor', `/api/cases/export.xlsx?q=${encodeURIComponent('新近')}`);
    expect(searched.rows.map((r) => r[0])).toEqual([c]);
    const overdue = await sheet('supervisor', '/api/cases/export.xlsx?view=overdue');
    expect(overdue.rows.map((r) => r[0]).sort()).toEqual([a, b].sort());
  });

  it("a department exports only what it was assigned; another department's export is empty", async () => {
    const mine = await sheet('zjj-handler', '/api/cases/export.xlsx');
    expect(mine.rows.length).toBeGreaterThanOrEqual(3);
    const none = await sheet('scjg-handler', '/api/cases/export.xlsx');
    expect(none.rows).toEqual([]);
    expect(none.header[0]).toBe('诉求编号');
  });

  it('supervision centre: the screen filters, most urgent first; only the office may export it', async () => {
    const overdue = await sheet('supervisor', '/api/supervision/cases/export.xlsx?overdue=overdue');
    expect(overdue.rows.map((r) => r[0]).sort()).toEqual([await codeOf(early), await codeOf(injected)].sort());
    expect(overdue.header).toContain('未办结督办单');
    expect(overdue.rows[0][9]).toBe('已超期');
    const other = (await orgIds(as.intake)).dept('scjg');
    expect((await sheet('leader', `/api/supervision/cases/export.xlsx?departmentId=${other}`)).rows).toEqual([]);
    expect((await download(rt.app, 'zjj-handler', '/api/supervision/cases/export.xlsx')).status).toBe(403);
    const word = await download(rt.app, 'supervisor', '/api/supervision/cases/export.docx?overdue=overdue');
    expect(word.status).toBe(200);
    const text = docxText(word.body);
    expect(text).toContain('督办中心在办诉求清单');
    expect(text).toContain('共2件');
    expect(text).toContain(await codeOf(early));
    expect(text).not.toContain('新近诉求');
  });

  it('the centre export reads the ordered ids once, then pages of rows: the same rows in the same order as the screen', async () => {
    const { findCentreRows } = await import('../../src/server/modules/supervision/centre.js');
    const { centrePages } = await import('../../src/server/modules/supervision/exports/centre-list.js');
    const whole = await findCentreRows(rt.deps, { limit: 500 });
    const paged: number[] = [];
    for await (const page of centrePages(rt.deps, {}, 1)) paged.push(...page.map((r) => r.id));
    expect(paged).toEqual(whole.items.map((r) => r.id));
    expect(paged.length).toBeGreaterThanOrEqual(3);
  });

  it("dashboard drill-down: the chart's slice, scoped to the department for its staff", async () => {
    const url = '/api/dashboard/cases/export.xlsx?measure=received&from=2026-11-01&until=2026-12-02';
    const office = await sheet('leader', url);
    expect(office.rows.map((r) => r[0])).toEqual(expect.arrayContaining([await codeOf(early), await codeOf(fresh)]));
    const scjg = await sheet('scjg-handler', url);
    expect(scjg.rows).toEqual([]);
    // A refused filter is an ordinary error answer, not a broken file: the first page is read before anything is sent.
    const bad = await download(rt.app, 'leader', '/api/dashboard/cases/export.xlsx?measure=received&from=2026-12-02&until=2026-11-01');
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/json');
  });
});

describe('one definition of overdue, counted the same on every screen', () => {
  /** The overdue count as each endpoint reports it, city-wide or for the department `dept`. */
  async function counts(dept: number | null) {
    const who = dept === null ? as.supervisor : as['zjj-handler'];
    const inbox = (await who.get('/api/cases?view=overdue&limit=100')).body.items;
    const dashboard = (await who.get(`/api/dashboard/overview${dept === null ? '' : `?departmentId=${dept}`}`)).body.kpis.overdueNow.value;
    const centre = (await as.supervisor.get(`/api/supervision/cases${dept === null ? '' : `?departmentId=${dept}`}`)).body;
    const centreFiltered = (await as.supervisor.get(`/api/supervision/cases?overdue=overdue${dept === null ? '' : `&departmentId=${dept}`}`)).body;
    return { inbox: inbox.length, dashboard, centre: centre.overdueCount, centreRows: centreFiltered.total, inboxItems: inbox };
  }

  it('inbox 已超期, dashboard 当前超期在办 and the supervision centre agree, city-wide and for a department', async () => {
    // Two working days after `fresh` was dispatched: its co-handler has not signed (sign clock red) while its reply
    // deadline is still weeks away — a red warning that must not read as "剩余 N 个工作日" alone.
    rt.clock.set('2026-12-03T10:00:00+08:00');
    await sweepSla(rt.deps);
    const city = await counts(null);
    expect(city).toMatchObject({ inbox: 3, dashboard: 3, centre: 3, centreRows: 3 });
    const row = city.inboxItems.find((c: any) => c.id === fresh);
    expect(row).toMatchObject({ warningLevel: 'red', overdueClock: 'sign' });
    expect(new Date(row.replyDeadline).getTime()).toBeGreaterThan(rt.deps.now().getTime());

    // For 市住建局 only its own clocks count: it signed `fresh` on time, so two.
    const own = await counts(zjj);
    expect(own).toMatchObject({ inbox: 2, dashboard: 2, centre: 2, centreRows: 2 });
    expect(own.inboxItems.every((c: any) => c.overdueClock === 'reply')).toBe(true);
  });
});
