/**
 * THE reader of plain tables (the organisation tree, the catalogue, the account list): files that are not cases, whose
 * columns the caller names itself. It opens the file the way the case import does (`openCellSource`: size, format by
 * content, UTF-8/GB18030, the zip-bomb guard and the XLSX part scan) and reads every row through the same limits
 * (`limitRows`, docs/adr/0011). Blank rows are skipped, cells come back as trimmed text without control characters.
 *
 *   for await (const r of readTableRows(path, { formats: ['csv', 'xlsx'] })) r.cells   // rows as cell texts
 *   const table = await readTable(path, { isHeader })                                 // header + rows by header
 *   const table = await readTableFromBuffer(buffer, fileName, { isHeader, maxBytes })   // an upload sent as base64
 *
 * These tables are read in the request's process, not in the case import's worker thread: they are small (the routes
 * cap them at a few MB) and held whole in memory anyway, and the per-cell, per-row and archive limits already bound
 * what one file can cost. The case import reads files of up to gigabytes, hence its worker (ADR 0011).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { isBlankRow } from '../../domain/import/record.js';
import { cellText, type CellValue } from '../../domain/import/values.js';
import { AppError } from '../errors.js';
import { limitRows, type ImportLimits } from './limits.js';
import { openCellSource, rowErrorOf, withoutControlChars, type ImportFormat } from './read-file.js';

export interface TableReadOptions {
  /** Refuse larger files (default YIWANG_IMPORT_MAX_BYTES or 2 GiB; the routes pass their own, smaller cap). */
  maxBytes?: number;
  /** Per cell, row and file (limits.ts); default importLimits(). */
  limits?: ImportLimits;
  /** Formats the caller accepts; default all the case import reads (CSV/TSV, XLSX, JSON, JSON Lines). */
  formats?: readonly ImportFormat[];
}

export interface TableRow {
  /** The row as a spreadsheet shows it (JSON: the element's index from 1; JSON Lines: the line number). */
  rowNumber: number;
  /** Cell texts, trimmed. */
  cells: string[];
  /** Set when the format itself could not read the row (a JSON Lines line that is not JSON); `cells` is then empty. */
  error?: string;
}

export interface Table {
  /** The header row's texts (JSON: the keys of the first objects). */
  headers: string[];
  /** Rows after the header, cell texts by header (a column without a header is left out). */
  rows: { rowNumber: number; values: Record<string, string>; error?: string }[];
}

/** The non-blank rows of a table file, one at a time. */
export async function* readTableRows(filePath: string, opts: TableReadOptions = {}): AsyncGenerator<TableRow> {
  const { limits, source } = await openCellSource(filePath, opts);
  // JSON carries its keys: they are the header row.
  if (source.headers) {
    const rows = source.rows[Symbol.asyncIterator]();
    const first = await rows.next();
    yield { rowNumber: 0, cells: source.headers.map((h) => h.trim()) };
    if (!first.done) yield* tableRows(limitRows(prepend(first.value, rows), limits));
    return;
  }
  yield* tableRows(limitRows(source.rows, limits));
}

async function* tableRows(rows: AsyncIterable<{ rowNumber: number; cells: CellValue[] }>): AsyncGenerator<TableRow> {
  for await (const r of rows) {
    if (isBlankRow(r.cells)) continue;
    const error = rowErrorOf(r.cells);
    if (error) yield { rowNumber: r.rowNumber, cells: [], error };
    else yield { rowNumber: r.rowNumber, cells: withoutControlChars(r.cells).cells.map((c) => cellText(c).trim()) };
  }
}

async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (;;) {
    const n = await rest.next();
    if (n.done) return;
    yield n.value;
  }
}

/**
 * The whole table: the header is the first row `isHeader` accepts (default: the first non-blank row; rows before it,
 * such as a title, are passed over), the later rows are keyed by its texts. IMPORT_NO_HEADER when no row is accepted,
 * IMPORT_FILE_EMPTY when the file has no row at all.
 */
export async function readTable(filePath: string, opts: TableReadOptions & { isHeader?: (cells: string[]) => boolean } = {}): Promise<Table> {
  const isHeader = opts.isHeader ?? (() => true);
  let headers: string[] | null = null;
  let seen = 0;
  const rows: Table['rows'] = [];
  for await (const r of readTableRows(filePath, opts)) {
    seen++;
    if (!headers) {
      if (!r.error && isHeader(r.cells)) headers = r.cells;
      continue;
    }
    const values: Record<string, string> = {};
    headers.forEach((h, i) => { if (h) values[h] = r.cells[i] ?? ''; });
    rows.push(r.error ? { rowNumber: r.rowNumber, values, error: r.error } : { rowNumber: r.rowNumber, values });
  }
  if (!seen) throw new AppError('IMPORT_FILE_EMPTY');
  if (!headers) throw new AppError('IMPORT_NO_HEADER');
  return { headers, rows };
}

/** `readTable` on an upload held in memory: written to a private temporary file (format detection and the zip guard read files). */
export async function readTableFromBuffer(buffer: Buffer, fileName: string, opts: TableReadOptions & { isHeader?: (cells: string[]) => boolean } = {}): Promise<Table> {
  if (buffer.length === 0) throw new AppError('IMPORT_FILE_EMPTY');
  const maxBytes = opts.maxBytes;
  if (maxBytes !== undefined && buffer.length > maxBytes) throw new AppError('IMPORT_FILE_TOO_LARGE', { size: buffer.length, maxBytes });
  const dir = await mkdtemp(join(tmpdir(), 'yw-table-'));
  try {
    // Only the ending is kept from the sender's name: it tells a broken .xlsx from a CSV.
    const ending = /^\.[A-Za-z0-9]{1,6}$/.test(extname(fileName)) ? extname(fileName) : '';
    const file = join(dir, `upload${ending}`);
    await writeFile(file, buffer);
    return await readTable(file, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
