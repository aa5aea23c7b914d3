import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

// Small import files made on the fly: 12345-style CSV (UTF-8 with BOM, GBK), NYC 311-style CSV, XLSX with a title
// row, merged header cells and mixed date cells, JSON, JSON Lines, and zip bombs.

export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'yw-import-'));
}

export const header12345 = ['工单编号', '留言主题', '留言详情', '留言时间', '承办单位', '状态', '答复意见', '满意度', '办结时间', '联系电话', '诉求人', '区县', '类别'];

/** Rows of a 12345 export: 2 finished, 1 open, 1 with a bad date, 1 without title and content. */
export const rows12345: string[][] = [
  ['GD-001', '施工许可证办理超时', '厂房扩建项目施工许可证超过时限仍未办结。', '2024-03-05 14:30', '市住建局', '已办结', '已于3月8日核发许可证。', '满意', '2024-03-08 10:00', '13800138000', '张伟', '蒸湘区', '施工许可'],
  ['GD-002', '路边摊占道经营', '某路段夜间占道经营严重。', '2024/3/6', '市城管局', '已办结', '已安排执法队员整治。', '基本满意', '2024/3/9 9:15', '13900139000', '李娜', '珠晖区', '其他诉求'],
  ['GD-003', '企业开办咨询', '咨询企业开办需要哪些材料。', '2024年3月7日', '市行政审批服务局', '办理中', '', '', '', '13700137000', '王强', '', '开办企业'],
  ['GD-004', '日期写错的工单', '内容', '三月某日', '市住建局', '已办结', '', '', '', '', '', '', ''],
  ['GD-005', '', '', '2024-03-07', '', '', '', '', '', '', '', '', ''],
];

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

export function csvText(header: string[], rows: string[][], trailingBlank = true): string {
  return [header, ...rows].map(csvLine).join('\r\n') + (trailingBlank ? '\r\n,,,,\r\n\r\n' : '\r\n');
}

export function write12345Csv(dir: string, name = '12345.csv', rows = rows12345): string {
  const file = path.join(dir, name);
  writeFileSync(file, '\uFEFF' + csvText(header12345, rows));
  return file;
}

export function write12345Gbk(dir: string): string {
  const file = path.join(dir, 'gbk.csv');
  writeFileSync(file, iconv.encode(csvText(header12345, rows12345), 'gbk'));
  return file;
}

export function writeNycCsv(dir: string): string {
  const file = path.join(dir, 'nyc311.csv');
  const header = ['Unique Key', 'Created Date', 'Closed Date', 'Agency', 'Agency Name', 'Complaint Type', 'Descriptor', 'Status', 'Resolution Description', 'Borough', 'Incident Address'];
  const rows = [
    ['59893919', '03/05/2024 02:30:00 PM', '03/06/2024 09:00:00 AM', 'DOT', 'Department of Transportation', 'Street Light Condition', 'Street Light Out', 'Closed', 'The Department of Transportation repaired the street light.', 'BROOKLYN', '123 MAIN STREET'],
    ['59893920', '03/05/2024 11:00:00 PM', '', 'NYPD', 'New York City Police Department', 'Noise - Residential', 'Loud Music/Party', 'In Progress', '', 'QUEENS', '45-10 BROADWAY'],
  ];
  writeFileSync(file, csvText(header, rows, false));
  return file;
}

/**
 * An XLSX the way hotlines export it: a title row merged across the sheet, a two-row header where 办理情况 is merged
 * over 承办单位 / 答复意见 / 办结时间 and 序号 … 留言时间 are merged down, dates as Date cells, serial numbers and text
 * in one column, and empty rows at the end.
 */
export async function writeMergedXlsx(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(['衡阳市12345热线工单导出（2024年3月）']);
  ws.mergeCells('A1:H1');
  ws.addRow(['序号', '留言主题', '留言详情', '留言时间', '办理情况', null, null, '满意度']);
  ws.addRow([null, null, null, null, '承办单位', '答复意见', '办结时间', null]);
  ws.mergeCells('E2:G2');
  for (const c of ['A', 'B', 'C', 'D', 'H']) ws.mergeCells(`${c}2:${c}3`);
  // Date cell (Excel shows 2024-03-05 14:30), serial number 45357.5 (2024-03-06 12:00), text dates.
  ws.addRow([1, '道路破损', '某路段路面塌陷。', new Date(Date.UTC(2024, 2, 5, 14, 30)), '市交通运输局', '已修复。', 45360.75, '满意']);
  ws.getCell('D4').numFmt = 'yyyy-mm-dd hh:mm';
  ws.addRow([2, '噪音扰民', '工地夜间施工噪音。', 45357.5, '市生态环境局', '已责令停止夜间施工。', '2024年3月9日', '不满意']);
  ws.addRow([3, '证照办理', '营业执照变更咨询。', '2024/3/7 9:05', '市市场监管局', '已电话答复。', '2024-03-07 16:00', '5']);
  ws.addRow([4, '无效日期', '内容。', '2024-02-30', '市财政局', '', '', '']);
  ws.addRow([]);
  ws.addRow([null, null, null, null, null, null, null, null]);
  const file = path.join(dir, 'merged.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

export function writeJsonArray(dir: string): string {
  const file = path.join(dir, 'records.json');
  writeFileSync(file, JSON.stringify([
    { id: 'J1', title: '供电不稳', content: '园区频繁停电，影响生产。', created_at: '2024-03-05T06:30:00Z', department: '国网衡阳供电公司', status: 'closed', closed_at: '2024-03-06T02:00:00Z', rating: 4 },
    { id: 'J2', title: '含逗号, 和 ] 的标题', content: '内容 "引号" 与 {括号}', created_at: '2024-03-06 10:00', status: 'open', location: { district: '雁峰区' } },
  ], null, 2));
  return file;
}

export function writeJsonLines(dir: string): string {
  const file = path.join(dir, 'records.jsonl');
  writeFileSync(file, [
    JSON.stringify({ 编号: 'L1', 标题: '退税进度', 内容: '出口退税迟迟未到账。', 时间: '2024-03-05 08:00', 承办单位: '市税务局', 状态: '已办结', 办结时间: '2024-03-10 17:00' }),
    '{not json',
    '',
    JSON.stringify({ 编号: 'L2', 标题: '社保转移', 内容: '社保关系转移办理慢。', 时间: '2024-03-06 09:00', 承办单位: '市人社局', 状态: '待受理' }),
  ].join('\n') + '\n');
  return file;
}

/** A zip archive with one deflated entry; `declaredSize` lets the header lie about the inflated size. */
export function writeZip(file: string, entryName: string, content: Buffer, declaredSize = content.length): void {
  const data = deflateRawSync(content, { level: 9 });
  const name = Buffer.from(entryName);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 10);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  writeFileSync(file, Buffer.concat([local, name, data, central, name, end]));
}

/** 64 MB of zeros in a 64 KB .xlsx: over the ratio limit. `lying` declares 1 KB instead. */
export function writeZipBomb(dir: string, lying = false): string {
  const file = path.join(dir, lying ? 'lying-bomb.xlsx' : 'bomb.xlsx');
  writeZip(file, 'xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024), lying ? 1024 : undefined);
  return file;
}

/** `n` rows of a 12345 export (for resume tests): GD-000001 … with Chinese text. */
export function writeManyRows(dir: string, n: number, name = 'many.csv'): string {
  const lines = ['\uFEFF' + header12345.join(',')];
  const depts = ['市住建局', '市城管局', '市市场监管局', '市人社局', '市交通运输局'];
  for (let i = 1; i <= n; i++) {
    const day = 1 + (i % 28);
    lines.push(csvLine([
      `GD-${String(i).padStart(6, '0')}`, `第${i}号诉求：道路照明故障`, `市民反映第${i}号路段路灯夜间不亮，影响出行安全，请尽快维修。`,
      `2024-03-${String(day).padStart(2, '0')} 09:30`, depts[i % depts.length], '已办结', '已安排维修，路灯恢复正常。', i % 3 ? '满意' : '基本满意',
      `2024-04-${String(day).padStart(2, '0')} 17:00`, `1380000${String(i % 10000).padStart(4, '0')}`, '市民', '', '其他诉求',
    ]));
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
