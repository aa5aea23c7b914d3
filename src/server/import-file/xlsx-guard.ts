import yauzl from 'yauzl';
import { AppError } from '../errors.js';

// XLSX files are zip archives; a zip bomb (a few KB that inflate to gigabytes) would take exceljs, and the process,
// down. Before exceljs opens a file, every entry is inflated here through yauzl — which also checks each entry's
// real size against its declared size — counting bytes and stopping at the first limit crossed, so a lying header
// does not help either.

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed / compressed size of the archive, once the total is above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const defaultZipLimits: ZipLimits = {
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 20 * 1024 * 1024,
  maxEntries: 5000,
};

/**
 * An XLSX file's archive, entries read one at a time (`readEntry`), every entry's real size checked against its header.
 * IMPORT_XLSX_INVALID when it is not a zip. `autoClose`: closed after the last entry is read (a single pass);
 * without it the caller closes it (entries opened in an order of its own: xlsx-sheet.ts).
 */
export function openXlsxZip(filePath: string, autoClose: boolean): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(new AppError('IMPORT_XLSX_INVALID', { reason: err?.message ?? 'not a zip archive' }));
      else resolve(zip);
    });
  });
}

/**
 * Throws IMPORT_ZIP_BOMB when the archive inflates past the limits, IMPORT_XLSX_INVALID when it is not a zip.
 * `inspect` may return a function that sees each inflated chunk of an entry and throws to refuse the file.
 */
export async function checkXlsxArchive(
  filePath: string, fileSize: number, limits: ZipLimits = defaultZipLimits, inspect?: (entryName: string) => ((chunk: Buffer) => void) | null,
): Promise<void> {
  const zip = await openXlsxZip(filePath, true);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new AppError('IMPORT_ZIP_BOMB', { reason: `压缩包内有 ${zip.entryCount} 个文件` });
  }
  let total = 0;
  const tooBig = () => total > limits.maxTotalBytes || (total > limits.ratioFloorBytes && total / Math.max(fileSize, 1) > limits.maxRatio);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(err);
    };
    zip.on('error', (err) => fail(new AppError('IMPORT_XLSX_INVALID', { reason: (err as Error).message })));
    zip.on('end', () => !failed && resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      // Declared sizes first: a bomb that admits its size is refused without inflating anything.
      const declared = entry.uncompressedSize;
      if (declared > limits.maxTotalBytes || (declared > limits.ratioFloorBytes && declared / Math.max(fileSize, 1) > limits.maxRatio)) {
        fail(new AppError('IMPORT_ZIP_BOMB', { entry: entry.fileName, uncompressedSize: entry.uncompressedSize }));
        return;
      }
      if (/\/$/.test(entry.fileName)) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) {
          fail(new AppError('IMPORT_XLSX_INVALID', { reason: err?.message }));
          return;
        }
        const see = inspect?.(entry.fileName) ?? null;
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          try {
            see?.(chunk);
          } catch (e) {
            stream.destroy();
            fail(e);
            return;
          }
          if (tooBig()) {
            stream.destroy();
            fail(new AppError('IMPORT_ZIP_BOMB', { entry: entry.fileName, inflatedBytes: total, fileSize }));
          }
        });
        // yauzl stops an entry that inflates past its declared size: a lying header is a bomb too.
        stream.on('error', (e) => fail(/too many bytes/i.test(e.message)
          ? new AppError('IMPORT_ZIP_BOMB', { entry: entry.fileName, declared: entry.uncompressedSize })
          : new AppError('IMPORT_XLSX_INVALID', { reason: e.message })));
        stream.on('end', () => !failed && zip.readEntry());
      });
    });
    zip.readEntry();
  });
}
