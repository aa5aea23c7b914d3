import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

// Hostile import files made on the fly, none held in memory whole: an .xlsx whose one cell is a string of hundreds
// of MB (deflated chunk by chunk, compressing about 70 to 1 — under the zip-bomb ratio, like the file that froze the
// server), a huge shared string, CSV and JSON files with an over-limit cell, row or nesting.

interface Entry {
  name: string;
  /** Content, or chunks of it produced one at a time. */
  content: Buffer | (() => Iterable<Buffer>);
}

interface Deflated {
  name: Buffer;
  data: Buffer;
  crc: number;
  size: number;
}

async function deflate(entry: Entry): Promise<Deflated> {
  const z = createDeflateRaw({ level: 1, strategy: constants.Z_DEFAULT_STRATEGY });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const chunks = typeof entry.content === 'function' ? entry.content() : [entry.content];
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { name: Buffer.from(entry.name), data: Buffer.concat(out), crc, size };
}

/** A zip archive of deflated entries (sizes under 4 GB, no zip64). */
export async function writeZipEntries(file: string, entries: Entry[]): Promise<void> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const d = await deflate(e);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(d.crc, 14);
    local.writeUInt32LE(d.data.length, 18);
    local.writeUInt32LE(d.size, 22);
    local.writeUInt16LE(d.name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(d.crc, 16);
    c.writeUInt32LE(d.data.length, 20);
    c.writeUInt32LE(d.size, 24);
    c.writeUInt16LE(d.name.length, 28);
    c.writeUInt32LE(offset, 42);
    parts.push(local, d.name, d.data);
    central.push(c, d.name);
    offset += local.length + d.name.length + d.data.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...parts, ...central, end]));
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function frame(sheetRows: () => Iterable<Buffer>, sharedStrings?: () => Iterable<Buffer>): Entry[] {
  const types = `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    + (sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '')
    + '</Types>';
  const rels = `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook = `${xmlHead}<workbook xmlns="${ns}" xmlns:r="${relNs}"><sheets><sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const wbRels = `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relNs}/worksheet" Target="worksheets/sheet1.xml"/>`
    + (sharedStrings ? `<Relationship Id="rId2" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/>` : '') + '</Relationships>';
  const entries: Entry[] = [
    { name: '[Content_Types].xml', content: Buffer.from(types) },
    { name: '_rels/.rels', content: Buffer.from(rels) },
    { name: 'xl/workbook.xml', content: Buffer.from(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', content: Buffer.from(wbRels) },
  ];
  if (sharedStrings) entries.push({ name: 'xl/sharedStrings.xml', content: sharedStrings });
  entries.push({ name: 'xl/worksheets/sheet1.xml', content: sheetRows });
  return entries;
}

const header = ['工单编号', '留言主题', '留言详情', '留言时间'];
const headerRow = `<row r="1">${header.map((h, i) => `<c r="${'ABCD'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;

/**
 * `bytes` of text, 1 MB at a time: mostly runs of one letter with a few random ones in every 4 KB, so it deflates
 * about 70 to 1 — under the zip-bomb ratio of 100 — as the reported 900 MB string in an 11 MB file did.
 */
function* hostileText(bytes: number): Generator<Buffer> {
  const block = 1024 * 1024;
  for (let done = 0; done < bytes; done += block) {
    const b = Buffer.alloc(Math.min(block, bytes - done), 'A');
    for (let i = 0; i < b.length; i += 4096) for (let k = 0; k < 40 && i + k < b.length; k++) b[i + k] = 97 + Math.floor(Math.random() * 26);
    yield b;
  }
}

/** An .xlsx whose row 2 has one inline string of `bytes` characters in 留言详情. */
export async function writeHugeInlineStringXlsx(dir: string, bytes: number, name = 'huge-inline.xlsx'): Promise<string> {
  const file = path.join(dir, name);
  await writeZipEntries(file, frame(function* () {
    yield Buffer.from(`${xmlHead}<worksheet xmlns="${ns}"><sheetData>${headerRow}<row r="2"><c r="A2" t="inlineStr"><is><t>GD-1</t></is></c><c r="B2" t="inlineStr"><is><t>标题</t></is></c><c r="C2" t="inlineStr"><is><t>`);
    yield* hostileText(bytes);
    yield Buffer.from('</t></is></c><c r="D2" t="inlineStr"><is><t>2024-03-05 10:00</t></is></c></row></sheetData></worksheet>');
  }));
  return file;
}

/** An .xlsx whose shared-string table holds one string of `bytes` characters, used by row 2. */
export async function writeHugeSharedStringXlsx(dir: string, bytes: number): Promise<string> {
  const file = path.join(dir, 'huge-shared.xlsx');
  await writeZipEntries(file, frame(function* () {
    yield Buffer.from(`${xmlHead}<worksheet xmlns="${ns}"><sheetData>${headerRow}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="D2" t="inlineStr"><is><t>2024-03-05 10:00</t></is></c></row></sheetData></worksheet>`);
  }, function* () {
    yield Buffer.from(`${xmlHead}<sst xmlns="${ns}" count="1" uniqueCount="1"><si><t>`);
    yield* hostileText(bytes);
    yield Buffer.from('</t></si></sst>');
  }));
  return file;
}

const csvHeader = '工单编号,留言主题,留言详情,留言时间\n';

/** A CSV whose row `at` (counting the header as row 1) has a 留言详情 of `chars` characters; other rows are fine. */
export function writeCsvWithBigCell(dir: string, name: string, chars: number, at = 2, rows = at): string {
  const lines = [csvHeader.trimEnd()];
  for (let i = 2; i <= rows; i++) lines.push(`GD-${i},第${i}号诉求,${i === at ? 'x'.repeat(chars) : '路灯不亮'},2024-03-05 10:00`);
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** A CSV whose second row has `columns` cells. */
export function writeWideCsv(dir: string, columns: number): string {
  const file = path.join(dir, 'wide.csv');
  writeFileSync(file, csvHeader + 'GD-1,标题,内容,2024-03-05 10:00' + ',x'.repeat(columns - 4) + '\n');
  return file;
}

/** A JSON array whose second record nests `depth` objects. */
export function writeDeepJson(dir: string, depth: number): string {
  const file = path.join(dir, 'deep.json');
  const ok = JSON.stringify({ id: 'J1', title: '标题', content: '内容', created_at: '2024-03-05T06:30:00Z' });
  writeFileSync(file, `[${ok},{"id":"J2","title":"标题","created_at":"2024-03-05T06:30:00Z","x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]`);
  return file;
}

/** JSON Lines whose second line nests `depth` arrays. */
export function writeDeepJsonLines(dir: string, depth: number): string {
  const file = path.join(dir, 'deep.jsonl');
  const ok = JSON.stringify({ id: 'J1', title: '标题', content: '内容', created_at: '2024-03-05T06:30:00Z' });
  writeFileSync(file, `${ok}\n{"id":"J2","title":"标题","created_at":"2024-03-05T06:30:00Z","x":${'['.repeat(depth)}${']'.repeat(depth)}}\n`);
  return file;
}

/** A JSON array whose second record has a content of `chars` characters. */
export function writeHugeJsonRecord(dir: string, chars: number): string {
  const file = path.join(dir, 'huge.json');
  const ok = JSON.stringify({ id: 'J1', title: '标题', content: '内容', created_at: '2024-03-05T06:30:00Z' });
  writeFileSync(file, `[${ok},{"id":"J2","title":"标题","created_at":"2024-03-05T06:30:00Z","content":"${'y'.repeat(chars)}"}]`);
  return file;
}
