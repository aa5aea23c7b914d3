import type { CellValue } from '../../domain/import/values.js';
import { AppError } from '../errors.js';

// Limits on what one import file may hold, checked while it is read so that nothing larger than a limit is ever
// held in memory: one hostile cell (a 900 MB string in an 11 MB .xlsx) used to freeze the server for minutes. The
// reader refuses the whole file at the first limit crossed (run-import.ts checks the whole file before writing, so
// nothing is half-imported). Each limit can be raised by an environment variable (docs/import.md).

export interface ImportLimits {
  /** Characters in one cell (Excel's own limit is 32,767). */
  maxCellChars: number;
  /** Characters in one row, all cells together. */
  maxRowChars: number;
  /** Cells in one row. */
  maxColumns: number;
  /** Rows in one file (title, header and blank rows included). */
  maxRows: number;
  /** Nesting of objects and arrays in one JSON record. */
  maxJsonDepth: number;
  /** Inflated bytes of an XLSX shared-string table (exceljs keeps it in memory while reading). */
  maxSharedStringsBytes: number;
  /** Heap of the reader's worker thread, in MB. */
  workerHeapMb: number;
  /** Time the reader may take to answer one step (open the file, or deliver the next rows), in ms. */
  stepTimeoutMs: number;
}

export const defaultImportLimits: ImportLimits = {
  maxCellChars: 32_767,
  maxRowChars: 256 * 1024,
  maxColumns: 1_000,
  maxRows: 5_000_000,
  maxJsonDepth: 20,
  maxSharedStringsBytes: 128 * 1024 * 1024,
  workerHeapMb: 512,
  stepTimeoutMs: 120_000,
};

const envNames: Record<keyof ImportLimits, string> = {
  maxCellChars: 'YIWANG_IMPORT_MAX_CELL_CHARS',
  maxRowChars: 'YIWANG_IMPORT_MAX_ROW_CHARS',
  maxColumns: 'YIWANG_IMPORT_MAX_COLUMNS',
  maxRows: 'YIWANG_IMPORT_MAX_ROWS',
  maxJsonDepth: 'YIWANG_IMPORT_MAX_JSON_DEPTH',
  maxSharedStringsBytes: 'YIWANG_IMPORT_MAX_SHARED_STRINGS_BYTES',
  workerHeapMb: 'YIWANG_IMPORT_WORKER_HEAP_MB',
  stepTimeoutMs: 'YIWANG_IMPORT_READ_TIMEOUT_MS',
};

/** The limits in force: defaults, each overridden by its environment variable when that is a positive number. */
export function importLimits(): ImportLimits {
  const out = { ...defaultImportLimits };
  for (const key of Object.keys(envNames) as (keyof ImportLimits)[]) {
    const v = Number(process.env[envNames[key]]);
    if (Number.isFinite(v) && v > 0) out[key] = Math.floor(v);
  }
  return out;
}

/** Bytes of XLSX XML that may hold one cell's text: UTF-8 (up to 4 bytes a character) and entities (`&amp;`). */
export function xmlBytesFor(chars: number): number {
  return chars * 8 + 4096;
}

/** Refuses a row past the cell, row or column limit. */
export function checkRow(rowNumber: number, cells: readonly CellValue[], limits: ImportLimits): void {
  if (cells.length > limits.maxColumns) {
    throw new AppError('IMPORT_ROW_TOO_LARGE', { rowNumber, limit: 'columns', columns: cells.length, maxColumns: limits.maxColumns });
  }
  let total = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c !== 'string') continue;
    if (c.length > limits.maxCellChars) {
      throw new AppError('IMPORT_CELL_TOO_LARGE', { rowNumber, column: i + 1, chars: c.length, maxCellChars: limits.maxCellChars });
    }
    total += c.length;
  }
  if (total > limits.maxRowChars) throw new AppError('IMPORT_ROW_TOO_LARGE', { rowNumber, limit: 'chars', chars: total, maxRowChars: limits.maxRowChars });
}

/** Rows of a cell source, each checked against the limits, and their number too. */
export async function* limitRows<R extends { rowNumber: number; cells: CellValue[] }>(
  rows: AsyncIterable<R>, limits: ImportLimits, onRow?: (rowNumber: number) => void,
): AsyncGenerator<R> {
  let n = 0;
  for await (const r of rows) {
    if (++n > limits.maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: limits.maxRows });
    checkRow(r.rowNumber, r.cells, limits);
    onRow?.(r.rowNumber);
    yield r;
  }
}

/** Characters one JSON record's text may have before it is parsed (escapes such as \u4e00 take six). */
export function maxJsonTextChars(limits: ImportLimits): number {
  return limits.maxRowChars * 4;
}

/** Throws when a JSON text being collected for one record is past its limit. */
export function checkJsonText(length: number, rowNumber: number, limits: ImportLimits): void {
  if (length > maxJsonTextChars(limits)) throw new AppError('IMPORT_ROW_TOO_LARGE', { rowNumber, limit: 'json', chars: length, maxChars: maxJsonTextChars(limits) });
}

/** Nesting of a parsed JSON value, without recursion (a deep value must not overflow the stack here either). */
export function checkJsonDepth(value: unknown, rowNumber: number, limits: ImportLimits): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > limits.maxJsonDepth) throw new AppError('IMPORT_NESTING_TOO_DEEP', { rowNumber, maxDepth: limits.maxJsonDepth });
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
}

export function nestingTooDeep(rowNumber: number, limits: ImportLimits): AppError {
  return new AppError('IMPORT_NESTING_TOO_DEEP', { rowNumber, maxDepth: limits.maxJsonDepth });
}
