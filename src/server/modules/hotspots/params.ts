import type { Kysely } from 'kysely';
import type { HotspotParamsDto, HotspotParamsView } from '../../../contracts/hotspots.js';
import { editableHotspotParams, hotspotParamsWith, type HotspotParams } from '../../../domain/hotspots/index.js';
import type { AppDeps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { StaffUser } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { writeHotspotParams } from './repository.js';

// The detection's thresholds as the supervision office sets them (one row; the rules' defaults until first saved).
// A change applies from the next detection; hot spots already found keep the sentence they were found with.

function editable(p: HotspotParams): HotspotParamsDto {
  return Object.fromEntries(editableHotspotParams.map((k) => [k, p[k]])) as HotspotParamsDto;
}

/** The parameters the detection uses now. */
export async function hotspotParams(db: Kysely<DB>): Promise<HotspotParams> {
  const row = await db.selectFrom('hotspot_params').select('params').where('id', '=', 1).executeTakeFirst();
  return hotspotParamsWith((row?.params as Partial<HotspotParamsDto> | undefined) ?? null);
}

export async function hotspotParamsView(deps: AppDeps, user: StaffUser): Promise<HotspotParamsView> {
  const db = deps.database.db;
  const row = await db.selectFrom('hotspot_params').leftJoin('users', 'users.id', 'hotspot_params.updated_by')
    .select(['hotspot_params.params', 'hotspot_params.updated_at', 'users.display_name']).where('hotspot_params.id', '=', 1).executeTakeFirst();
  return {
    params: editable(hotspotParamsWith((row?.params as Partial<HotspotParamsDto> | undefined) ?? null)),
    defaults: editable(hotspotParamsWith(null)),
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    updatedBy: row?.display_name ?? null,
    canEdit: user.permissions.includes('hotspot:manage'),
  };
}

export async function saveHotspotParams(deps: AppDeps, user: StaffUser, address: string | null, input: HotspotParamsDto): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const before = editable(await hotspotParams(tx));
    await writeHotspotParams(tx, input, user.id, now);
    await recordAdminChange(tx, staffActor(user, address), { action: 'hotspot.params', targetType: 'hotspot', targetName: '热点检测参数', before, after: input }, now);
  });
}
