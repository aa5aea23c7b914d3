/**
 * A plain table from an import file (CSV/TSV, XLSX, JSON): the first non-blank row is the header, every later
 * non-blank row its cells as trimmed text. For small reference tables (accounts, units, categories) whose columns
 * the caller names itself; the case import's column recognition (read-file.ts) is not involved. Same guards as the
 * case import: size, zip bomb, cell and row limits.
 */
import { stat } from 'node:fs/promises';
import { isBlankRow } from '../../domain/import/record.js';
import { cellText } from '../../domain/import/values.js';
import { AppError } from '../errors.js';
import { importLimits, limitRows } from './limits.js';
import { defaultMaxBytes, detectFormat, readHead, textCells, xlsxCells } from './read-file.js';

export interface TableRow {
  /** The row as a spreadsheet shows it (header is row 1 when nothing precedes it). */
  rowNumber: number;
  /** Cell texts by header. */
  values: Record<string, string>;
}

export interface ReadTable {
  headers: string[];
  rows: TableRow[];
}

/** Reads the whole table into memory (tens of thousands of rows of a few short columns). */
export async function readTable(filePath: string, opts: { maxBytes?: number } = {}): Promise<ReadTable> {
  let size: number;
  try {
    size = (await stat(filePath)).size;
  } catch (err) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  const maxBytes = opts.maxBytes ?? defaultMaxBytes();
  if (size > maxBytes) throw new AppError('IMPORT_FILE_TOO_LARGE', { size, maxBytes });
  if (size === 0) throw new AppError('IMPORT_FILE_EMPTY');
  const head = await readHead(filePath, 64 * 1024);
  const format = detectFormat(head, filePath);
  const limits = importLimits();
  const source = format === 'xlsx' ? await xlsxCells(filePath, size, limits) : textCells(filePath, format, head, limits);
  let headers: string[] | null = source.headers;
  const rows: TableRow[] = [];
  for await (const r of limitRows(source.rows, limits)) {
    if (isBlankRow(r.cells)) continue;
    const texts = r.cells.map((c) => cellText(c));
    if (!headers) {
      headers = texts;
      continue;
    }
    const values: Record<string, string> = {};
    headers.forEach((h, i) => { if (h) values[h] = texts[i] ?? ''; });
    rows.push({ rowNumber: r.rowNumber, values });
  }
  if (!headers) throw new AppError('IMPORT_FILE_EMPTY');
  return { headers, rows };
}
