import ExcelJS from 'exceljs';
import type { AdminAuditEntry } from '../../../contracts/admin-audit.js';
import { changeLines } from '../../../domain/admin-audit/diff.js';
import { excelLocal, safeCell } from '../../kernel/index.js';

const headers = ['序号', '时间', '操作人', '来源地址', '操作', '对象类型', '对象', '变更内容（变更前 → 变更后）'];

/** The filtered trail as a spreadsheet: one row per entry, the changed fields one per line. */
export async function adminAuditXlsx(items: AdminAuditEntry[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = title;
  const ws = wb.addWorksheet('安全审计', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { key: 'seq', width: 8 }, { key: 'at', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } }, { key: 'actor', width: 24 },
    { key: 'address', width: 16 }, { key: 'action', width: 18 }, { key: 'type', width: 12 }, { key: 'target', width: 28 },
    { key: 'changes', width: 70 },
  ];
  const header = ws.addRow(headers);
  header.font = { bold: true };
  for (const it of items) {
    const row = ws.addRow({
      seq: it.seq, at: excelLocal(new Date(it.at)), actor: safeCell(it.actorName), address: it.address ?? '', action: it.actionLabel,
      type: it.targetTypeLabel, target: safeCell(it.targetName ?? it.targetId ?? ''), changes: safeCell(changeLines(it.before, it.after)),
    });
    row.getCell('changes').alignment = { wrapText: true, vertical: 'top' };
  }
  ws.autoFilter = { from: 'A1', to: 'H1' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
