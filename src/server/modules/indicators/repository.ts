import { sql } from 'kysely';
import type { IndicatorsTable } from '../../db/schema-indicators.js';
import type { Tx } from '../../kernel/index.js';
import type { Indicator } from '../../../contracts/indicators.js';

// The registry's rows: read and write `indicators` (this area is its one writer).

export type IndicatorRow = Omit<Indicator, 'leadDepartmentName' | 'responsibleDepartmentNames'>;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function toIndicator(r: {
  id: number; year: number; system: IndicatorsTable['system']; code: string; parent_id: number | null; name: string; definition: string; unit: string;
  direction: 'higher' | 'lower'; weight: string | number; lead_department_id: number | null; responsible_department_ids: number[];
  target_province_best: string | null; target_benchmark: string | null; target_commitment: string | null; sort_order: number; version: number;
}): IndicatorRow {
  return {
    id: r.id, year: r.year, system: r.system, code: r.code, parentId: r.parent_id, name: r.name, definition: r.definition, unit: r.unit,
    direction: r.direction, weight: Number(r.weight), leadDepartmentId: r.lead_department_id, responsibleDepartmentIds: r.responsible_department_ids ?? [],
    targetProvinceBest: num(r.target_province_best), targetBenchmark: num(r.target_benchmark), targetCommitment: num(r.target_commitment),
    sortOrder: r.sort_order, version: r.version,
  };
}

export async function loadIndicators(db: Tx, year: number, system: IndicatorsTable['system']): Promise<IndicatorRow[]> {
  const rows = await db.selectFrom('indicators').selectAll().where('year', '=', year).where('system', '=', system)
    .orderBy('sort_order').orderBy('id').execute();
  return rows.map(toIndicator);
}

export async function getIndicatorRow(db: Tx, id: number): Promise<IndicatorRow | undefined> {
  const r = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toIndicator(r) : undefined;
}

export async function indicatorYears(db: Tx, system: IndicatorsTable['system']): Promise<number[]> {
  const rows = await db.selectFrom('indicators').select('year').distinct().where('system', '=', system).orderBy('year').execute();
  return rows.map((r) => r.year);
}

/** Registry changes line up behind one lock, so code and parent checks see a settled registry. */
export async function lockRegistry(tx: Tx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(73210045)`.execute(tx);
}

export type IndicatorValues = Omit<IndicatorRow, 'id' | 'version'>;

const columns = (v: IndicatorValues) => ({
  year: v.year, system: v.system, code: v.code, parent_id: v.parentId, name: v.name, definition: v.definition, unit: v.unit, direction: v.direction,
  weight: v.weight, lead_department_id: v.leadDepartmentId, responsible_department_ids: v.responsibleDepartmentIds,
  target_province_best: v.targetProvinceBest, target_benchmark: v.targetBenchmark, target_commitment: v.targetCommitment, sort_order: v.sortOrder,
});

export async function insertIndicator(tx: Tx, v: IndicatorValues, now: Date): Promise<number> {
  const r = await tx.insertInto('indicators').values({ ...columns(v), updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateIndicator(tx: Tx, id: number, version: number, v: IndicatorValues, now: Date): Promise<boolean> {
  const r = await tx.updateTable('indicators').set({ ...columns(v), version: version + 1, updated_at: now })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
