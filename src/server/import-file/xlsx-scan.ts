import { AppError } from '../errors.js';
import { xmlBytesFor, type ImportLimits } from './limits.js';

// The zip-bomb check (xlsx-guard.ts) inflates every part of an .xlsx before exceljs opens it; this scans the XML as
// it streams through that check, so a part that would make exceljs build one huge string (a 900 MB inline string,
// a giant shared string, a row of a million cells) is refused before exceljs reads anything. The scan only looks at
// the bytes around each `<`: the longest run between two tags, and the extent of each row, cell and shared string.

const lt = 0x3c;
/** Bytes after `<` needed to tell a tag's name (`/row` plus the character after it). */
const lookahead = 6;

type PartKind = 'sheet' | 'sharedStrings' | 'other';

function kindOf(entryName: string): PartKind | null {
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entryName)) return 'sheet';
  if (/^xl\/sharedStrings\.xml$/i.test(entryName)) return 'sharedStrings';
  if (/\.(xml|rels|vml)$/i.test(entryName)) return 'other';
  return null;
}

function isNameEnd(b: number | undefined): boolean {
  return b === undefined || b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** True when the tag at buf[i] (just after `<`) is `name` (which may start with `/`). */
function tagIs(buf: Buffer, i: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (buf[i + k] !== name.charCodeAt(k)) return false;
  return isNameEnd(buf[i + name.length]);
}

class PartScanner {
  #seen = 0;
  #lastTag = 0;
  #carry: Buffer | null = null;
  #rowStart = -1;
  #columns = 0;
  #rows = 0;
  /** Start of the open cell (`<c>` in a sheet) or shared string (`<si>`). */
  #itemStart = -1;
  readonly #maxToken: number;
  readonly #maxItem: number;
  readonly #maxRow: number;

  constructor(readonly entry: string, readonly kind: PartKind, readonly limits: ImportLimits) {
    this.#maxToken = xmlBytesFor(limits.maxCellChars);
    this.#maxItem = xmlBytesFor(limits.maxCellChars);
    this.#maxRow = xmlBytesFor(limits.maxRowChars) + limits.maxColumns * 64;
  }

  feed(chunk: Buffer): void {
    let buf = chunk;
    let base = this.#seen;
    if (this.#carry) {
      buf = Buffer.concat([this.#carry, chunk]);
      base -= this.#carry.length;
      this.#carry = null;
    }
    this.#seen += chunk.length;
    if (this.kind === 'sharedStrings' && this.#seen > this.limits.maxSharedStringsBytes) {
      throw new AppError('IMPORT_SHARED_STRINGS_TOO_LARGE', { entry: this.entry, maxBytes: this.limits.maxSharedStringsBytes });
    }
    let i = buf.indexOf(lt);
    while (i >= 0) {
      if (i + lookahead >= buf.length) {
        // The tag's name goes on in the next chunk: look at it then.
        this.#carry = Buffer.from(buf.subarray(i));
        this.#checkGap(base + i);
        return;
      }
      this.#tag(buf, i, base + i);
      i = buf.indexOf(lt, i + 1);
    }
    this.#checkGap(base + buf.length);
  }

  /** The text or tag running since the last `<` must not pass one cell's worth of bytes. */
  #checkGap(at: number): void {
    if (at - this.#lastTag <= this.#maxToken) return;
    if (this.kind === 'other') throw new AppError('IMPORT_XLSX_INVALID', { reason: `${this.entry} 中有超长内容` });
    throw new AppError('IMPORT_CELL_TOO_LARGE', { entry: this.entry, maxCellChars: this.limits.maxCellChars, bytes: at - this.#lastTag });
  }

  #tag(buf: Buffer, i: number, at: number): void {
    this.#checkGap(at);
    this.#lastTag = at;
    if (this.kind === 'other') return;
    const n = i + 1;
    if (this.kind === 'sheet') {
      if (tagIs(buf, n, 'row')) {
        if (++this.#rows > this.limits.maxRows) throw new AppError('IMPORT_TOO_MANY_ROWS', { entry: this.entry, maxRows: this.limits.maxRows });
        this.#rowStart = at;
        this.#columns = 0;
        this.#itemStart = -1;
      } else if (tagIs(buf, n, '/row')) {
        this.#checkRow(at);
        this.#rowStart = -1;
        this.#itemStart = -1;
      } else if (tagIs(buf, n, 'c')) {
        if (this.#rowStart >= 0 && ++this.#columns > this.limits.maxColumns) {
          throw new AppError('IMPORT_ROW_TOO_LARGE', { entry: this.entry, row: this.#rows, limit: 'columns', maxColumns: this.limits.maxColumns });
        }
        this.#itemStart = at;
      } else if (tagIs(buf, n, '/c')) {
        this.#checkItem(at);
        this.#itemStart = -1;
      }
      if (this.#rowStart >= 0) this.#checkRow(at);
    } else if (tagIs(buf, n, 'si')) {
      this.#itemStart = at;
    } else if (tagIs(buf, n, '/si')) {
      this.#checkItem(at);
      this.#itemStart = -1;
    }
    this.#checkItem(at);
  }

  #checkItem(at: number): void {
    if (this.#itemStart >= 0 && at - this.#itemStart > this.#maxItem) {
      throw new AppError('IMPORT_CELL_TOO_LARGE', { entry: this.entry, row: this.kind === 'sheet' ? this.#rows : undefined, maxCellChars: this.limits.maxCellChars });
    }
  }

  #checkRow(at: number): void {
    if (this.#rowStart >= 0 && at - this.#rowStart > this.#maxRow) {
      throw new AppError('IMPORT_ROW_TOO_LARGE', { entry: this.entry, row: this.#rows, limit: 'bytes', maxRowChars: this.limits.maxRowChars });
    }
  }
}

/** For checkXlsxArchive: a scanner per XML part (null for pictures and other binary parts). Scanners throw AppError. */
export function xlsxPartInspector(limits: ImportLimits): (entryName: string) => ((chunk: Buffer) => void) | null {
  return (entryName) => {
    const kind = kindOf(entryName);
    if (!kind) return null;
    const scanner = new PartScanner(entryName, kind, limits);
    return (chunk) => scanner.feed(chunk);
  };
}
