import ExcelJS from 'exceljs';
import {
  AlignmentType, BorderStyle, Document, PageOrientation, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { beijingDateCn, beijingDateTimeCn } from '../../../../domain/calendar/local-time.js';
import { excelLocal, safeCell } from '../../../kernel/index.js';
import { levelNames } from '../../../../domain/supervision/names.js';
import { issuingOffice } from './order-docx.js';

// A department's overdue cases, as a Word list to print and as a spreadsheet to work with.

export interface OverdueItem {
  code: string;
  title: string;
  categoryName: string;
  role: string;
  leadDepartmentName: string;
  createdAt: Date;
  replyDeadline: Date;
  overdueDays: number;
  orderLevel: keyof typeof levelNames | null;
}

export interface OverdueList {
  departmentName: string;
  asOf: Date;
  items: OverdueItem[];
}

const headers = ['序号', '诉求编号', '诉求标题', '问题类别', '承办角色', '主办单位', '受理时间', '办理期限', '已超期（工作日）', '督办等级'];

export async function overdueXlsx(list: OverdueList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = issuingOffice;
  const ws = wb.addWorksheet('超期诉求', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { key: 'n', width: 6 }, { key: 'code', width: 20 }, { key: 'title', width: 40 }, { key: 'category', width: 16 },
    { key: 'role', width: 10 }, { key: 'lead', width: 24 }, { key: 'created', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
    { key: 'deadline', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } }, { key: 'days', width: 16 }, { key: 'level', width: 12 },
  ];
  const header = ws.addRow(headers);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  list.items.forEach((it, i) => {
    ws.addRow({
      n: i + 1, code: safeCell(it.code), title: safeCell(it.title), category: safeCell(it.categoryName), role: it.role,
      lead: safeCell(it.leadDepartmentName), created: excelLocal(it.createdAt), deadline: excelLocal(it.replyDeadline),
      days: it.overdueDays, level: it.orderLevel ? levelNames[it.orderLevel] : '',
    });
  });
  ws.autoFilter = { from: 'A1', to: 'J1' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function overdueDocx(list: OverdueList): Promise<Buffer> {
  const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font, size: 21, bold })] })] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...list.items.map((it, i) => new TableRow({ children: [
        String(i + 1), it.code, it.title, it.categoryName, it.role, it.leadDepartmentName, beijingDateTimeCn(it.createdAt),
        beijingDateTimeCn(it.replyDeadline), String(it.overdueDays), it.orderLevel ? levelNames[it.orderLevel] : '',
      ].map((t) => cell(t)) })),
    ],
  });
  const doc = new Document({
    creator: issuingOffice,
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${list.departmentName}超期诉求清单`, font, size: 40, bold: true })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: `截至${beijingDateTimeCn(list.asOf)}，共${list.items.length}件`, font, size: 24 })] }),
        table,
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [new TextRun({ text: `${issuingOffice}　${beijingDateCn(list.asOf)}`, font, size: 24 })] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
