import { describe, expect, it } from 'vitest';
import { defaultImportLimits, type ImportLimits } from '../../src/server/import-file/limits.js';
import { xlsxPartInspector } from '../../src/server/import-file/xlsx-scan.js';

// The XML scan of .xlsx parts (xlsx-scan.ts) sees inflated bytes in chunks of any size: a tag cut between two chunks
// must be read the same as a whole one, so a good sheet passes and a hostile one is refused whatever the chunking.

function scan(entry: string, xml: string, chunk: number, limits: Partial<ImportLimits> = {}): string {
  const feed = xlsxPartInspector({ ...defaultImportLimits, ...limits })(entry)!;
  const bytes = Buffer.from(xml);
  try {
    for (let i = 0; i < bytes.length; i += chunk) feed(bytes.subarray(i, i + chunk));
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

const row = (r: number, cells: string[]) => `<row r="${r}">${cells.map((c) => `<c t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
const sheet = (rows: string[]) => `<?xml version="1.0"?><worksheet><cols><col min="1" max="3"/></cols><sheetData>${rows.join('')}</sheetData></worksheet>`;
const chunkSizes = [1, 2, 3, 5, 7, 13, 64, 1 << 20];

describe('xlsx XML scan', () => {
  it('passes a good sheet and refuses each limit the same way whatever the chunk size', () => {
    const good = sheet([row(1, ['标题', '内容', '时间']), row(2, ['道路破损', 'x'.repeat(1000), '2024-03-05'])]);
    const bigCell = sheet([row(1, ['标题']), row(2, ['y'.repeat(5000)])]);
    const wide = sheet([row(1, Array.from({ length: 6 }, (_, i) => `c${i}`))]);
    const rows = sheet(Array.from({ length: 5 }, (_, i) => row(i + 1, ['a'])));
    for (const n of chunkSizes) {
      expect({ n, r: scan('xl/worksheets/sheet1.xml', good, n) }).toEqual({ n, r: 'ok' });
      expect({ n, r: scan('xl/worksheets/sheet1.xml', bigCell, n, { maxCellChars: 10 }) }).toEqual({ n, r: 'IMPORT_CELL_TOO_LARGE' });
      expect({ n, r: scan('xl/worksheets/sheet1.xml', wide, n, { maxColumns: 5 }) }).toEqual({ n, r: 'IMPORT_ROW_TOO_LARGE' });
      expect({ n, r: scan('xl/worksheets/sheet1.xml', wide, n, { maxColumns: 6 }) }).toEqual({ n, r: 'ok' });
      expect({ n, r: scan('xl/worksheets/sheet1.xml', rows, n, { maxRows: 4 }) }).toEqual({ n, r: 'IMPORT_TOO_MANY_ROWS' });
      expect({ n, r: scan('xl/worksheets/sheet1.xml', rows, n, { maxRows: 5 }) }).toEqual({ n, r: 'ok' });
    }
  });

  it('bounds shared strings one by one and in total, and any other XML part by its longest run', () => {
    const sst = (strings: string[]) => `<sst>${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
    for (const n of chunkSizes) {
      expect(scan('xl/sharedStrings.xml', sst(['a', 'b'.repeat(5000)]), n, { maxCellChars: 10 })).toBe('IMPORT_CELL_TOO_LARGE');
      // Many short runs of rich text add up inside one <si> (limits in bytes: 8 a character plus 4 KB of markup).
      expect(scan('xl/sharedStrings.xml', `<sst><si>${'<r><t>abc</t></r>'.repeat(300)}</si></sst>`, n, { maxCellChars: 10 })).toBe('IMPORT_CELL_TOO_LARGE');
      expect(scan('xl/sharedStrings.xml', sst(Array.from({ length: 100 }, () => 'abc')), n, { maxCellChars: 10 })).toBe('ok');
      expect(scan('xl/sharedStrings.xml', sst(Array.from({ length: 100 }, () => 'abc')), n, { maxSharedStringsBytes: 500 })).toBe('IMPORT_SHARED_STRINGS_TOO_LARGE');
      expect(scan('xl/styles.xml', `<styleSheet><numFmt formatCode="${'0'.repeat(5000)}"/></styleSheet>`, n, { maxCellChars: 10 })).toBe('IMPORT_XLSX_INVALID');
    }
    expect(xlsxPartInspector(defaultImportLimits)('xl/media/image1.png')).toBeNull();
  });
});
