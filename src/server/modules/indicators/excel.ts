import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { zIndicatorImport } from '../../../contracts/indicators.js';
import { indicatorColumns } from '../../../contracts/indicators.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { readTableFromBuffer } from '../../import-file/read-table.js';
import { inTransaction, safeCell, type Tx } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import type { Caller } from './registry.js';
import { refusalOf } from './registry.js';
import { insertIndicator, loadIndicators, lockRegistry, updateIndicator, type IndicatorRow, type IndicatorValues } from './repository.js';

// A year's system as an Excel sheet in the columns the import reads, so an export can be edited and imported back.
// The import matches rows by 指标编码 within the year and system: new codes are created, known ones updated. It is all
// or nothing: the first row the registry refuses names its row number and code, and nothing is written.

const directionText = { higher: '越高越好', lower: '越低越好' } as const;

export async function registryXlsx(db: Tx, year: number, system: IndicatorRow['system']): Promise<Buffer> {
  const [all, units] = await Promise.all([loadIndicators(db, year, system), db.selectFrom('departments').select(['id', 'name']).execute()]);
  const unit = new Map(units.map((u) => [u.id, u.name]));
  const code = new Map(all.map((x) => [x.id, x.code]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年指标`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = indicatorColumns.map((header) => ({ header, key: header, width: header === '定义' ? 40 : 16 }));
  ws.getRow(1).font = { bold: true };
  const ordered = all.filter((x) => x.parentId === null).flatMap((p) => [p, ...all.filter((c) => c.parentId === p.id)]);
  for (const x of ordered) {
    ws.addRow([
      safeCell(x.code), x.parentId === null ? '' : safeCell(code.get(x.parentId) ?? ''), safeCell(x.name), safeCell(x.definition), safeCell(x.unit),
      directionText[x.direction], x.weight, x.leadDepartmentId === null ? '' : unit.get(x.leadDepartmentId) ?? '',
      x.responsibleDepartmentIds.map((d) => unit.get(d) ?? '').filter(Boolean).join('、'),
      x.targetProvinceBest ?? '', x.targetBenchmark ?? '', x.targetCommitment ?? '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const numberOrNull = (s: string | undefined): number | null => {
  if (!s?.trim()) return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : Number.NaN;
};

export async function importRegistry(deps: AppDeps, caller: Caller, req: z.infer<typeof zIndicatorImport>): Promise<{ created: number; updated: number }> {
  const table = await readTableFromBuffer(Buffer.from(req.contentBase64, 'base64'), req.fileName, {
    formats: ['csv', 'xlsx'], maxBytes: 5 * 1024 * 1024, isHeader: (cells) => cells.includes(indicatorColumns[0]),
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'IMPORT_NO_HEADER') throw new AppError('INDICATOR_FILE_INVALID');
    throw err;
  });
  const [colCode, colParent, colName, colDef, colUnit, colDir, colWeight, colLead, colResp, colProv, colBench, colCommit] = indicatorColumns;
  if (!table.headers.includes(colCode) || !table.headers.includes(colName)) throw new AppError('INDICATOR_FILE_INVALID');
  return inTransaction(deps.database.db, async (tx) => {
    await lockRegistry(tx);
    const units = await tx.selectFrom('departments').select(['id', 'code', 'name']).execute();
    const unitOf = (t: string) => units.find((u) => u.name === t) ?? units.find((u) => u.code === t);
    let created = 0, updated = 0;
    // Parents first, so a sub-measure's 上级编码 finds a row written earlier in the same file.
    const rows = [...table.rows].sort((a, b) => Number(!!a.values[colParent]) - Number(!!b.values[colParent]));
    for (const r of rows) {
      const v = r.values;
      const fail = (code: string) => new AppError(code as never, { rowNumber: r.rowNumber, code: v[colCode] });
      const all = await loadIndicators(tx, req.year, req.system);
      const parent = v[colParent] ? all.find((x) => x.code === v[colParent] && x.parentId === null) : null;
      if (v[colParent] && !parent) throw fail('INDICATOR_PARENT_INVALID');
      const lead = v[colLead] ? unitOf(v[colLead]) : undefined;
      if (v[colLead] && !lead) throw fail('DEPARTMENT_NOT_FOUND');
      const resp = (v[colResp] ?? '').split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean).map((t) => unitOf(t));
      if (resp.some((u) => !u)) throw fail('DEPARTMENT_NOT_FOUND');
      const nums = [numberOrNull(v[colWeight]), numberOrNull(v[colProv]), numberOrNull(v[colBench]), numberOrNull(v[colCommit])];
      if (nums.some((n) => Number.isNaN(n))) throw fail('INDICATOR_FILE_INVALID');
      const existing = all.find((x) => x.code === v[colCode]);
      const values: IndicatorValues = {
        year: req.year, system: req.system, code: v[colCode] ?? '', parentId: parent?.id ?? null, name: v[colName] ?? '', definition: v[colDef] ?? '',
        unit: v[colUnit] ?? '', direction: v[colDir] === directionText.lower ? 'lower' : 'higher', weight: nums[0] ?? 0,
        leadDepartmentId: lead?.id ?? null, responsibleDepartmentIds: [...new Set(resp.map((u) => u!.id))],
        targetProvinceBest: nums[1], targetBenchmark: nums[2], targetCommitment: nums[3],
        sortOrder: existing?.sortOrder ?? Math.max(-1, ...all.map((x) => x.sortOrder)) + 1,
      };
      if (!values.name) throw fail('INDICATOR_FILE_INVALID');
      const refusal = await refusalOf(tx, values, existing?.id ?? null, all);
      if (refusal) throw fail(refusal);
      if (existing) {
        await updateIndicator(tx, existing.id, existing.version, values, deps.now());
        updated++;
      } else {
        await insertIndicator(tx, values, deps.now());
        created++;
      }
    }
    await recordAdminChange(tx, staffActor(caller.user, caller.address), {
      action: 'indicator.import', targetType: 'indicator', targetId: `${req.system}:${req.year}`, targetName: `${req.year} 年度指标体系`,
      before: null, after: { fileName: req.fileName, created, updated },
    }, deps.now());
    return { created, updated };
  });
}
