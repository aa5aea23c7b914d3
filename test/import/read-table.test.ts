import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultImportLimits } from '../../src/server/import-file/limits.js';
import { readTable, readTableFromBuffer, readTableRows } from '../../src/server/import-file/read-table.js';

// The one plain-table reader (org tree, catalogue, accounts): same opening and limits as the case import.

const dir = mkdtempSync(path.join(tmpdir(), 'yw-read-table-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const codeOf = (p: Promise<unknown>) => p.then(() => 'none', (e: { code?: string }) => e.code);

describe('plain-table reader', () => {
  it('passes a title row to the accepted header, keys rows by it, trims and drops control characters', async () => {
    const p = file('units.csv', iconv.encode('2026 年单位表\n\n编码,名称,\n A01 ,市政府\u0007,x\n\n B02,办公室\n', 'gb18030'));
    const t = await readTable(p, { isHeader: (cells) => cells.includes('编码') });
    expect(t.headers).toEqual(['编码', '名称', '']);
    expect(t.rows).toEqual([
      { rowNumber: 4, values: { 编码: 'A01', 名称: '市政府' } },
      { rowNumber: 6, values: { 编码: 'B02', 名称: '办公室' } },
    ]);
    expect(await codeOf(readTable(p, { isHeader: () => false }))).toBe('IMPORT_NO_HEADER');
  });

  it('reads JSON Lines with their keys as the header and reports a broken line on its row', async () => {
    const p = file('people.jsonl', '{"姓名":"张三","账号":"zs"}\nnot json\n{"姓名":"李四","账号":"ls"}\n');
    const t = await readTable(p);
    expect(t.headers).toEqual(['姓名', '账号']);
    expect(t.rows.map((r) => [r.rowNumber, r.values.姓名 ?? null, r.error ?? null])).toEqual([[1, '张三', null], [2, '', '这一行不是有效的 JSON'], [3, '李四', null]]);
  });

  it('refuses formats the caller does not take, over-limit cells and empty files with stable codes', async () => {
    expect(await codeOf(readTable(file('a.json', '[{"a":1}]'), { formats: ['csv', 'xlsx'] }))).toBe('IMPORT_FORMAT_UNSUPPORTED');
    const limits = { ...defaultImportLimits, maxCellChars: 10 };
    expect(await codeOf(readTable(file('big.csv', `a,b\n1,${'x'.repeat(11)}\n`), { limits }))).toBe('IMPORT_CELL_TOO_LARGE');
    expect(await codeOf(readTable(file('empty.csv', '')))).toBe('IMPORT_FILE_EMPTY');
    expect(await codeOf(readTableFromBuffer(Buffer.from('a,b\n'), 'x.csv', { maxBytes: 2 }))).toBe('IMPORT_FILE_TOO_LARGE');
  });

  it('reads the first sheet of an upload held in memory, rich text and formulas as their text', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('类别');
    sheet.addRow(['类别表']);
    sheet.addRow(['类别编码', '类别名称']);
    sheet.addRow(['water', { richText: [{ text: '供水' }, { text: '保障' }] }]);
    sheet.addRow([{ formula: '"wa"&"ter.p"', result: 'water.p' }, '水压']);
    wb.addWorksheet('说明').addRow(['不读']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const t = await readTableFromBuffer(buffer, '类别.xlsx', { formats: ['csv', 'xlsx'], isHeader: (cells) => cells.includes('类别编码') });
    expect(t.rows).toEqual([
      { rowNumber: 3, values: { 类别编码: 'water', 类别名称: '供水保障' } },
      { rowNumber: 4, values: { 类别编码: 'water.p', 类别名称: '水压' } },
    ]);
    const rows = [];
    for await (const r of readTableRows(file('t.xlsx', buffer))) rows.push(r.cells);
    expect(rows[0]).toEqual(['类别表']);
  }, 30_000);
});
