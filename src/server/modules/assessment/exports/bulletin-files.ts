import ExcelJS from 'exceljs';
import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { beijingDateCn } from '../../../../domain/calendar/local-time.js';
import { safeCell } from '../../../kernel/index.js';
import { issuingOffice } from '../../supervision/index.js';
import type { ScorecardRow } from '../../../../domain/assessment/scorecard.js';
import type { Bulletin } from './load-bulletin.js';

// The bulletin (通报) of a period, as a printable Word document and as a workbook, both from the snapshot.

export const groupNames = { city: '市直部门', district: '县市区', park: '园区' } as const;
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const score = (x: number | null) => (x === null ? '—' : x.toFixed(2));

export function periodTitle(b: Pick<Bulletin, 'key' | 'kind'>): string {
  if (b.kind === 'month') { const [y, m] = b.key.split('-'); return `${y}年${Number(m)}月`; }
  if (b.kind === 'quarter') { const [y, q] = b.key.split('-Q'); return `${y}年第${'一二三四'[Number(q) - 1]}季度`; }
  return `${b.key}年度`;
}

export const bulletinTitle = (b: Pick<Bulletin, 'key' | 'kind' | 'cityName'>) => `${b.cityName}优化营商环境问题并网督办考核通报（${periodTitle(b)}）`;

const rankHeaders = ['名次', '单位', '考核件数', '响应率', '解决率', '满意率', '按时签收率', '按时答复率', '扣分', '综合得分'];
const rankCells = (r: ScorecardRow) => [
  r.rank === null ? '不排名' : String(r.rank), r.departmentName, String(r.cases), pct(r.rates.response.rate), pct(r.rates.resolution.rate),
  pct(r.rates.satisfaction.rate), pct(r.rates.signing.rate), pct(r.rates.replying.rate), score(r.deductionPoints), score(r.composite),
];

export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
  const heiti = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };
  const text = (t: string, opts: { bold?: boolean; size?: number; f?: typeof font } = {}) => new TextRun({ text: t, font: opts.f ?? font, size: opts.size ?? 28, bold: opts.bold });
  const para = (t: string) => new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 520 }, children: [text(t)] });
  const heading = (t: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [text(t, { f: heiti, size: 30 })] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = (headers: string[], rows: string[][]) => new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(h, { bold: true, size: 21 })] })] })) }),
      ...rows.map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [text(c, { size: 21 })] })] })) })),
    ],
  });
  const ranked = b.rows.filter((r) => r.rank !== null).length;
  const totalCases = b.rows.reduce((a, r) => a + r.cases, 0);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: bulletinTitle(b), font: { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' }, size: 44 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [text(`${issuingOffice}　${b.publishedAt ? beijingDateCn(b.publishedAt) : '（未发布，仅供审核）'}`, { size: 28 })] }),
    new Paragraph({ children: [text('各县市区人民政府，市直各单位，各园区管委会：')] }),
    para(`根据《${b.cityName}优化营商环境问题并网督办考核方案》（第 ${b.schemeVersion} 版），现将${periodTitle(b)}各单位诉求办理考核情况通报如下。本期纳入考核诉求 ${totalCases} 件次，参与排名单位 ${ranked} 个；考核数据均取自平台办理记录，可逐件核查。`),
  ];
  let section = 0;
  const cn = '一二三四五六七八九十';
  for (const group of ['city', 'district', 'park'] as const) {
    const rows = b.rows.filter((r) => r.group === group);
    if (!rows.length) continue;
    children.push(heading(`${cn[section++]}、${groupNames[group]}考核排名`), table(rankHeaders, rows.map(rankCells)));
  }
  children.push(heading(`${cn[section++]}、红黄榜`));
  children.push(para(`红榜（表扬）：${b.redList.map((r) => `${r.departmentName}（${score(r.composite)}分）`).join('、') || '无'}。`));
  children.push(para(`黄榜（通报批评）：${b.yellowList.map((r) => `${r.departmentName}（${score(r.composite)}分）`).join('、') || '无'}。`));
  children.push(heading(`${cn[section++]}、典型案例`));
  children.push(para('（一）办理好的案例'));
  for (const c of b.good) children.push(para(`${c.code}　${c.title}（${c.departmentName}）：${c.note}。`));
  if (!b.good.length) children.push(para('本期无。'));
  children.push(para('（二）办理差的案例'));
  for (const c of b.bad) children.push(para(`${c.code}　${c.title}（${c.departmentName}）：${c.note}。`));
  if (!b.bad.length) children.push(para('本期无。'));
  if (b.exclusions.length) {
    children.push(heading(`${cn[section++]}、不纳入考核的诉求`));
    children.push(table(['诉求编号', '单位', '理由', '批准人', '批准时间'], b.exclusions.map((e) => [e.caseCode, e.departmentName, e.reason, e.decidedByName ?? '', beijingDateCn(new Date(e.decidedAt))])));
  }
  children.push(heading(`${cn[section]}、工作要求`));
  children.push(para('排名靠后及列入黄榜的单位要深入分析原因，逐件整改，于通报印发后 10 个工作日内将整改情况书面报送市营商办。'));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [text(issuingOffice)] }));
  const doc = new Document({
    creator: issuingOffice, title: bulletinTitle(b),
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return Packer.toBuffer(doc);
}

export async function bulletinXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = issuingOffice;
  const ws = wb.addWorksheet('考核排名', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { key: 'group', width: 10 }, { key: 'rank', width: 8 }, { key: 'name', width: 28 }, { key: 'cases', width: 10 },
    { key: 'response', width: 10 }, { key: 'resolution', width: 10 }, { key: 'satisfaction', width: 10 }, { key: 'signing', width: 12 },
    { key: 'replying', width: 12 }, { key: 'overdue', width: 8 }, { key: 'yellow', width: 8 }, { key: 'red', width: 8 },
    { key: 'refused', width: 10 }, { key: 'redo', width: 8 }, { key: 'deduction', width: 8 }, { key: 'composite', width: 10 },
  ];
  const header = ws.addRow(['分组', '名次', '单位', '考核件数', '响应率', '解决率', '满意率', '按时签收率', '按时答复率', '超期', '黄牌', '红牌', '退单被驳回', '重办', '扣分', '综合得分']);
  header.font = { bold: true };
  const ratio = (r: number | null) => (r === null ? null : r);
  for (const r of b.rows) {
    const row = ws.addRow({
      group: groupNames[r.group], rank: r.rank ?? '不排名', name: safeCell(r.departmentName), cases: r.cases,
      response: ratio(r.rates.response.rate), resolution: ratio(r.rates.resolution.rate), satisfaction: ratio(r.rates.satisfaction.rate),
      signing: ratio(r.rates.signing.rate), replying: ratio(r.rates.replying.rate), overdue: r.deductions.overdue, yellow: r.deductions.yellow,
      red: r.deductions.red, refused: r.deductions.refused_return, redo: r.deductions.redo, deduction: r.deductionPoints, composite: r.composite,
    });
    for (const k of ['response', 'resolution', 'satisfaction', 'signing', 'replying']) row.getCell(k).numFmt = '0.00%';
  }
  ws.autoFilter = { from: 'A1', to: 'P1' };
  const lists = wb.addWorksheet('红黄榜');
  lists.columns = [{ key: 'list', width: 10 }, { key: 'group', width: 10 }, { key: 'name', width: 28 }, { key: 'composite', width: 10 }];
  lists.addRow(['榜单', '分组', '单位', '综合得分']).font = { bold: true };
  for (const r of b.redList) lists.addRow({ list: '红榜', group: groupNames[r.group], name: safeCell(r.departmentName), composite: r.composite });
  for (const r of b.yellowList) lists.addRow({ list: '黄榜', group: groupNames[r.group], name: safeCell(r.departmentName), composite: r.composite });
  const cases = wb.addWorksheet('典型案例');
  cases.columns = [{ key: 'kind', width: 10 }, { key: 'code', width: 20 }, { key: 'title', width: 40 }, { key: 'dept', width: 24 }, { key: 'note', width: 40 }];
  cases.addRow(['类型', '诉求编号', '诉求标题', '单位', '说明']).font = { bold: true };
  for (const c of b.good) cases.addRow({ kind: '好的案例', code: safeCell(c.code), title: safeCell(c.title), dept: safeCell(c.departmentName), note: safeCell(c.note) });
  for (const c of b.bad) cases.addRow({ kind: '差的案例', code: safeCell(c.code), title: safeCell(c.title), dept: safeCell(c.departmentName), note: safeCell(c.note) });
  const ex = wb.addWorksheet('不纳入考核');
  ex.columns = [{ key: 'code', width: 20 }, { key: 'dept', width: 24 }, { key: 'reason', width: 24 }, { key: 'by', width: 12 }, { key: 'at', width: 14 }];
  ex.addRow(['诉求编号', '单位', '理由', '批准人', '批准时间']).font = { bold: true };
  for (const e of b.exclusions) ex.addRow({ code: safeCell(e.caseCode), dept: safeCell(e.departmentName), reason: safeCell(e.reason), by: safeCell(e.decidedByName ?? ''), at: beijingDateCn(new Date(e.decidedAt)) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
