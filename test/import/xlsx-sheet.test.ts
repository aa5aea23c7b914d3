import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { firstSheetRows } from '../../src/server/import-file/xlsx-sheet.js';
import { storedZip as zip } from '../kit/zip.js';

// The XLSX reader opens the archive by its central directory and reads the parts in the order the sheet needs them,
// whatever order they are stored in: exceljs's one-pass reader failed now and then on files exceljs itself wrote
// (workbook.xml stored last; exceljs issue #3064), which CI hit twice in one run.

const dir = mkdtempSync(path.join(tmpdir(), 'yw-xlsx-sheet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rowsOf = async (file: string) => {
  const rows: unknown[][] = [];
  for await (const row of firstSheetRows(file)) rows.push((row.values as unknown[]).slice(1));
  return rows;
};

const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const sheetXml = (rows: string[][]) => `<worksheet ${ns}><sheetData>${rows.map((r, i) =>
  `<row r="${i + 1}">${r.map((c, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`).join('')}</sheetData></worksheet>`;

describe('XLSX first-sheet reader', () => {
  it('reads the first tab as the workbook orders its tabs, with workbook.xml stored last, not the first sheet part', async () => {
    const file = path.join(dir, 'tabs.xlsx');
    writeFileSync(file, zip([
      ['xl/worksheets/sheet1.xml', sheetXml([['说明：本表由系统导出']])],
      ['xl/worksheets/sheet2.xml', sheetXml([['编码', '名称'], ['A01', '市政府']])],
      ['xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        + '</Relationships>'],
      ['xl/workbook.xml', `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`
        + '<sheets><sheet name="数据" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>'],
    ]));
    expect(await rowsOf(file)).toEqual([['编码', '名称'], ['A01', '市政府']]);
  });

  it('reads every row of files exceljs writes, many at once, and stops early', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('类别');
    ws.addRow(['衡阳市问题类别表']);
    for (let i = 0; i < 200; i++) ws.addRow([`code.${i}`, `类别${i}`, i]);
    wb.addWorksheet('备注').addRow(['另一张表']);
    const file = path.join(dir, 'exceljs.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const counts = await Promise.all(Array.from({ length: 60 }, async () => (await rowsOf(file)).length));
    expect(new Set(counts)).toEqual(new Set([201]));
    for await (const row of firstSheetRows(file)) {
      expect(row.values).toEqual([undefined, '衡阳市问题类别表']);
      break;
    }
  });

  it('refuses an archive without a workbook with the import code', async () => {
    const file = path.join(dir, 'no-book.xlsx');
    writeFileSync(file, zip([['xl/worksheets/sheet1.xml', sheetXml([['a']])]]));
    await expect(rowsOf(file)).rejects.toMatchObject({ code: 'IMPORT_XLSX_INVALID' });
  });
});
