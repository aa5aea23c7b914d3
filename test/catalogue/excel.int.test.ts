import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueColumns } from '../../src/contracts/catalogue.js';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Excel export and import of the catalogue: the export reads back in the import's columns; the dry run reports each
// row's problem in Chinese and writes nothing; the import then writes the good rows (and only those), with history
// and one admin audit entry.

let rt: TestRuntime;
let admin: Client;

beforeAll(async () => {
  rt = await testRuntime();
  admin = await loginAs(rt.app, 'admin');
});
afterAll(() => rt.close());

async function exported(): Promise<string[][]> {
  const r = await rt.app.inject({ method: 'GET', url: '/api/catalogue/export', headers: { cookie: await cookieOf() } });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toContain('spreadsheetml');
  expect(String(r.headers['content-disposition'])).toContain("filename*=UTF-8''%E9%97%AE%E9%A2%98%E7%B1%BB%E5%88%AB");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

let cookie = '';
async function cookieOf(): Promise<string> {
  if (!cookie) {
    const res = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Demo@2021' } });
    cookie = `yw_session=${res.cookies.find((c) => c.name === 'yw_session')!.value}`;
  }
  return cookie;
}

async function xlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('类别');
  ws.addRow(['衡阳市问题类别表']); // a title row before the header, as cities' sheets have
  ws.addRow([...catalogueColumns]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const counts = async () => {
  const db = rt.deps.database.db;
  const n = async (t: 'categories' | 'category_changes' | 'admin_audit') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { categories: await n('categories'), changes: await n('category_changes'), audit: await n('admin_audit') };
};

describe('catalogue Excel import and export', () => {
  let businessStart: string[] = [];

  it('exports every category in the import columns, parents before children', async () => {
    const rows = await exported();
    expect(rows[0]).toEqual([...catalogueColumns]);
    const permit = rows.find((r) => r[0] === 'approval.construction_permit')!;
    expect(permit).toEqual(['approval.construction_permit', '施工许可', 'approval', '投诉', '不限', '市住房和城乡建设局', '市行政审批服务局', '', '启用']);
    expect(rows.findIndex((r) => r[0] === 'approval')).toBeLessThan(rows.indexOf(permit));
    businessStart = rows.find((r) => r[0] === 'approval.business_start')!;
  });

  const file = () => xlsx([
    ['water', '供水保障', '', '投诉', '', '', '', '', ''],
    ['water.pressure', '水压不足', '供水保障', '投诉', '投诉、求助', '市住房和城乡建设局', '市人力资源和社会保障局', '获得用水用气、民生', '启用'],
    ['water.bad', '单位写错', 'water', '投诉', '', '市不存在局', '', '', ''],
    ['water.pressure', '重复编码', 'water', '投诉', '', '', '', '', ''],
    ['approval.construction_permit', '施工许可办理', 'approval', '投诉', '', '市住房和城乡建设局', '', '', '启用'],
    businessStart,
    ['water.kind', '类型不符', 'water', '咨询', '投诉', '', '', '', ''],
    ['fees', '涉企收费', '', '举报', '', '', '', '', '停用'],
    ['water.bad.child', '跟随错行', 'water.bad', '投诉', '', '', '', '', ''],
    ['water.status', '状态写错', 'water', '投诉', '', '', '', '', '暂停'],
  ]);

  const expected = [
    { rowNumber: 3, code: 'water', action: 'create', problems: [] },
    { rowNumber: 4, code: 'water.pressure', action: 'create', problems: [] },
    { rowNumber: 5, code: 'water.bad', action: 'error', problems: ['找不到默认牵头单位「市不存在局」'] },
    { rowNumber: 6, code: 'water.pressure', action: 'error', problems: ['类别编码 water.pressure 在第 4 行已出现'] },
    { rowNumber: 7, code: 'approval.construction_permit', action: 'update', problems: [] },
    { rowNumber: 8, code: 'approval.business_start', action: 'unchanged', problems: [] },
    { rowNumber: 9, code: 'water.kind', action: 'error', problems: ['默认诉求类型须在受理类型之内'] },
    { rowNumber: 10, code: 'fees', action: 'error', problems: ['该类别下还有启用的下级类别，请先停用或移走下级类别'] },
    { rowNumber: 11, code: 'water.bad.child', action: 'error', problems: ['上级类别 water.bad 所在行有误，本行未导入'] },
    { rowNumber: 12, code: 'water.status', action: 'error', problems: ['状态「暂停」无法识别（可填 启用 或 停用）'] },
  ];

  it('dry run: each row with its outcome or its problem in Chinese, and nothing written', async () => {
    const before = await counts();
    const r = await admin.post('/api/catalogue/import', { fileName: '类别.xlsx', contentBase64: await file(), dryRun: true });
    expect(r.status).toBe(200);
    expect(r.body.rows.map(({ name: _n, ...x }: any) => x)).toEqual(expected);
    expect(r.body).toMatchObject({ dryRun: true, created: 2, updated: 1, unchanged: 1, failed: 6 });
    expect(await counts()).toEqual(before);
  });

  it('import: the good rows are written with history and one audit entry; the export reads them back', async () => {
    const before = await counts();
    const r = await admin.post('/api/catalogue/import', { fileName: '类别.xlsx', contentBase64: await file(), dryRun: false });
    expect(r.body.rows.map(({ name: _n, ...x }: any) => x)).toEqual(expected);
    expect(await counts()).toEqual({ categories: before.categories + 2, changes: before.changes + 3, audit: before.audit + 1 });
    const audit = await rt.deps.database.db.selectFrom('admin_audit').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'category.import', target_name: '类别.xlsx', after: { created: 2, updated: 1, failed: 6, codes: ['water', 'water.pressure', 'approval.construction_permit'] } });

    const rows = await exported();
    expect(rows.find((x) => x[0] === 'water.pressure')).toEqual(['water.pressure', '水压不足', 'water', '投诉', '投诉、求助', '市住房和城乡建设局', '市人力资源和社会保障局', '获得用水用气、民生', '启用']);
    expect(rows.find((x) => x[0] === 'approval.construction_permit')![1]).toBe('施工许可办理');
    const list = (await admin.get('/api/catalogue')).body.items;
    const pressure = list.find((c: any) => c.code === 'water.pressure');
    expect(pressure).toMatchObject({ kind: 'complaint', acceptedKinds: ['complaint', 'help'], tags: ['获得用水用气', '民生'] });
    const detail = (await admin.get(`/api/catalogue/${pressure.id}`)).body;
    expect(detail.history).toEqual([expect.objectContaining({ action: 'import', reason: '由文件 类别.xlsx 导入', before: null })]);

    // The same file again: nothing left to do for the rows that were imported (and the one that was unchanged).
    const again = await admin.post('/api/catalogue/import', { fileName: '类别.xlsx', contentBase64: await file(), dryRun: true });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('reads a GB18030 CSV, and retires a group with its leaves in one file (children first)', async () => {
    const csv = [catalogueColumns.join(','), 'water.pressure,水压不足,water,投诉,投诉、求助,市住房和城乡建设局,市人力资源和社会保障局,获得用水用气、民生,停用', 'water,供水保障,,投诉,,,,,停用'].join('\r\n');
    const r = await admin.post('/api/catalogue/import', { fileName: 'catalogue.csv', contentBase64: iconv.encode(csv, 'gb18030').toString('base64'), dryRun: false });
    expect(r.body).toMatchObject({ updated: 2, failed: 0 });
    const list = (await admin.get('/api/catalogue')).body.items;
    expect(list.filter((c: any) => c.code.startsWith('water')).map((c: any) => c.isActive)).toEqual([false, false]);
  });

  it('refuses a file without the catalogue columns', async () => {
    const r = await admin.post('/api/catalogue/import', { fileName: 'x.csv', contentBase64: Buffer.from('标题,内容\n1,2\n').toString('base64'), dryRun: true });
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([422, 'CATEGORY_FILE_INVALID', '无法读取该文件，请上传 .xlsx 或 .csv 格式的类别表']);
  });
});
