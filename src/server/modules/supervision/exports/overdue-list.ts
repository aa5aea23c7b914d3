import ExcelJS from 'exceljs';
import { beijingDateCn, beijingDateTimeCn } from '../../../../domain/calendar/local-time.js';
import { excelLocal, safeCell } from '../../../kernel/index.js';
import { levelNames } from '../../../../domain/supervision/names.js';
import { issuingOffice } from './order-docx.js';
import { listDocx } from './list-docx.js';

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

export function overdueDocx(list: OverdueList): Promise<Buffer> {
  return listDocx({
    title: `${list.departmentName}超期诉求清单`,
    subtitle: `截至${beijingDateTimeCn(list.asOf)}，共${list.items.length}件`,
    signature: `${issuingOffice}　${beijingDateCn(list.asOf)}`,
    headers,
    rows: list.items.map((it, i) => [
      String(i + 1), it.code, it.title, it.categoryName, it.role, it.leadDepartmentName, beijingDateTimeCn(it.createdAt),
      beijingDateTimeCn(it.replyDeadline), String(it.overdueDays), it.orderLevel ? levelNames[it.orderLevel] : '',
    ]),
  });
}
