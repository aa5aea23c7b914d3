import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImportFile, readImportRecords, type ImportRow } from '../../src/server/import-file/read-file.js';
import { scratchDir, write12345Csv, write12345Gbk, writeJsonArray, writeJsonLines, writeMergedXlsx, writeNycCsv, writeZipBomb } from './fixtures.js';

const now = new Date('2026-11-02T01:00:00Z');
let dir: string;
beforeAll(() => {
  dir = scratchDir();
});
afterAll(() => undefined);

async function all(file: string, opts = {}): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for await (const r of readImportRecords(file, { now, ...opts })) out.push(r);
  return out;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('import file reader', () => {
  it('recognises a 12345 export with a BOM, keeps good rows, explains bad ones in Chinese and skips blank trailing rows', async () => {
    const file = write12345Csv(dir);
    const f = await openImportFile(file, { now });
    expect(f.info).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 1 });
    expect(f.info.headers[0]).toBe('工单编号');
    expect(f.info.columns).toMatchObject({ externalId: 0, title: 1, description: 2, createdAt: 3, departmentName: 4, status: 5, reply: 6, rating: 7, closedAt: 8, phone: 9, submitterName: 10, districtText: 11, categoryText: 12 });
    await f.rows.return(undefined);
    const rows = await all(file);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    const [a, b, c, d, e] = rows;
    expect(a.record).toMatchObject({ externalId: 'GD-001', key: 'GD-001', state: 'finished', rating: 'satisfied', departmentName: '市住建局' });
    expect(a.record!.createdAt.toISOString()).toBe('2024-03-05T06:30:00.000Z');
    expect(a.record!.closedAt!.toISOString()).toBe('2024-03-08T02:00:00.000Z');
    expect(b.record!.createdAt.toISOString()).toBe('2024-03-05T16:00:00.000Z');
    expect(b.record!.rating).toBe('basically');
    expect(c.record).toMatchObject({ state: 'open', closedAt: null, rating: null });
    expect(c.record!.createdAt.toISOString()).toBe('2024-03-06T16:00:00.000Z');
    expect(d.errors).toEqual(['诉求时间「三月某日」不是可识别的日期']);
    expect(e.errors).toEqual(['标题和内容都为空']);
  });

  it('detects GBK (GB18030) text and reads the same records', async () => {
    const rows = await all(write12345Gbk(dir));
    const f = await openImportFile(write12345Gbk(dir), { now });
    expect(f.info.encoding).toBe('gb18030');
    await f.rows.return(undefined);
    expect(rows[0].record).toMatchObject({ title: '施工许可证办理超时', departmentName: '市住建局', submitterName: '张伟' });
    expect(rows.filter((r) => r.record)).toHaveLength(3);
  });

  it('recognises NYC 311 style English headers and US dates', async () => {
    const file = writeNycCsv(dir);
    const f = await openImportFile(file, { now });
    expect(f.info.columns).toMatchObject({ externalId: 0, createdAt: 1, closedAt: 2, departmentName: 3, categoryText: 5, description: 6, status: 7, reply: 8, districtText: 9, address: 10 });
    await f.rows.return(undefined);
    const rows = await all(file, { mapping: { utcOffsetMinutes: -300 } });
    expect(rows[0].record).toMatchObject({ key: '59893919', state: 'finished', districtText: 'BROOKLYN', departmentName: 'DOT' });
    expect(rows[0].record!.createdAt.toISOString()).toBe('2024-03-05T19:30:00.000Z');
    expect(rows[1].record).toMatchObject({ state: 'open' });
    expect(rows[1].record!.createdAt.toISOString()).toBe('2024-03-06T04:00:00.000Z');
  });

  it('reads an XLSX with a title row, merged header cells, mixed date cells and empty trailing rows', async () => {
    const file = await writeMergedXlsx(dir);
    const f = await openImportFile(file, { now });
    expect(f.info.format).toBe('xlsx');
    expect(f.info.headerRow).toBe(3);
    expect(f.info.columns).toMatchObject({ title: 1, description: 2, createdAt: 3, departmentName: 4, reply: 5, closedAt: 6, rating: 7 });
    await f.rows.return(undefined);
    const rows = await all(file);
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 5, 6, 7]);
    expect(rows[0].record!.createdAt.toISOString()).toBe('2024-03-05T06:30:00.000Z');
    expect(rows[0].record!.closedAt!.toISOString()).toBe('2024-03-09T10:00:00.000Z');
    expect(rows[1].record!.createdAt.toISOString()).toBe('2024-03-06T04:00:00.000Z');
    expect(rows[1].record!.closedAt!.toISOString()).toBe('2024-03-08T16:00:00.000Z');
    expect(rows[1].record!.rating).toBe('unsatisfied');
    expect(rows[2].record!.createdAt.toISOString()).toBe('2024-03-07T01:05:00.000Z');
    expect(rows[2].record!.rating).toBe('satisfied');
    expect(rows[3].errors).toEqual(['诉求时间2024年2月没有30日']);
  });

  it('reads JSON arrays (nested objects flattened) and JSON Lines (a broken line is reported, not fatal)', async () => {
    const arr = await all(writeJsonArray(dir));
    expect(arr.map((r) => r.record?.key)).toEqual(['J1', 'J2']);
    expect(arr[0].record).toMatchObject({ state: 'finished', rating: 'satisfied' });
    expect(arr[1].record).toMatchObject({ title: '含逗号, 和 ] 的标题', description: '内容 "引号" 与 {括号}', districtText: '雁峰区', state: 'open' });
    const lines = await all(writeJsonLines(dir));
    expect(lines.map((r) => [r.rowNumber, r.record?.key ?? r.errors])).toEqual([[1, 'L1'], [2, ['这一行不是有效的 JSON']], [4, 'L2']]);
  });

  it('refuses zip bombs before exceljs opens them, also when the header lies about the size', async () => {
    expect(await codeOf(openImportFile(writeZipBomb(dir), { now }))).toBe('IMPORT_ZIP_BOMB');
    expect(await codeOf(openImportFile(writeZipBomb(dir, true), { now }))).toBe('IMPORT_ZIP_BOMB');
  }, 30_000); // writing two bombs takes ~4 s of CPU: on a busy two-core machine the default 5 s is too short

  it('refuses oversized, empty, legacy .xls and headerless files with stable codes', async () => {
    const big = write12345Csv(dir, 'big.csv');
    expect(await codeOf(openImportFile(big, { now, maxBytes: 100 }))).toBe('IMPORT_FILE_TOO_LARGE');
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(await codeOf(openImportFile(empty, { now }))).toBe('IMPORT_FILE_EMPTY');
    const xls = path.join(dir, 'old.xls');
    writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect(await codeOf(openImportFile(xls, { now }))).toBe('IMPORT_FORMAT_UNSUPPORTED');
    const noHeader = path.join(dir, 'noheader.csv');
    writeFileSync(noHeader, 'a,b,c\n1,2,3\n');
    expect(await codeOf(openImportFile(noHeader, { now }))).toBe('IMPORT_NO_HEADER');
    const noDate = path.join(dir, 'nodate.csv');
    writeFileSync(noDate, '标题,内容,承办单位\nx,y,z\n');
    expect(await codeOf(openImportFile(noDate, { now }))).toBe('IMPORT_REQUIRED_COLUMNS');
    expect(await codeOf(openImportFile(path.join(dir, 'missing.csv'), { now }))).toBe('IMPORT_FILE_UNREADABLE');
  });

  it('lets a mapping name the columns the recogniser cannot guess', async () => {
    const file = path.join(dir, 'custom.csv');
    writeFileSync(file, '案由,经过,立案日,去向\n摊贩占道,夜市占道经营,2024-03-05,市城管局\n');
    expect(await codeOf(openImportFile(file, { now }))).not.toBe('no error');
    const rows = await all(file, { mapping: { columns: { title: '案由', description: '经过', createdAt: '立案日', departmentName: '去向' } } });
    expect(rows[0].record).toMatchObject({ title: '摊贩占道', description: '夜市占道经营', departmentName: '市城管局' });
  });
});
