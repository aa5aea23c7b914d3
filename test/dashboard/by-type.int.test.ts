import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { download } from '../supervision/kit.js';
import { buildDataSet, type DataSet } from './kit.js';

// 诉求类型 as a dashboard dimension: the month by type (受理, 办结, 当前超期在办) adds up to the month's figures, every
// figure drills to exactly its cases (the type filter of the drill-down), and the table exports.

let rt: TestRuntime;
let data: DataSet;

beforeAll(async () => {
  rt = await testRuntime('2026-10-12T10:00:00+08:00');
  data = await buildDataSet(rt);
  // One 咨询 typed at the desk this month under a complaint-kind category.
  rt.clock.set('2026-11-19T10:00:00+08:00');
  const r = await data.as.intake.post('/api/cases', { title: '施工许可办理流程咨询', description: '想了解施工许可证办理需要哪些材料。', categoryId: data.ids.category('approval.construction_permit'), channel: 'hotline', urgency: 'normal', submitterName: '王芳', submitterPhone: '13900001111', caseType: 'consultation' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  rt.clock.set('2026-11-20T15:00:00+08:00');
}, 120_000);
afterAll(() => rt?.close());

type ByType = { caseType: string; received: number; closed: number; overdueNow: number };
const measures = [['received', 'received'], ['closed', 'closed'], ['overdueNow', 'overdue_now']] as const;

describe('dashboard by case type', () => {
  for (const scope of ['city', 'zjj'] as const) {
    it(`adds up to the month's figures and drills to exactly its cases (${scope})`, async () => {
      const dept = scope === 'city' ? '' : `&departmentId=${data.ids.dept('zjj')}`;
      const o = (await data.as.leader.get(`/api/dashboard/overview?month=2026-11${dept}`)).body;
      const rows = o.byType as ByType[];
      expect(rows.map((r) => r.caseType)).toEqual(['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise']);
      const sum = (k: keyof ByType) => rows.reduce((a, r) => a + Number(r[k]), 0);
      expect(sum('received')).toBe(o.kpis.received.value);
      expect(sum('closed')).toBe(o.kpis.closed.value);
      expect(sum('overdueNow')).toBe(o.kpis.overdueNow.value);
      if (scope === 'city') expect(rows.find((r) => r.caseType === 'consultation')!.received).toBeGreaterThanOrEqual(1);
      for (const r of rows) {
        for (const [field, measure] of measures) {
          const range = measure === 'overdue_now' ? '' : `&from=${o.monthRange.from}&until=${o.monthRange.until}`;
          const page = (await data.as.leader.get(`/api/dashboard/cases?measure=${measure}${range}${dept}&caseType=${r.caseType}`)).body;
          expect(page.total, `${r.caseType} ${measure}`).toBe(r[field]);
          expect(page.items).toHaveLength(r[field]);
          expect(page.items.every((c: { caseType: string }) => c.caseType === r.caseType)).toBe(true);
        }
      }
    });
  }

  it('exports the table to Excel with the same figures', async () => {
    const o = (await data.as.leader.get('/api/dashboard/overview?month=2026-11')).body;
    const r = await download(rt.app, 'leader', '/api/dashboard/by-type/export.xlsx?month=2026-11');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['范围', '统计期间', '诉求类型', '受理（件）', '办结（件）', '当前超期在办（件）']);
    expect(rows.slice(1).map((x) => x.slice(2))).toEqual((o.byType as ByType[]).map((t) => [
      { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' }[t.caseType], t.received, t.closed, t.overdueNow,
    ]));
    expect(rows[1].slice(0, 2)).toEqual(['全市', '2026-11-01 至 2026-11-20']);
  });

  it('keeps a department to its own figures and refuses a bad type', async () => {
    const own = (await data.as['zjj-handler'].get('/api/dashboard/overview')).body;
    const mine = (await data.as.leader.get(`/api/dashboard/overview?departmentId=${data.ids.dept('zjj')}`)).body;
    expect(own.byType).toEqual(mine.byType);
    const bad = await data.as.leader.get('/api/dashboard/cases?measure=received&from=2026-11-01&until=2026-11-21&caseType=gossip');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await download(rt.app, 'intake', '/api/dashboard/by-type/export.xlsx')).status).toBe(403);
  });
});
