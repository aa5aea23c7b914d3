import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError } from '../errors.js';
import { openXlsxZip } from './xlsx-guard.js';

// The rows of an XLSX file's first worksheet (its first tab), read row by row through exceljs's streaming worksheet
// reader, with the archive opened by its central directory (yauzl).
//
// Why not `new WorkbookReader(file)` and `for await (const sheet of reader)`: that reader takes the archive in one
// streaming pass (unzipper), needs `xl/workbook.xml` before it names a sheet, and exceljs's own writer stores that
// entry last. On Node 18+ the pass does not reliably deliver the last entry before the worksheets are parsed, so the
// read fails now and then with "Cannot read properties of undefined (reading 'sheets')" (exceljs issue #3064; our
// CI hit it on files exceljs itself wrote). Here the parts are read in the order the worksheet needs them:
// relationships, workbook, shared strings, styles, then the sheet.

type Internals = ExcelJS.stream.xlsx.WorkbookReader & {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
};

export async function* firstSheetRows(filePath: string): AsyncGenerator<ExcelJS.Row> {
  const { default: excel } = await import('exceljs');
  const zip = await openXlsxZip(filePath, false);
  const streams: Readable[] = [];
  try {
    const entries = await entriesOf(zip);
    const part = (name: string) => entries.get(name);
    const open = async (entry: yauzl.Entry) => {
      const stream = await readStream(zip, entry);
      streams.push(stream);
      return stream;
    };

    const reader = new excel.stream.xlsx.WorkbookReader(filePath, {
      worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
    }) as Internals;
    const rels = part('xl/_rels/workbook.xml.rels');
    const book = part('xl/workbook.xml');
    if (!rels || !book) throw new AppError('IMPORT_XLSX_INVALID', { reason: '缺少工作簿目录（xl/workbook.xml）' });
    await reader._parseRels(await open(rels));
    await reader._parseWorkbook(await open(book));
    const strings = part('xl/sharedStrings.xml');
    if (strings) for await (const _ of reader._parseSharedStrings(await open(strings))) { /* cached on the reader */ }
    const styles = part('xl/styles.xml');
    if (styles) await reader._parseStyles(await open(styles));

    const sheet = firstSheetPart(reader, entries);
    if (!sheet) return;
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheet.fileName)?.[1] ?? '1';
    for (const { eventType, value } of reader._parseWorksheet(await open(sheet), sheetNo)) {
      if (eventType !== 'worksheet') continue;
      yield* value as AsyncIterable<ExcelJS.Row>;
    }
  } finally {
    // A reader that stops early (the row limit, the first sheet only) leaves the sheet's stream open.
    for (const stream of streams) stream.destroy();
    zip.close();
  }
}

/** The first tab: the workbook's first sheet, through its relationship; failing that, the lowest-numbered sheet part. */
function firstSheetPart(reader: Internals, entries: Map<string, yauzl.Entry>): yauzl.Entry | undefined {
  const rId = reader.model?.sheets?.[0]?.rId;
  const target = reader.workbookRels?.find((r) => r.Id === rId)?.Target;
  if (target) {
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    const entry = entries.get(name);
    if (entry) return entry;
  }
  const sheets = [...entries.keys()]
    .map((name) => ({ name, n: Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1]) }))
    .filter((s) => Number.isFinite(s.n))
    .sort((a, b) => a.n - b.n);
  return sheets.length ? entries.get(sheets[0].name) : undefined;
}

function entriesOf(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => reject(new AppError('IMPORT_XLSX_INVALID', { reason: err.message })));
    zip.readEntry();
  });
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) reject(new AppError('IMPORT_XLSX_INVALID', { reason: err?.message ?? entry.fileName }));
      else resolve(stream);
    });
  });
}
