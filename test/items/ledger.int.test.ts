import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { docxText, download, loginAll, type Staff } from '../supervision/kit.js';
import { keyTaskBody } from './kit.js';

// The items' ledger (台账) as .xlsx and Word with the list's filters, grouping and scope; the items dashboard.

let rt: TestRuntime;
let as: Record<Staff, Client>;
let zjj: number;
let xzsp: number;
let scjg: number;
const ids: Record<string, number> = {};

async function sheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

beforeAll(async () => {
  rt = await testRuntime('2026-01-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  const o = await orgIds(as.intake);
  zjj = o.dept('zjj');
  xzsp = o.dept('xzsp');
  scjg = o.dept('scjg');
  const later = { schedule: { frequency: 'none' }, milestones: [{ title: '全部完成', due: { date: '2026-12-20' } }] };
  const make = async (key: string, extra: Record<string, unknown>) => {
    const r = await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, extra));
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    expect(r.status).toBe(201);
    ids[key] = r.body.id;
    return r.body;
  };
  const lift = await make('lift', {});
  await make('digital', { title: '数字经济', sourceKind: 'work_report', sourceRef: '2026年政府工作报告', sourceDate: null, leaderName: '李市长', coDepartmentIds: [], ...later });
  await make('market', { title: '市场主体培育', leadDepartmentId: scjg, coDepartmentIds: [], leaderName: '李市长', sourceKind: 'instruction', ...later });
  // A report on the lift task, accepted: its figure shows as progress and its text as the latest progress.
  rt.clock.set('2026-01-27T10:00:00+08:00');
  const rep = await as['zjj-handler'].post(`/api/items/${lift.id}/reports`, { text: '已签约电梯 30 台。', figures: [{ targetId: lift.targets[0].id, value: 30 }], milestoneIds: [] });
  expect(rep.status).toBe(201);
  expect((await as.supervisor.post(`/api/items/${lift.id}/reports/${rep.body.id}/review`, { decision: 'accept' })).status).toBe(200);
  // The lift task misses its first milestone: the sweep turns it red.
  rt.clock.set('2026-03-02T10:00:00+08:00');
  expect((await as.supervisor.post('/api/items/sweep', {})).status).toBe(200);
});
afterAll(() => rt.close());

describe('the ledger', () => {
  it('.xlsx: one row per item with the printed columns, red first when grouped by light', async () => {
    const r = await download(rt.app, 'supervisor', '/api/items/ledger.xlsx?group=light');
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toContain(encodeURIComponent('督办事项台账-20260302.xlsx'));
    const rows = await sheet(r.body);
    expect(rows[0]).toEqual(['序号', '灯色', '事项', '来源', '责任领导', '牵头单位', '配合单位', '目标任务', '节点', '最新进展', '灯色', '状态']);
    expect(rows).toHaveLength(4);
    const lift = rows[1];
    expect(lift[0]).toBe('1');
    expect(lift[1]).toBe('红灯');
    expect(lift[2]).toMatch(/^老旧小区加装电梯（DBSX2026-\d{5}）$/);
    expect(lift[3]).toBe('会议部署 市政府常务会议 2026年1月10日');
    expect(lift.slice(4, 7)).toEqual(['王副市长', '市住房和城乡建设局', '市行政审批服务局']);
    expect(lift[7]).toBe('加装电梯 30/120台（25%）；财政补助资金 0/6000000元（0%）');
    expect(lift[8]).toBe('完成摸底调查（2026年2月28日前）');
    expect(lift[9]).toBe('2026年1月27日：已签约电梯 30 台。');
    expect(lift[11]).toBe('推进中');
    expect(rows.slice(2).map((x) => x[9])).toEqual(['尚未报送', '尚未报送']);
  });

  it('filters like the list: by leader, by unit (lead or co), by source, by light', async () => {
    const titles = async (qs: string) => {
      const r = await download(rt.app, 'supervisor', `/api/items/ledger.xlsx?${qs}`);
      expect(r.status, r.body.toString().slice(0, 300)).toBe(200);
      const [head, ...rows] = await sheet(r.body);
      const col = head.indexOf('事项');
      return rows.map((x) => x[col].replace(/（.*$/, ''));
    };
    expect(await titles(`leader=${encodeURIComponent('李市长')}`)).toEqual(['数字经济', '市场主体培育']);
    expect(await titles(`departmentId=${xzsp}`)).toEqual(['老旧小区加装电梯']);
    expect(await titles('sourceKind=instruction')).toEqual(['市场主体培育']);
    expect(await titles('light=red')).toEqual(['老旧小区加装电梯']);
    // Grouped by lead unit: the units in id order, so the two green items come in their units' order.
    expect(await titles('light=green&group=unit')).toEqual(zjj < scjg ? ['数字经济', '市场主体培育'] : ['市场主体培育', '数字经济']);
  });

  it('unit staff get only their unit’s items; bad filters are refused with a stable code', async () => {
    const own = await download(rt.app, 'scjg-handler', '/api/items/ledger.xlsx');
    expect(own.status, own.body.toString().slice(0, 300)).toBe(200);
    const rows = await sheet(own.body);
    expect(rows.slice(1).map((x) => x[1].replace(/（.*$/, ''))).toEqual(['市场主体培育']);
    const bad = await download(rt.app, 'supervisor', '/api/items/ledger.xlsx?group=colour');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.code).toBe('VALIDATION_FAILED');
  });

  it('Word: one table with a heading row per group', async () => {
    const r = await download(rt.app, 'leader', `/api/items/ledger.docx?group=leader`);
    expect(r.status).toBe(200);
    const text = docxText(r.body);
    expect(text).toContain('督办事项台账');
    expect(text).toContain('截至2026年3月2日');
    expect(text.indexOf('【责任领导：李市长】')).toBeLessThan(text.indexOf('数字经济'));
    expect(text.indexOf('【责任领导：王副市长】')).toBeGreaterThan(text.indexOf('市场主体培育'));
    expect(text).toContain('加装电梯 30/120台（25%）');
  });
});

describe('the dashboard', () => {
  it('counts by light, source and unit (red first), overdue milestones, within the viewer’s scope', async () => {
    const all = (await as.supervisor.get('/api/items/dashboard')).body;
    expect(all).toMatchObject({ open: 3, closed: 0, byLight: { red: 1, yellow: 0, green: 2 }, overdueMilestoneCount: 1 });
    expect(all.byUnit[0]).toMatchObject({ departmentId: zjj, red: 1, green: 1 });
    expect(all.bySource.find((s: any) => s.sourceKind === 'meeting')).toMatchObject({ name: '会议部署', red: 1 });
    expect(all.overdueMilestones[0]).toMatchObject({ itemId: ids.lift, milestone: '完成摸底调查', dueDate: '2026-02-28' });
    const mine = (await as['scjg-handler'].get('/api/items/dashboard')).body;
    expect(mine).toMatchObject({ open: 1, byLight: { green: 1, red: 0 } });
    expect(mine.byUnit.map((u: any) => u.departmentId)).toEqual([scjg]);
    const screen = (await as.leader.get('/api/items/screen')).body;
    expect(screen.items[0]).toMatchObject({ id: ids.lift, light: 'red', departmentName: '市住房和城乡建设局', progressShare: 0.125 });
  });
});
