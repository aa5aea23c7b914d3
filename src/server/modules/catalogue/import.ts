import type { CatalogueImportRequest, CatalogueImportResult, CatalogueImportRow } from '../../../contracts/catalogue.js';
import { catalogueColumns } from '../../../contracts/catalogue.js';
import { messageFor } from '../../../contracts/errors.js';
import { cleanTags, parseKinds, splitList } from '../../../domain/catalogue/catalogue.js';
import type { CaseKind } from '../../../domain/case/status.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { readTableFromBuffer } from '../../import-file/read-table.js';
import { inTransaction } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { refusalOf, sameSnapshot } from './check.js';
import { effectiveDateOf, recordChange, type Caller } from './commands.js';
import { activeDepartmentIds, insertCategory, loadCategories, lockCatalogue, snapshotOf, updateCategory, type CategorySnapshot, type CategoryState } from './repository.js';

// Excel/CSV import of the catalogue, matched by 类别编码: new codes are created, known ones updated. The dry run
// runs the very same steps in a transaction that is rolled back, so what it reports is what the import does. Each
// row stands alone: a row with a problem is reported in Chinese and skipped, the good rows are imported. Active rows
// are applied parents first; rows that deactivate (状态 停用) after them, children first, so a file may retire a
// group together with its leaves.

const [colCode, colName, colParent, colKind, colAccepted, colLead, colCo, colTags, colStatus] = catalogueColumns;

interface Parsed {
  rowNumber: number;
  code: string;
  name: string;
  parentText: string;
  kind: CaseKind | null;
  acceptedKinds: CaseKind[];
  leadDepartmentId: number | null;
  coDepartmentIds: number[];
  tags: string[];
  isActive: boolean;
  problems: string[];
}

class DryRunDone extends Error {}

export async function importCatalogue(deps: AppDeps, caller: Caller, req: CatalogueImportRequest): Promise<CatalogueImportResult> {
  const buffer = Buffer.from(req.contentBase64, 'base64');
  let table;
  try {
    table = await readTableFromBuffer(buffer, req.fileName, {
      formats: ['csv', 'xlsx'], maxBytes: 5 * 1024 * 1024, isHeader: (cells) => cells.some((c) => (catalogueColumns as readonly string[]).includes(c)),
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'IMPORT_NO_HEADER') throw new AppError('CATEGORY_FILE_INVALID', { missing: [colCode, colName] });
    throw err;
  }
  if (!table.headers.includes(colCode) || !table.headers.includes(colName)) {
    throw new AppError('CATEGORY_FILE_INVALID', { missing: [colCode, colName].filter((h) => !table.headers.includes(h)) });
  }
  const effectiveDate = effectiveDateOf(deps, undefined);
  let result: CatalogueImportResult | null = null;
  try {
    await inTransaction(deps.database.db, async (tx) => {
      await lockCatalogue(tx);
      const all = await loadCategories(tx);
      const departments = await activeDepartmentIds(tx);
      const units = await tx.selectFrom('departments').select(['id', 'code', 'name']).execute();
      const unitOf = (text: string) => units.find((u) => u.name === text) ?? units.find((u) => u.code === text);
      const parsed = table.rows.map((r) => parseRow(r.rowNumber, r.values, unitOf));
      const outcome = new Map<Parsed, CatalogueImportRow>();
      const seen = new Map<string, Parsed>();
      for (const p of parsed) {
        const key = p.code.toLowerCase();
        if (p.code && seen.has(key)) p.problems.push(`类别编码 ${p.code} 在第 ${seen.get(key)!.rowNumber} 行已出现`);
        else seen.set(key, p);
      }
      const fileByCode = new Map(parsed.filter((p) => p.code).map((p) => [p.code.toLowerCase(), p]));
      // A parent may be named by code or, when unambiguous, by name (in the catalogue or in the file).
      const parentCodeOf = (p: Parsed): string | null => {
        if (!p.parentText) return null;
        const t = p.parentText.toLowerCase();
        if (fileByCode.has(t) || all.some((c) => c.code.toLowerCase() === t)) return p.parentText;
        const names = new Set([...all.filter((c) => c.name === p.parentText).map((c) => c.code), ...parsed.filter((x) => x.name === p.parentText && x.code).map((x) => x.code)]);
        if (names.size === 1) return [...names][0];
        p.problems.push(names.size > 1 ? `上级类别「${p.parentText}」对应多个类别，请填写类别编码` : `找不到上级类别「${p.parentText}」`);
        return null;
      };
      const parentCodes = new Map(parsed.map((p) => [p, parentCodeOf(p)]));
      const depths = new Map<Parsed, number>();
      const depth = (p: Parsed): number => {
        if (!depths.has(p)) depths.set(p, depthUncached(p));
        return depths.get(p)!;
      };
      const byCode = new Map(all.map((c) => [c.code.toLowerCase(), c]));
      const byId = new Map(all.map((c) => [c.id, c]));
      const depthUncached = (p: Parsed, guard = 0): number => {
        const parentCode = parentCodes.get(p);
        if (!parentCode || guard > 50) return 1;
        const inFile = fileByCode.get(parentCode.toLowerCase());
        if (inFile && inFile !== p) return 1 + depthUncached(inFile, guard + 1);
        let d = 1;
        for (let c = byCode.get(parentCode.toLowerCase()); c && d < 50; c = c.parentId == null ? undefined : byId.get(c.parentId)) d++;
        return d;
      };
      const order = [
        ...parsed.filter((p) => p.isActive).sort((a, b) => depth(a) - depth(b)),
        ...parsed.filter((p) => !p.isActive).sort((a, b) => depth(b) - depth(a)),
      ];
      const failedCodes = new Set<string>();
      for (const p of order) {
        const row = (action: CatalogueImportRow['action'], problems: string[] = []) => outcome.set(p, { rowNumber: p.rowNumber, code: p.code, name: p.name, action, problems });
        if (p.problems.length) {
          failedCodes.add(p.code.toLowerCase());
          row('error', p.problems);
          continue;
        }
        const parentCode = parentCodes.get(p);
        const parent = parentCode ? all.find((c) => c.code.toLowerCase() === parentCode.toLowerCase()) : undefined;
        if (parentCode && !parent) {
          failedCodes.add(p.code.toLowerCase());
          row('error', [failedCodes.has(parentCode.toLowerCase()) ? `上级类别 ${parentCode} 所在行有误，本行未导入` : `找不到上级类别「${parentCode}」`]);
          continue;
        }
        const existing = all.find((c) => c.code.toLowerCase() === p.code.toLowerCase());
        const before = existing ? snapshotOf(existing) : null;
        const acceptedKinds = p.acceptedKinds;
        const next: CategorySnapshot = {
          code: existing?.code ?? p.code, name: p.name, parentId: parent?.id ?? null,
          kind: p.kind ?? (existing && (acceptedKinds.length === 0 || acceptedKinds.includes(existing.kind as CaseKind)) ? existing.kind : acceptedKinds[0] ?? 'complaint'),
          acceptedKinds, leadDepartmentId: p.leadDepartmentId, coDepartmentIds: p.coDepartmentIds, tags: p.tags, indicatorCodes: existing?.indicatorCodes ?? [], isActive: p.isActive,
          sortOrder: existing?.sortOrder ?? Math.max(-1, ...all.map((c) => c.sortOrder)) + 1,
        };
        const refusal = refusalOf(next, before, existing?.id ?? null, all, departments);
        if (refusal) {
          failedCodes.add(p.code.toLowerCase());
          row('error', [messageFor(refusal)]);
          continue;
        }
        if (before && sameSnapshot(before, next)) {
          row('unchanged');
          continue;
        }
        const now = deps.now();
        let state: CategoryState;
        if (existing) {
          if (!(await updateCategory(tx, existing.id, existing.version, next, now))) throw new AppError('CATEGORY_STALE');
          state = { ...next, id: existing.id, version: existing.version + 1 };
          all.splice(all.indexOf(existing), 1, state);
        } else {
          state = { ...next, id: await insertCategory(tx, next, now), version: 1 };
          all.push(state);
        }
        await recordChange(deps, tx, caller, { id: state.id, action: 'import', effectiveDate, reason: `由文件 ${req.fileName} 导入`, before, after: next }, false);
        row(existing ? 'update' : 'create');
      }
      const rows = parsed.map((p) => outcome.get(p)!).sort((a, b) => a.rowNumber - b.rowNumber);
      const count = (a: CatalogueImportRow['action']) => rows.filter((r) => r.action === a).length;
      result = { dryRun: req.dryRun, rows, created: count('create'), updated: count('update'), unchanged: count('unchanged'), failed: count('error') };
      if (req.dryRun) throw new DryRunDone();
      if (result.created + result.updated > 0) {
        await recordAdminChange(tx, staffActor(caller.user, caller.address), {
          action: 'category.import', targetType: 'category', targetName: req.fileName,
          after: { fileName: req.fileName, created: result.created, updated: result.updated, failed: result.failed, codes: rows.filter((r) => r.action === 'create' || r.action === 'update').map((r) => r.code) },
        }, deps.now());
      }
    });
  } catch (err) {
    if (!(err instanceof DryRunDone)) throw err;
  }
  if (!req.dryRun) deps.directory.invalidate();
  return result!;
}

function parseRow(rowNumber: number, cells: Record<string, string>, unitOf: (text: string) => { id: number } | undefined): Parsed {
  const problems: string[] = [];
  const get = (h: string) => (cells[h] ?? '').trim();
  const code = get(colCode);
  const name = get(colName);
  if (!code) problems.push('类别编码为空');
  if (!name) problems.push('类别名称为空');
  else if (name.length > 60) problems.push('类别名称超过 60 个字');
  const accepted = get(colAccepted) === '不限' ? { kinds: [], unknown: [] } : parseKinds(get(colAccepted));
  if (accepted.unknown.length) problems.push(`受理类型「${accepted.unknown.join('、')}」无法识别（可填 咨询、求助、投诉、举报、建议）`);
  let kind: CaseKind | null = null;
  if (get(colKind)) {
    const k = parseKinds(get(colKind));
    if (k.kinds.length !== 1 || k.unknown.length) problems.push(`默认诉求类型「${get(colKind)}」无法识别`);
    else kind = k.kinds[0];
  }
  let leadDepartmentId: number | null = null;
  if (get(colLead)) {
    const u = unitOf(get(colLead));
    if (!u) problems.push(`找不到默认牵头单位「${get(colLead)}」`);
    else leadDepartmentId = u.id;
  }
  const coDepartmentIds: number[] = [];
  for (const text of splitList(get(colCo))) {
    const u = unitOf(text);
    if (!u) problems.push(`找不到默认协办单位「${text}」`);
    else if (!coDepartmentIds.includes(u.id)) coDepartmentIds.push(u.id);
  }
  const tags = cleanTags(splitList(get(colTags)));
  if (tags.some((t) => t.length > 30)) problems.push('标签超过 30 个字');
  const status = get(colStatus);
  if (status && !['启用', '停用', '正常', '已停用'].includes(status)) problems.push(`状态「${status}」无法识别（可填 启用 或 停用）`);
  return {
    rowNumber, code, name, parentText: get(colParent), kind, acceptedKinds: accepted.kinds, leadDepartmentId, coDepartmentIds, tags,
    isActive: !(status === '停用' || status === '已停用'), problems,
  };
}
