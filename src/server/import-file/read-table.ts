import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { cellText, type CellValue } from '../../domain/import/values.js';
import { AppError } from '../errors.js';
import { detectEncoding, detectFormat } from './read-file.js';
import { checkXlsxArchive, defaultZipLimits } from './xlsx-guard.js';

/**
 * A small reference table (the catalogue, a unit list) read whole from an uploaded .xlsx or .csv: the first sheet's
 * header row (the first row that names one of `expected`) and its data rows as text, with the row numbers a
 * spreadsheet shows. The same format detection, encodings (UTF-8/GB18030) and zip-bomb guard as the case import;
 * unlike it, the whole table is in memory, so the caller keeps `maxBytes` small.
 */
export interface TableRows {
  headers: string[];
  rows: { rowNumber: number; cells: Record<string, string> }[];
}

export async function readTable(buffer: Buffer, fileName: string, expected: readonly string[], maxBytes = 5 * 1024 * 1024): Promise<TableRows> {
  if (buffer.length === 0) throw new AppError('IMPORT_FILE_EMPTY');
  if (buffer.length > maxBytes) throw new AppError('IMPORT_FILE_TOO_LARGE', { size: buffer.length, maxBytes });
  const format = detectFormat(buffer.subarray(0, 64 * 1024), fileName);
  let raw: { rowNumber: number; cells: string[] }[];
  if (format === 'xlsx') raw = await xlsxRows(buffer);
  else if (format === 'csv') {
    const text = iconv.decode(buffer, detectEncoding(buffer.subarray(0, 64 * 1024))).replace(/^\uFEFF/, '');
    const records = parseCsv(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
    raw = records.map((cells, i) => ({ rowNumber: i + 1, cells }));
  } else throw new AppError('IMPORT_FORMAT_UNSUPPORTED', { reason: format });
  const headerAt = raw.findIndex((r) => r.cells.some((c) => expected.includes(c.trim())));
  if (headerAt < 0) throw new AppError('IMPORT_NO_HEADER', { expected });
  const headers = raw[headerAt].cells.map((c) => c.trim());
  const rows = raw.slice(headerAt + 1)
    .filter((r) => r.cells.some((c) => c.trim() !== ''))
    .map((r) => ({ rowNumber: r.rowNumber, cells: Object.fromEntries(headers.map((h, i) => [h, (r.cells[i] ?? '').trim()])) }));
  return { headers, rows };
}

async function xlsxRows(buffer: Buffer): Promise<{ rowNumber: number; cells: string[] }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'yw-table-'));
  try {
    const file = join(dir, 'upload.xlsx');
    await writeFile(file, buffer);
    await checkXlsxArchive(file, buffer.length, { ...defaultZipLimits, maxTotalBytes: 64 * 1024 * 1024 });
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    } catch (err) {
      throw new AppError('IMPORT_XLSX_INVALID', { reason: (err as Error).message });
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw new AppError('IMPORT_FILE_EMPTY');
    const out: { rowNumber: number; cells: string[] }[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(plain(values[i])));
      out.push({ rowNumber: row.number, cells });
    });
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rich text, formulas and hyperlinks read as their text. */
function plain(v: unknown): CellValue {
  if (v == null || typeof v !== 'object' || v instanceof Date) return v as CellValue;
  const o = v as { richText?: { text: string }[]; result?: unknown; text?: string };
  if (o.richText) return o.richText.map((t) => t.text).join('');
  if ('result' in o) return plain(o.result);
  if (typeof o.text === 'string') return o.text;
  return String(v);
}
