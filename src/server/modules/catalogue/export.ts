import ExcelJS from 'exceljs';
import { catalogueColumns } from '../../../contracts/catalogue.js';
import { caseKindLabels } from '../../../domain/catalogue/catalogue.js';
import type { CaseKind } from '../../../domain/case/status.js';
import { safeCell, type Tx } from '../../kernel/index.js';
import { loadCategories } from './repository.js';

// The catalogue as an Excel sheet in the columns the import reads (类别编码 … 状态), so an export can be edited and
// imported back. 上级类别 is the parent's code; units are their names.

export async function catalogueXlsx(db: Tx): Promise<Buffer> {
  const [all, units] = await Promise.all([loadCategories(db), db.selectFrom('departments').select(['id', 'name']).execute()]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byId = new Map(all.map((c) => [c.id, c]));
  const kinds = (ks: readonly string[]) => (ks.length ? ks.map((k) => caseKindLabels[k as CaseKind] ?? k).join('、') : '不限');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题类别', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [22, 24, 22, 14, 30, 26, 40, 24, 8];
  ws.columns = catalogueColumns.map((header, i) => ({ header, key: header, width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  // Parents before children, in the catalogue's order.
  const ordered: typeof all = [];
  const visit = (parentId: number | null) => {
    for (const c of all.filter((x) => x.parentId === parentId)) {
      ordered.push(c);
      visit(c.id);
    }
  };
  visit(null);
  for (const c of ordered) {
    ws.addRow([
      safeCell(c.code), safeCell(c.name), c.parentId == null ? '' : safeCell(byId.get(c.parentId)?.code ?? ''), caseKindLabels[c.kind as CaseKind] ?? c.kind,
      kinds(c.acceptedKinds), c.leadDepartmentId == null ? '' : unitName.get(c.leadDepartmentId) ?? '',
      c.coDepartmentIds.map((d) => unitName.get(d) ?? '').filter(Boolean).join('、'), c.tags.map(safeCell).join('、'), c.isActive ? '启用' : '停用',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
