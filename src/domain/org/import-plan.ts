import { unitCodePattern, unitKindLabels, unitKinds, type UnitKind } from './units.js';

// The organisation tree from a city's own spreadsheet (单位名称, 上级单位, 单位类型, 单位编码, 联系电话): each row checked,
// its problems in Chinese. Pure: the existing units are passed in. A parent is an existing unit or a row earlier in
// the file, named by its name or its code.

export const unitImportHeaders = ['单位名称', '上级单位', '单位类型', '单位编码', '联系电话'] as const;

export interface ExistingUnit {
  id: number;
  code: string;
  name: string;
  isActive: boolean;
}

export interface PlannedRow {
  row: number;
  name: string;
  parent: string;
  kind: string;
  code: string;
  phone: string;
  problems: string[];
  /** What the row becomes when the file has no problems. */
  plan: null | { kind: UnitKind; parent: { existingId: number } | { rowIndex: number } | null; skip: boolean };
}

const kindByText = new Map<string, UnitKind>([
  ...unitKinds.map((k) => [k, k] as const),
  ...unitKinds.map((k) => [unitKindLabels[k], k] as const),
  ['市直单位', 'city_department'], ['部门', 'city_department'], ['县区', 'district'], ['县市区', 'district'], ['区县', 'district'],
  ['乡镇', 'town'], ['街道', 'town'], ['社区', 'community'], ['村', 'community'], ['网格', 'community'], ['村（社区）', 'community'],
  ['公用事业', 'utility'], ['公用事业单位', 'utility'], ['垂管单位', 'vertical'], ['垂直管理', 'vertical'], ['政法机关', 'judicial'],
  ['办公室', 'office'], ['开发区', 'park'], ['产业园区', 'park'],
]);

const phonePattern = /^[0-9+\-()（）\s,，、/转]*$/;

/** Finds the header row (the first with 单位名称) and the column of each expected header. */
export function locateUnitHeader(rows: readonly string[][]): { index: number; columns: number[] } | null {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cells = rows[i].map((c) => c.replace(/\s/g, ''));
    if (!cells.includes('单位名称')) continue;
    return { index: i, columns: unitImportHeaders.map((h) => cells.indexOf(h)) };
  }
  return null;
}

export function planUnitImport(rows: { rowNumber: number; cells: string[]; error?: string }[], columns: number[], existing: readonly ExistingUnit[]): PlannedRow[] {
  const byCode = new Map(existing.map((u) => [u.code.toLowerCase(), u]));
  const byName = new Map<string, ExistingUnit[]>();
  for (const u of existing) if (u.isActive) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  const fileCodes = new Map<string, number>();
  const fileNames = new Map<string, number[]>();
  const out: PlannedRow[] = [];
  const cell = (cells: string[], i: number) => (columns[i] >= 0 ? (cells[columns[i]] ?? '').trim() : '');

  for (const r of rows) {
    const [name, parent, kindText, code, phone] = [0, 1, 2, 3, 4].map((i) => cell(r.cells, i));
    const problems: string[] = [];
    if (r.error) problems.push(r.error);
    if (!name) problems.push('缺少单位名称');
    else if (name.length > 100) problems.push('单位名称超过 100 字');
    const kind = kindByText.get(kindText);
    if (!kindText) problems.push('缺少单位类型');
    else if (!kind) problems.push(`单位类型「${kindText}」无法识别，可填：${unitKinds.map((k) => unitKindLabels[k]).join('、')}`);
    let skip = false;
    if (!code) problems.push('缺少单位编码');
    else if (!unitCodePattern.test(code)) problems.push('单位编码只能由字母、数字、“-”和“_”组成，最长 32 位');
    else if (fileCodes.has(code.toLowerCase())) problems.push(`单位编码与第 ${fileCodes.get(code.toLowerCase())} 行重复`);
    else if (byCode.has(code.toLowerCase())) {
      const u = byCode.get(code.toLowerCase())!;
      if (u.name === name) skip = true;
      else problems.push(`单位编码「${code}」已被「${u.name}」使用`);
    }
    if (phone.length > 40) problems.push('联系电话超过 40 位');
    else if (!phonePattern.test(phone)) problems.push('联系电话只能包含数字、“-”、括号和分隔符');

    let parentRef: { existingId: number } | { rowIndex: number } | null = null;
    if (parent) {
      const earlierByCode = fileCodes.get(parent.toLowerCase());
      const existingByCode = byCode.get(parent.toLowerCase());
      // Candidates by name, each once: an earlier row already in the system (same code) is that unit.
      const candidates = new Map<string, { existingId: number } | { rowIndex: number }>();
      for (const row of fileNames.get(parent) ?? []) {
        const i = out.findIndex((o) => o.row === row);
        const same = out[i].plan?.skip ? byCode.get(out[i].code.toLowerCase()) : undefined;
        if (same) candidates.set(`e${same.id}`, { existingId: same.id });
        else candidates.set(`r${i}`, { rowIndex: i });
      }
      for (const u of byName.get(parent) ?? []) candidates.set(`e${u.id}`, { existingId: u.id });
      if (earlierByCode !== undefined) {
        const i = out.findIndex((o) => o.row === earlierByCode);
        const same = out[i].plan?.skip ? byCode.get(out[i].code.toLowerCase()) : undefined;
        parentRef = same ? { existingId: same.id } : { rowIndex: i };
      } else if (existingByCode) {
        if (!existingByCode.isActive) problems.push(`上级单位「${parent}」已停用`);
        parentRef = { existingId: existingByCode.id };
      } else if (candidates.size > 1) problems.push(`上级单位「${parent}」有多个同名单位，请改填上级单位的编码`);
      else if (candidates.size === 1) parentRef = [...candidates.values()][0];
      else problems.push(`上级单位「${parent}」不存在（须为系统中已有的单位，或文件中前面的行）`);
      if (parentRef && 'rowIndex' in parentRef && out[parentRef.rowIndex]?.problems.length) problems.push(`上级单位「${parent}」所在行有错误`);
    }
    if (code && !fileCodes.has(code.toLowerCase())) fileCodes.set(code.toLowerCase(), r.rowNumber);
    if (name) fileNames.set(name, [...(fileNames.get(name) ?? []), r.rowNumber]);
    out.push({ row: r.rowNumber, name, parent, kind: kindText, code, phone, problems, plan: problems.length || !kind ? null : { kind, parent: parentRef, skip } });
  }
  return out;
}
