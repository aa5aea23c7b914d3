import type { CentreQuery, CentreRow } from '../../../../contracts/supervision.js';
import { statusLabels, supervisionLevelLabels, warningLevelLabels } from '../../../../domain/case/labels.js';
import type { AppDeps } from '../../../deps.js';
import type { ExportColumn } from '../../../kernel/index.js';
import { centreRows, findCentreIds } from '../centre.js';
import { issuingOffice, levelNames } from '../../../../domain/supervision/names.js';
import { beijingDateCn, beijingDateTimeCn } from '../../../../domain/calendar/local-time.js';
import { listDocx } from './list-docx.js';

// The supervision centre's list as a spreadsheet: the rows of the screen with its filters, most urgent first.

export const centreColumns: ExportColumn<CentreRow>[] = [
  { header: '诉求编号', width: 20, value: (r) => r.code },
  { header: '诉求标题', width: 44, value: (r) => r.title },
  { header: '状态', width: 14, value: (r) => statusLabels[r.status] },
  { header: '问题类别', width: 22, value: (r) => r.categoryName },
  { header: '主办单位', width: 26, value: (r) => r.leadDepartmentName },
  { header: '预警', width: 10, value: (r) => warningLevelLabels[r.warningLevel] },
  { header: '督办', width: 10, value: (r) => supervisionLevelLabels[r.supervisionLevel] ?? r.supervisionLevel },
  { header: '未办结督办单', width: 14, value: (r) => (r.openOrderLevel ? levelNames[r.openOrderLevel] : null) },
  { header: '答复期限', width: 18, date: 'datetime', value: (r) => (r.replyDeadline ? new Date(r.replyDeadline) : null) },
  { header: '是否超期', width: 10, value: (r) => (r.isOverdue ? '已超期' : '') },
  { header: '已历时（天）', width: 12, value: (r) => r.ageDays },
  { header: '待审申请', width: 14, value: (r) => [r.pendingExtension && '延期', r.pendingReturn && '退单'].filter(Boolean).join('、') || null },
  { header: '登记时间', width: 18, date: 'datetime', value: (r) => new Date(r.createdAt) },
];

/** Every row of the centre with the screen's filters in the screen's order: the ordered ids once, then pages of rows. */
export async function* centrePages(deps: AppDeps, q: Omit<CentreQuery, 'limit'>, pageSize = 500): AsyncIterable<CentreRow[]> {
  const ids = await findCentreIds(deps, q);
  if (!ids.length) yield [];
  for (let i = 0; i < ids.length; i += pageSize) {
    const page = ids.slice(i, i + pageSize);
    yield await centreRows(deps, { ...q, ids: page, limit: page.length });
  }
}

/** A Word list is for reading and printing: past this many rows it lists the most urgent and points to the Excel file. */
export const centreDocxLimit = 2_000;

/** The centre's list as a Word document (landscape, the most urgent first), to print or send with a report. */
export async function centreDocx(deps: AppDeps, q: Omit<CentreQuery, 'limit'>): Promise<Buffer> {
  const ids = await findCentreIds(deps, q);
  const rows: CentreRow[] = [];
  for (let i = 0; i < Math.min(ids.length, centreDocxLimit); i += 500) {
    const page = ids.slice(i, Math.min(i + 500, centreDocxLimit));
    rows.push(...(await centreRows(deps, { ...q, ids: page, limit: page.length })));
  }
  const asOf = deps.now();
  const cut = ids.length > rows.length ? `，本清单列最紧急的前${rows.length}件，完整清单请导出 Excel` : '';
  return listDocx({
    title: '督办中心在办诉求清单',
    subtitle: `截至${beijingDateTimeCn(asOf)}，共${ids.length}件${cut}`,
    signature: `${issuingOffice}　${beijingDateCn(asOf)}`,
    headers: ['序号', ...centreColumns.map((c) => c.header)],
    rows: rows.map((r, i) => [String(i + 1), ...centreColumns.map((c) => {
      const v = c.value(r);
      return v instanceof Date ? beijingDateTimeCn(v) : v == null ? '' : String(v);
    })]),
  });
}
