import type { IndicatorCreate, IndicatorUpdate } from '../../../contracts/indicators.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser, type Tx } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import {
  getIndicatorRow, insertIndicator, loadIndicators, lockRegistry, updateIndicator, type IndicatorRow, type IndicatorValues,
} from './repository.js';

// The registry's commands: create, edit, copy a year's system to the next, each one transaction with its admin
// audit entry. Figures point at the row of their year, so editing next year's copy never rewrites this year's figures.

export interface Caller {
  user: StaffUser;
  address: string | null;
}

const codePattern = /^[A-Za-z0-9._-]{1,40}$/;

/** The refusal for a registry row among its year's and system's rows, or null. */
export async function refusalOf(tx: Tx, v: IndicatorValues, selfId: number | null, all: readonly IndicatorRow[]): Promise<string | null> {
  if (!codePattern.test(v.code)) return 'INDICATOR_CODE_INVALID';
  if (all.some((x) => x.code === v.code && x.id !== selfId)) return 'INDICATOR_CODE_TAKEN';
  if (v.parentId !== null) {
    const parent = all.find((x) => x.id === v.parentId);
    if (!parent || parent.parentId !== null || parent.id === selfId) return 'INDICATOR_PARENT_INVALID';
    if (selfId !== null && all.some((x) => x.parentId === selfId)) return 'INDICATOR_PARENT_INVALID';
  } else if (v.leadDepartmentId === null) {
    return 'INDICATOR_LEAD_REQUIRED';
  }
  const units = [v.leadDepartmentId, ...v.responsibleDepartmentIds].filter((x): x is number => x !== null);
  if (units.length) {
    const found = await tx.selectFrom('departments').select('id').where('id', 'in', units).execute();
    if (new Set(found.map((d) => d.id)).size !== new Set(units).size) return 'DEPARTMENT_NOT_FOUND';
  }
  return null;
}

function refuse(code: string | null): void {
  if (code) throw new AppError(code as never);
}

export async function createIndicator(deps: AppDeps, caller: Caller, input: IndicatorCreate): Promise<number> {
  return inTransaction(deps.database.db, async (tx) => {
    await lockRegistry(tx);
    const all = await loadIndicators(tx, input.year, input.system);
    const v: IndicatorValues = {
      year: input.year, system: input.system, code: input.code, parentId: input.parentId, name: input.name, definition: input.definition,
      unit: input.unit, direction: input.direction, weight: input.weight, leadDepartmentId: input.leadDepartmentId,
      responsibleDepartmentIds: [...new Set(input.responsibleDepartmentIds)], targetProvinceBest: input.targetProvinceBest,
      targetBenchmark: input.targetBenchmark, targetCommitment: input.targetCommitment,
      sortOrder: input.sortOrder ?? Math.max(-1, ...all.map((x) => x.sortOrder)) + 1,
    };
    refuse(await refusalOf(tx, v, null, all));
    const id = await insertIndicator(tx, v, deps.now());
    await recordAdminChange(tx, staffActor(caller.user, caller.address), {
      action: 'indicator.create', targetType: 'indicator', targetId: id, targetName: `${v.year} ${v.name}`, before: null, after: v,
    }, deps.now());
    return id;
  });
}

export async function editIndicator(deps: AppDeps, caller: Caller, id: number, input: IndicatorUpdate): Promise<void> {
  await inTransaction(deps.database.db, async (tx) => {
    await lockRegistry(tx);
    const row = await getIndicatorRow(tx, id);
    if (!row) throw new AppError('INDICATOR_NOT_FOUND');
    if (row.version !== input.version) throw new AppError('INDICATOR_STALE', { version: row.version });
    const all = await loadIndicators(tx, row.year, row.system);
    const { id: _id, version: _v, ...before } = row;
    const v: IndicatorValues = {
      ...before, name: input.name, definition: input.definition, unit: input.unit, direction: input.direction, weight: input.weight,
      leadDepartmentId: input.leadDepartmentId, responsibleDepartmentIds: [...new Set(input.responsibleDepartmentIds)],
      targetProvinceBest: input.targetProvinceBest, targetBenchmark: input.targetBenchmark, targetCommitment: input.targetCommitment,
      sortOrder: input.sortOrder ?? before.sortOrder,
    };
    refuse(await refusalOf(tx, v, id, all));
    if (!(await updateIndicator(tx, id, row.version, v, deps.now()))) throw new AppError('INDICATOR_STALE');
    await recordAdminChange(tx, staffActor(caller.user, caller.address), {
      action: 'indicator.update', targetType: 'indicator', targetId: id, targetName: `${v.year} ${v.name}`, before, after: v,
    }, deps.now());
  });
}

/** Copies one year's system (first-level rows, then their sub-measures) to an empty target year; returns rows copied. */
export async function copyYear(deps: AppDeps, caller: Caller, system: IndicatorRow['system'], fromYear: number, toYear: number): Promise<number> {
  return inTransaction(deps.database.db, async (tx) => {
    await lockRegistry(tx);
    const source = await loadIndicators(tx, fromYear, system);
    if (!source.length) throw new AppError('INDICATOR_YEAR_EMPTY');
    if ((await loadIndicators(tx, toYear, system)).length) throw new AppError('INDICATOR_YEAR_EXISTS');
    const now = deps.now();
    const newId = new Map<number, number>();
    const ordered = [...source.filter((x) => x.parentId === null), ...source.filter((x) => x.parentId !== null)];
    for (const x of ordered) {
      const { id, version: _v, ...v } = x;
      newId.set(id, await insertIndicator(tx, { ...v, year: toYear, parentId: x.parentId === null ? null : newId.get(x.parentId)! }, now));
    }
    await recordAdminChange(tx, staffActor(caller.user, caller.address), {
      action: 'indicator.copy_year', targetType: 'indicator', targetId: `${system}:${toYear}`, targetName: `${toYear} 年度指标体系`,
      before: null, after: { system, fromYear, toYear, rows: source.length },
    }, now);
    return source.length;
  });
}
