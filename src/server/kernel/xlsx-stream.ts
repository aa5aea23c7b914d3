import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { contentDisposition, excelLocal, safeCell, xlsxType } from './file-reply.js';

// Every list's 导出: one streamed workbook writer. Rows arrive in pages (each list's own keyset pages, with the
// list's own filters and the caller's scope), are written and committed row by row and never held together, so an
// export of 100,000 rows keeps memory flat (bench/export.ts measures it).

/** A cell: text (formula-safe), a number, an instant (a real Excel date in Beijing wall time) or empty. */
export type ExportCell = string | number | Date | null | undefined;

export interface ExportColumn<T> {
  header: string;
  /** Width in characters (a Chinese character counts about two). */
  width: number;
  value(row: T): ExportCell;
  /** How an instant shows: date and time (default) or the date alone. */
  date?: 'datetime' | 'date';
}

export interface XlsxExport<T> {
  sheetName: string;
  columns: ExportColumn<T>[];
  /** The rows, page after page. */
  pages: AsyncIterable<T[]>;
  creator?: string;
}

const dateFormats = { datetime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd' } as const;

function cellOf(v: ExportCell): string | number | Date | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return excelLocal(v);
  if (typeof v === 'string') return safeCell(v);
  return v;
}

/** Column letters for the header's filter (A … Z, AA …). */
function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * Writes the workbook to `out` (bold frozen header with a filter, widths, dates as dates) and resolves with the number
 * of rows written. Between pages it waits while `out` is full, so a slow reader slows the database reads instead of
 * filling memory.
 */
export async function writeXlsx<T>(out: Writable, x: XlsxExport<T>): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = x.creator ?? '一网督办';
  const ws = wb.addWorksheet(x.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = x.columns.map((c, i) => ({
    key: String(i), width: c.width, style: c.date ? { numFmt: dateFormats[c.date] } : {},
  }));
  const header = ws.addRow(x.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  ws.autoFilter = { from: 'A1', to: `${columnLetter(x.columns.length)}1` };
  let n = 0;
  for await (const page of x.pages) {
    for (const row of page) {
      ws.addRow(x.columns.map((c) => cellOf(c.value(row)))).commit();
      n++;
    }
    if (out.writableNeedDrain) await once(out, 'drain');
    // Let the zip stream take what was written before the next page is read.
    await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
  return n;
}

/**
 * Sends a streamed workbook. The first page is read before anything is sent, so a refused filter or scope is an
 * ordinary error answer; a failure after that aborts the download (a half file is never offered as complete).
 */
export async function sendXlsx<T>(reply: FastifyReply, fileName: string, asciiFallback: string, x: XlsxExport<T>): Promise<FastifyReply> {
  const it = x.pages[Symbol.asyncIterator]();
  const first = await it.next();
  async function* pages(): AsyncIterable<T[]> {
    if (first.done) return;
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const body = new PassThrough();
  writeXlsx(body, { ...x, pages: pages() }).catch((err) => {
    reply.log.error({ err }, 'export failed while streaming');
    body.destroy(err as Error);
  });
  return reply.header('content-type', xlsxType).header('content-disposition', contentDisposition(fileName, asciiFallback))
    .header('cache-control', 'no-store').send(body);
}

/** A keyset-paged list read page after page through its own query function, until it has no next cursor. */
export async function* keysetPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncIterable<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const p = await page(cursor);
    yield p.items;
    if (!p.nextCursor) return;
    cursor = p.nextCursor;
  }
}

/** An offset-paged list (bounded lists such as an assessment drill-down) read page after page. */
export async function* offsetPages<T>(pageSize: number, page: (offset: number, limit: number) => Promise<T[]>): AsyncIterable<T[]> {
  for (let offset = 0; ; offset += pageSize) {
    const items = await page(offset, pageSize);
    yield items;
    if (items.length < pageSize) return;
  }
}
