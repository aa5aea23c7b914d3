/**
 * Reader of import files (CSV/TSV, XLSX, JSON array, JSON Lines), shared by the import area and the router (which
 * reads training/evaluation files through it); it sits below the areas so that neither depends on the other for it.
 * No database access.
 *
 *   import { readImportRecords, openImportFile } from '../../import-file/read-file.js';
 *
 *   for await (const row of readImportRecords('/path/12345.xlsx', { mapping })) {
 *     if (row.record) use(row.record);            // ImportRecord: title, description, createdAt, departmentName,
 *     else console.log(row.rowNumber, row.errors); //  categoryText, state, reply, rating, closedAt, ... (see below)
 *   }
 *
 *   const file = await openImportFile(path, opts); // file.info: format, encoding, headers, recognised columns
 *   for await (const row of file.rows) ...        // same rows as readImportRecords
 *
 * - `readImportRecords(filePath, { mapping?, source?, now?, maxBytes?, startAfterRow? })`:
 *   AsyncGenerator<ImportRow> where ImportRow = { rowNumber, record?, errors?, warnings?, externalId? }. Exactly one of `record`
 *   and `errors` is set. Blank rows are skipped (not yielded). `rowNumber` is the row as a spreadsheet shows it (the
 *   header is row 1 unless title rows precede it; JSON: the element's index from 1; JSON Lines: the line number).
 * - ImportRecord (src/domain/import/record.ts): externalId, key (externalId or `h:` content hash), title,
 *   description, createdAt (Date), departmentName, sourceStatus, state ('finished' | 'open' | 'rejected'), reply,
 *   repliedAt, rating ('satisfied' | 'basically' | 'unsatisfied' | null), closedAt, categoryText, subcategoryText,
 *   districtText, address, phone, submitterName, enterpriseName, fingerprint. Department and category are the
 *   source's text; resolve them with `resolve.ts` (needs the directory).
 * - Throws AppError before the first row when the file cannot be read at all: IMPORT_FILE_TOO_LARGE,
 *   IMPORT_FORMAT_UNSUPPORTED, IMPORT_ZIP_BOMB, IMPORT_XLSX_INVALID, IMPORT_JSON_INVALID, IMPORT_NO_HEADER,
 *   IMPORT_REQUIRED_COLUMNS, IMPORT_FILE_EMPTY, IMPORT_FILE_UNREADABLE.
 *
 * Memory stays flat: CSV and JSON Lines are parsed as streams, JSON arrays element by element, XLSX through
 * exceljs's streaming worksheet reader after the zip-bomb check (xlsx-sheet.ts).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import iconv from 'iconv-lite';
import type { ImportMapping } from '../../contracts/import.js';
import { importFieldLabels, importFields, locateHeader, recogniseHeaders, type ColumnMap, type ImportField } from '../../domain/import/fields.js';
import { isBlankRow, toImportRecord, type ImportRecord } from '../../domain/import/record.js';
import { cellText, type CellValue } from '../../domain/import/values.js';
import { AppError } from '../errors.js';
import { checkJsonDepth, checkJsonText, importLimits, limitRows, nestingTooDeep, type ImportLimits } from './limits.js';
import { checkXlsxArchive, defaultZipLimits } from './xlsx-guard.js';
import { firstSheetRows } from './xlsx-sheet.js';
import { xlsxPartInspector } from './xlsx-scan.js';

export type { ImportRecord } from '../../domain/import/record.js';

export type ImportFormat = 'csv' | 'xlsx' | 'json' | 'jsonl';

export interface ReadOptions {
  mapping?: ImportMapping;
  /** Name of the source system; recorded by callers, not needed to read. */
  source?: string;
  /** For the "later than now" check of dates; default the current time. */
  now?: Date;
  /** Refuse larger files (default YIWANG_IMPORT_MAX_BYTES or 2 GiB). */
  maxBytes?: number;
  /** Skip data rows up to and including this row number without building records (resuming a run). */
  startAfterRow?: number;
  /**
   * Inspecting an upload before a mapping is chosen: without a recognisable header the first row is taken as the
   * header, and missing required columns are not an error (the console then asks for a mapping).
   */
  lenient?: boolean;
  /** Per cell, row and file (limits.ts); default importLimits(). */
  limits?: ImportLimits;
  /** Called with each row read, skipped ones included (the reader's worker reports progress with it). */
  onRowRead?: (rowNumber: number) => void;
}

export interface ImportRow {
  rowNumber: number;
  record?: ImportRecord;
  errors?: string[];
  warnings?: string[];
  /** Rows with errors: the source's id, when the row has one. */
  externalId?: string | null;
}

export interface ImportFileInfo {
  format: ImportFormat;
  encoding: string;
  size: number;
  /** Header texts as read (two merged header rows joined into one text per column). */
  headers: string[];
  /** Row number of the (last) header row. */
  headerRow: number;
  columns: ColumnMap;
}

export interface ImportFile {
  info: ImportFileInfo;
  rows: AsyncGenerator<ImportRow>;
}

export function defaultMaxBytes(): number {
  const env = Number(process.env.YIWANG_IMPORT_MAX_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 2 * 1024 ** 3;
}

const headerScanRows = 10;

/**
 * Opens any import file up to its first cell, the one way every reader (case import, plain tables) starts: size and
 * emptiness, format by content, encoding, the zip-bomb guard and the XLSX part scan; `source.rows` then go through
 * `limitRows`. `formats` narrows what the caller accepts (IMPORT_FORMAT_UNSUPPORTED otherwise).
 */
export async function openCellSource(filePath: string, opts: { maxBytes?: number; limits?: ImportLimits; encoding?: string; formats?: readonly ImportFormat[] } = {}): Promise<{ format: ImportFormat; size: number; limits: ImportLimits; source: CellSource }> {
  let size: number;
  try {
    size = (await stat(filePath)).size;
  } catch (err) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  const maxBytes = opts.maxBytes ?? defaultMaxBytes();
  if (size > maxBytes) throw new AppError('IMPORT_FILE_TOO_LARGE', { size, maxBytes, message: `文件 ${formatBytes(size)}，上限 ${formatBytes(maxBytes)}` });
  if (size === 0) throw new AppError('IMPORT_FILE_EMPTY');
  const head = await readHead(filePath, 64 * 1024);
  const format = detectFormat(head, filePath);
  if (opts.formats && !opts.formats.includes(format)) throw new AppError('IMPORT_FORMAT_UNSUPPORTED', { format });
  const limits = opts.limits ?? importLimits();
  const source = format === 'xlsx' ? await xlsxCells(filePath, size, limits) : textCells(filePath, format, head, limits, opts.encoding);
  return { format, size, limits, source };
}

/** The message of a row the format itself could not read (a JSON Lines line that is not JSON), else null. */
export function rowErrorOf(cells: readonly CellValue[]): string | null {
  return cells.length === 1 && typeof cells[0] === 'object' && cells[0] instanceof RowError ? cells[0].message : null;
}


/** Reads a file's records row by row. See the top of this file. */
export async function* readImportRecords(filePath: string, opts: ReadOptions = {}): AsyncGenerator<ImportRow> {
  const file = await openImportFile(filePath, opts);
  yield* file.rows;
}

/** Opens a file, finds its header and recognises its columns; `rows` then yields its records. */
export async function openImportFile(filePath: string, opts: ReadOptions = {}): Promise<ImportFile> {
  const { format, size, limits, source } = await openCellSource(filePath, { maxBytes: opts.maxBytes, limits: opts.limits, encoding: opts.mapping?.encoding });
  const cells = limitRows(source.rows, limits, opts.onRowRead)[Symbol.asyncIterator]();

  // Buffer the first rows to find the header (title rows and merged header cells come first in spreadsheets).
  const first: { rowNumber: number; cells: CellValue[] }[] = [];
  while (first.length < headerScanRows) {
    const n = await cells.next();
    if (n.done) break;
    if (!isBlankRow(n.value.cells)) first.push(n.value);
  }
  if (!first.length) throw new AppError('IMPORT_FILE_EMPTY');
  let headers: string[];
  let dataStart: number;
  if (source.headers) {
    headers = source.headers;
    dataStart = 0;
  } else {
    const mapped = Object.values(opts.mapping?.columns ?? {}).filter((h): h is string => typeof h === 'string');
    const located = locateHeader(first.map((r) => r.cells.map(cellText)), mapped);
    if (!located && !opts.lenient) {
      await cells.return?.(undefined);
      throw new AppError('IMPORT_NO_HEADER', { firstRow: first[0].cells.map(cellText).slice(0, 20) });
    }
    headers = located?.headers ?? first[0].cells.map(cellText);
    dataStart = located?.dataStart ?? 1;
  }
  const columns = recogniseHeaders(headers, { columns: opts.mapping?.columns });
  if (!opts.lenient && (columns.createdAt === undefined || (columns.title === undefined && columns.description === undefined))) {
    await cells.return?.(undefined);
    throw new AppError('IMPORT_REQUIRED_COLUMNS', { headers, recognised: describeColumns(headers, columns) });
  }
  const info: ImportFileInfo = {
    format, encoding: source.encoding, size, headers, columns,
    headerRow: dataStart > 0 ? first[dataStart - 1].rowNumber : 0,
  };
  const now = opts.now ?? new Date();
  const recordOpts = { now, utcOffsetMinutes: opts.mapping?.utcOffsetMinutes, dayFirst: opts.mapping?.dayFirst };
  const startAfter = opts.startAfterRow ?? 0;
  const buffered = first.slice(dataStart);

  async function* rows(): AsyncGenerator<ImportRow> {
    const toRow = (r: { rowNumber: number; cells: CellValue[] }): ImportRow | null => {
      if (r.rowNumber <= startAfter || isBlankRow(r.cells)) return null;
      const unreadable = rowErrorOf(r.cells);
      if (unreadable) {
        return { rowNumber: r.rowNumber, errors: [unreadable] };
      }
      const cleaned = withoutControlChars(r.cells);
      const result = toImportRecord(cleaned.cells, columns, recordOpts);
      if (cleaned.changed) result.warnings = [...(result.warnings ?? []), '已删除单元格中的无效控制字符'];
      return result.record
        ? { rowNumber: r.rowNumber, record: result.record, warnings: result.warnings }
        : { rowNumber: r.rowNumber, errors: result.errors, warnings: result.warnings, externalId: result.externalId ?? null };
    };
    try {
      for (const r of buffered) {
        const row = toRow(r);
        if (row) yield row;
      }
      for (;;) {
        const n = await cells.next();
        if (n.done) break;
        const row = toRow(n.value);
        if (row) yield row;
      }
    } finally {
      await cells.return?.(undefined);
    }
  }
  return { info, rows: rows() };
}

/** The recognised columns in words, for reports and the console. */
export function describeColumns(headers: readonly string[], columns: ColumnMap): { index: number; header: string; field: ImportField | null; label: string | null }[] {
  const byIndex = new Map<number, ImportField>();
  for (const f of importFields) if (columns[f] !== undefined) byIndex.set(columns[f]!, f);
  return headers.map((header, index) => {
    const field = byIndex.get(index) ?? null;
    return { index, header, field, label: field ? importFieldLabels[field] : null };
  });
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`;
}

export async function readHead(filePath: string, n: number): Promise<Buffer> {
  const fh = await open(filePath, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** By content first (a renamed file is still read right), the name only to tell JSON Lines from CSV. */
export function detectFormat(head: Buffer, filePath: string): ImportFormat {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) throw new AppError('IMPORT_FORMAT_UNSUPPORTED', { reason: 'xls' });
  if (head.subarray(0, 1024).includes(0) && !isUtf16(head)) throw new AppError('IMPORT_FORMAT_UNSUPPORTED', { reason: 'binary' });
  const text = decodeHead(head, detectEncoding(head)).replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) return 'jsonl';
  if (/\.(xlsx|xlsm)$/i.test(filePath)) throw new AppError('IMPORT_XLSX_INVALID', { reason: 'not a zip archive' });
  return 'csv';
}

function isUtf16(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** BOM, else valid UTF-8, else GB18030 (a superset of GBK and GB2312, what Chinese Excel writes CSV in). */
export function detectEncoding(head: Buffer, override?: string): string {
  if (override) {
    if (!iconv.encodingExists(override)) throw new AppError('IMPORT_MAPPING_INVALID', { encoding: override });
    return override.toLowerCase();
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // The sample may end inside a character: drop up to three trailing bytes of an incomplete UTF-8 sequence.
  let end = head.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = head[end - i];
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function decodeHead(head: Buffer, encoding: string): string {
  return encoding === 'utf-8' ? head.toString('utf8') : iconv.decode(head, encoding);
}

/** A row the format itself could not read (a JSON Lines line that is not JSON). */
class RowError {
  constructor(readonly message: string) {}
}

export interface CellSource {
  encoding: string;
  /** Known headers (JSON keys); null when the header is the first rows of the table. */
  headers: string[] | null;
  rows: AsyncIterable<{ rowNumber: number; cells: CellValue[] }>;
}

function decodedStream(filePath: string, encoding: string): Readable {
  const raw = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  if (encoding === 'utf-8') return raw;
  const decoded = raw.pipe(iconv.decodeStream(encoding, { stripBOM: true })) as unknown as Readable;
  raw.on('error', (err) => decoded.destroy(err));
  decoded.on('close', () => raw.destroy());
  return decoded;
}

export function textCells(filePath: string, format: 'csv' | 'json' | 'jsonl', head: Buffer, limits: ImportLimits, encodingOverride?: string): CellSource {
  const encoding = detectEncoding(head, encodingOverride);
  if (format === 'csv') return { encoding, headers: null, rows: csvRows(filePath, encoding, decodeHead(head, encoding), limits) };
  return jsonSource(filePath, encoding, format, limits);
}

/** Comma, tab, semicolon or bar: whichever the first line has most of outside quotes. */
export function detectDelimiter(sample: string): string {
  const line = sample.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const counts = new Map<string, number>([[',', 0], ['\t', 0], [';', 0], ['|', 0]]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

async function* csvRows(filePath: string, encoding: string, sample: string, limits: ImportLimits): AsyncGenerator<{ rowNumber: number; cells: CellValue[] }> {
  const parser = parseCsv({
    delimiter: detectDelimiter(sample), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false,
    max_record_size: limits.maxRowChars,
  });
  const input = decodedStream(filePath, encoding);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let rowNumber = 0;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells: rec };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw new AppError('IMPORT_ROW_TOO_LARGE', { rowNumber: rowNumber + 1, limit: 'chars', maxRowChars: limits.maxRowChars });
    throw new AppError('IMPORT_FILE_UNREADABLE', { rowNumber: rowNumber + 1, reason: (err as Error).message });
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** Nested objects become dotted keys (location.borough); arrays are joined. */
function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, CellValue> = {}): Record<string, CellValue> {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else if (Array.isArray(v)) out[key] = v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('；');
    else out[key] = v as CellValue;
  }
  return out;
}

function jsonSource(filePath: string, encoding: string, format: 'json' | 'jsonl', limits: ImportLimits): CellSource {
  // JSON objects carry their own keys: the header is the union of the first objects' keys.
  const keys: string[] = [];
  const keySet = new Set<string>();
  const objects = format === 'json' ? jsonArrayElements(filePath, encoding, limits) : jsonLines(filePath, encoding, limits);
  const iterator = objects[Symbol.asyncIterator]();
  const peeked: { rowNumber: number; value: unknown }[] = [];
  const source: CellSource = {
    encoding,
    headers: keys,
    rows: {
      async *[Symbol.asyncIterator]() {
        try {
          const emit = (o: { rowNumber: number; value: unknown }): { rowNumber: number; cells: CellValue[] } => {
            if (o.value instanceof RowError) return { rowNumber: o.rowNumber, cells: [o.value as unknown as CellValue] };
            if (!o.value || typeof o.value !== 'object' || Array.isArray(o.value)) {
              return { rowNumber: o.rowNumber, cells: [new RowError('不是 JSON 对象') as unknown as CellValue] };
            }
            const flat = flatten(o.value as Record<string, unknown>);
            return { rowNumber: o.rowNumber, cells: keys.map((k) => flat[k]) };
          };
          for (const o of peeked) yield emit(o);
          for (;;) {
            const n = await iterator.next();
            if (n.done) break;
            yield emit(n.value);
          }
        } finally {
          await iterator.return?.(undefined);
        }
      },
    },
  };
  // Headers must be known before the first row is built: peek at the first 200 objects.
  const ready = (async () => {
    while (peeked.length < 200) {
      const n = await iterator.next();
      if (n.done) break;
      peeked.push(n.value);
      if (n.value.value && typeof n.value.value === 'object' && !(n.value.value instanceof RowError)) {
        for (const k of Object.keys(flatten(n.value.value as Record<string, unknown>))) if (!keySet.has(k)) {
          keySet.add(k);
          keys.push(k);
        }
      }
    }
  })();
  const rows = source.rows;
  source.rows = {
    async *[Symbol.asyncIterator]() {
      await ready;
      yield* rows;
    },
  };
  return source;
}

async function* jsonLines(filePath: string, encoding: string, limits: ImportLimits): AsyncGenerator<{ rowNumber: number; value: unknown }> {
  const input = decodedStream(filePath, encoding);
  input.setEncoding?.('utf8');
  let rest = '';
  let line = 0;
  const parseLine = (text: string) => {
    line++;
    const t = text.replace(/^\uFEFF/, '').trim();
    if (!t) return null;
    let value: unknown;
    try {
      value = JSON.parse(t) as unknown;
    } catch {
      return { rowNumber: line, value: new RowError('这一行不是有效的 JSON') };
    }
    checkJsonDepth(value, line, limits);
    return { rowNumber: line, value };
  };
  try {
    for await (const chunk of input) {
      rest += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      let i: number;
      while ((i = rest.indexOf('\n')) >= 0) {
        const r = parseLine(rest.slice(0, i));
        rest = rest.slice(i + 1);
        if (r) yield r;
      }
      checkJsonText(rest.length, line + 1, limits);
    }
    const r = parseLine(rest);
    if (r) yield r;
  } finally {
    input.destroy();
  }
}

/** Elements of a top-level JSON array, one at a time: a scanner tracks depth and strings, JSON.parse does the rest. */
async function* jsonArrayElements(filePath: string, encoding: string, limits: ImportLimits): AsyncGenerator<{ rowNumber: number; value: unknown }> {
  const input = decodedStream(filePath, encoding);
  input.setEncoding?.('utf8');
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let buf = '';
  let index = 0;
  try {
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      let from = 0;
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (!started) {
          if (ch === 0x5b) {
            started = true;
            from = i + 1;
          } else if (ch !== 0xfeff && ch > 0x20) throw new AppError('IMPORT_JSON_INVALID', { reason: '文件应以 [ 开头' });
          continue;
        }
        if (ended) {
          if (ch > 0x20) throw new AppError('IMPORT_JSON_INVALID', { reason: '数组结束后还有内容' });
          continue;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === 0x5c) escaped = true;
          else if (ch === 0x22) inString = false;
          continue;
        }
        if (ch === 0x22) inString = true;
        else if (ch === 0x7b || ch === 0x5b) {
          if (++depth > limits.maxJsonDepth) throw nestingTooDeep(index + 1, limits);
        } else if (ch === 0x7d || ch === 0x5d) {
          if (depth === 0) {
            // The closing ] of the top-level array.
            const last = (buf + text.slice(from, i)).trim();
            buf = '';
            if (last) yield element(last, ++index);
            ended = true;
            continue;
          }
          depth--;
        } else if (ch === 0x2c && depth === 0) {
          const el = (buf + text.slice(from, i)).trim();
          buf = '';
          from = i + 1;
          yield element(el, ++index);
        }
      }
      if (started && !ended) buf += text.slice(from);
      checkJsonText(buf.length, index + 1, limits);
    }
    if (!started || !ended) throw new AppError('IMPORT_JSON_INVALID', { reason: started ? '数组没有结束（文件不完整？）' : '文件应以 [ 开头' });
  } finally {
    input.destroy();
  }
}

function element(text: string, rowNumber: number): { rowNumber: number; value: unknown } {
  try {
    return { rowNumber, value: JSON.parse(text) as unknown };
  } catch {
    return { rowNumber, value: new RowError('这一项不是有效的 JSON') };
  }
}

/** exceljs cell values → plain values: rich text joined, formula results, hyperlink texts, errors as empty. */
function plainCell(v: unknown): CellValue {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown; formula?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if (o.text !== undefined) return plainCell(o.text);
    if (o.error !== undefined) return null;
  }
  return String(v);
}

export async function xlsxCells(filePath: string, size: number, limits: ImportLimits): Promise<CellSource> {
  await checkXlsxArchive(filePath, size, defaultZipLimits, xlsxPartInspector(limits));
  return {
    encoding: 'xlsx',
    headers: null,
    rows: {
      async *[Symbol.asyncIterator]() {
        try {
          for await (const row of firstSheetRows(filePath)) {
            const values = row.values as unknown[];
            const cells: CellValue[] = [];
            for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
            yield { rowNumber: row.number, cells };
          }
        } catch (err) {
          if (err instanceof AppError) throw err;
          throw new AppError('IMPORT_XLSX_INVALID', { reason: (err as Error).message });
        }
      },
    },
  };
}

// NUL and the other C0 controls (tab, line feed and carriage return aside) mean nothing in text, and PostgreSQL
// refuses NUL in text and jsonb: one such byte would fail the whole batch's statement. They are dropped per cell.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function withoutControlChars(cells: CellValue[]): { cells: CellValue[]; changed: boolean } {
  let changed = false;
  const out = cells.map((c) => {
    if (typeof c !== 'string' || !controlChars.test(c)) return c;
    controlChars.lastIndex = 0;
    changed = true;
    return c.replace(controlChars, '');
  });
  return { cells: out, changed };
}
