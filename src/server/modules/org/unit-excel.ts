import ExcelJS from 'exceljs';
import type { UnitImportResult } from '../../../contracts/org-units.js';
import { locateUnitHeader, planUnitImport, unitImportHeaders, type PlannedRow } from '../../../domain/org/import-plan.js';
import { unitKindLabels } from '../../../domain/org/units.js';
import { AppError } from '../../errors.js';
import { readTableRows, type TableRow } from '../../import-file/read-table.js';
import { inTransaction, safeCell, type Tx } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { effectiveDate, type CommandContext } from './unit-commands.js';
import { insertUnit, lockOrganisation, recordChanges, unitState } from './unit-store.js';

// Excel import and export of the tree in the shape a city already keeps it. The import refuses the whole file when any
// row has a problem: a tree imported in part leaves children without their parent row, and a second import of the
// corrected file would then meet half its codes taken. The dry run lists every row's problems in Chinese.

/** A tree file of more rows than a province has units is refused (the reader's own limits still apply). */
export const maxUnitRows = 20_000;

async function readRows(filePath: string) {
  const all: TableRow[] = [];
  for await (const r of readTableRows(filePath, { formats: ['csv', 'xlsx'] })) {
    all.push(r);
    if (all.length > maxUnitRows + 10) throw new AppError('IMPORT_TOO_MANY_ROWS', { maxRows: maxUnitRows });
  }
  const header = locateUnitHeader(all.map((r) => r.cells));
  if (!header) throw new AppError('IMPORT_NO_HEADER', { expected: unitImportHeaders });
  const missing = unitImportHeaders.filter((_, i) => header.columns[i] < 0 && i !== 1 && i !== 4);
  if (missing.length) throw new AppError('IMPORT_REQUIRED_COLUMNS', { missing });
  return { rows: all.slice(header.index + 1), columns: header.columns };
}

async function existingUnits(tx: Tx) {
  const rows = await tx.selectFrom('departments').select(['id', 'code', 'name', 'is_active']).execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, isActive: r.is_active }));
}

const present = (rows: PlannedRow[], dryRun: boolean, imported: number): UnitImportResult => ({
  dryRun, imported, errors: rows.filter((r) => r.problems.length).length,
  rows: rows.map(({ plan: _plan, ...r }) => r),
});

export async function importUnits(ctx: CommandContext, filePath: string, opts: { dryRun: boolean; effectiveOn?: string }): Promise<UnitImportResult> {
  const on = effectiveDate(opts.effectiveOn, ctx.now);
  const { rows, columns } = await readRows(filePath);
  if (opts.dryRun) return present(planUnitImport(rows, columns, await existingUnits(ctx.db)), true, 0);
  return inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx);
    const existing = await existingUnits(tx);
    const planned = planUnitImport(rows, columns, existing);
    const bad = planned.filter((r) => r.problems.length);
    if (bad.length) throw new AppError('UNIT_IMPORT_INVALID', { errors: bad.length, rows: bad.slice(0, 200).map(({ plan: _p, ...r }) => r) });
    const byCode = new Map(existing.map((u) => [u.code.toLowerCase(), u.id]));
    const ids: number[] = [];
    const created = [];
    for (const r of planned) {
      const plan = r.plan!;
      if (plan.skip) {
        ids.push(byCode.get(r.code.toLowerCase())!);
        continue;
      }
      const parentId = plan.parent == null ? null : 'existingId' in plan.parent ? plan.parent.existingId : ids[plan.parent.rowIndex];
      const row = await insertUnit(tx, { name: r.name, code: r.code, kind: plan.kind, parentId, phone: r.phone || null });
      ids.push(row.id);
      created.push(row);
    }
    await recordChanges(tx, created.map((c) => ({ departmentId: c.id, change: 'create' as const, effectiveOn: on, after: unitState(c), by: ctx.user.id, at: ctx.now })));
    await recordAdminChange(tx, staffActor(ctx.user, ctx.address), {
      action: 'unit.import', targetType: 'unit', targetName: `导入 ${created.length} 个单位`,
      after: { effectiveOn: on, created: created.length, skipped: planned.length - created.length, codes: created.slice(0, 500).map((c) => c.code) },
    }, ctx.now);
    return present(planned, false, created.length);
  });
}

/** The active tree, parents before children, in the import's columns (a parent named by its code when its name is not unique). */
export async function exportUnits(db: Tx): Promise<Buffer> {
  const rows = await db.selectFrom('departments').select(['id', 'code', 'name', 'kind', 'parent_id', 'phone', 'is_active'])
    .where('is_active', '=', true).orderBy('sort_order').orderBy('id').execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nameCount = new Map<string, number>();
  for (const r of rows) nameCount.set(r.name, (nameCount.get(r.name) ?? 0) + 1);
  const ordered: typeof rows = [];
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) {
    const p = r.parent_id != null && byId.has(r.parent_id) ? r.parent_id : null;
    children.set(p, [...(children.get(p) ?? []), r]);
  }
  const walk = (p: number | null) => {
    for (const c of children.get(p) ?? []) {
      ordered.push(c);
      walk(c.id);
    }
  };
  walk(null);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织机构');
  ws.columns = [
    { header: '单位名称', key: 'name', width: 36 }, { header: '上级单位', key: 'parent', width: 30 }, { header: '单位类型', key: 'kind', width: 14 },
    { header: '单位编码', key: 'code', width: 16 }, { header: '联系电话', key: 'phone', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of ordered) {
    const parent = r.parent_id == null ? null : byId.get(r.parent_id);
    const parentText = parent ? ((nameCount.get(parent.name) ?? 0) > 1 ? parent.code : parent.name) : '';
    ws.addRow({ name: safeCell(r.name), parent: safeCell(parentText), kind: unitKindLabels[r.kind], code: safeCell(r.code), phone: safeCell(r.phone ?? '') });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
