import type { z } from 'zod';
import type { zStoryCreate, zStoryReformOption } from '../../../contracts/indicators.js';
import { beijingIso } from '../../../domain/calendar/local-time.js';
import type { KnownPersonalData } from '../../../domain/privacy/mask.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { cityPlacePrefixes } from '../settings/index.js';
import { reformOrigin } from './reforms.js';

// What a story tells (ADR 0026): a closed case, or a finished (销号) reform measure — a supervised item with the
// indicator origin (ADR 0022) whose state is closed. Either is checked and locked here; the nominator must see it
// (a case its unit handled, a measure its unit leads or shares) unless it reads everything.

type StoryCreate = z.infer<typeof zStoryCreate>;
type Db = Pick<Tx, 'selectFrom'>;
export type StorySource = { caseId: number; itemId: null } | { caseId: null; itemId: number };

const seesAll = (user: StaffUser) => user.permissions.includes('case:read-all');

async function caseSource(tx: Tx, user: StaffUser, input: StoryCreate): Promise<StorySource> {
  const c = input.caseId !== undefined
    ? await tx.selectFrom('cases').select(['id', 'status']).where('id', '=', input.caseId).forUpdate().executeTakeFirst()
    : await tx.selectFrom('cases').select(['id', 'status']).where('code', '=', input.caseCode!).forUpdate().executeTakeFirst();
  if (!c) throw new AppError('CASE_NOT_FOUND');
  const caseId = Number(c.id);
  // Department staff nominate only cases their unit handled (the case's visibility rule).
  if (!seesAll(user)) {
    const mine = await tx.selectFrom('assignments').select('id').where('case_id', '=', caseId).where('department_id', '=', user.departmentId).executeTakeFirst();
    if (!mine) throw new AppError('CASE_NOT_FOUND');
  }
  if (c.status !== 'closed') throw new AppError('STORY_CASE_NOT_CLOSED');
  return { caseId, itemId: null };
}

async function reformSource(tx: Tx, user: StaffUser, itemId: number): Promise<StorySource> {
  const item = await tx.selectFrom('items').select(['id', 'state', 'origin_type', 'lead_department_id', 'co_department_ids'])
    .where('id', '=', itemId).forUpdate().executeTakeFirst();
  const mine = !!item && (seesAll(user) || item.lead_department_id === user.departmentId || item.co_department_ids.includes(user.departmentId));
  if (!item || !mine) throw new AppError('ITEM_NOT_FOUND');
  if (item.origin_type !== reformOrigin) throw new AppError('STORY_NOT_A_REFORM');
  if (item.state !== 'closed') throw new AppError('STORY_REFORM_NOT_FINISHED');
  return { caseId: null, itemId: Number(item.id) };
}

/** The story's source from the nomination: exactly one of a case (id or 受理编号) or a reform measure. */
export function storySource(tx: Tx, user: StaffUser, input: StoryCreate): Promise<StorySource> {
  const byCase = input.caseId !== undefined || !!input.caseCode;
  if (byCase === (input.itemId !== undefined)) throw new AppError('STORY_SOURCE_INVALID');
  return byCase ? caseSource(tx, user, input) : reformSource(tx, user, input.itemId!);
}

/** The personal data a story's text is masked against: the case's submitter and enterprise; a reform has none of its own. */
export async function knownOfStory(db: Db, caseId: number | null): Promise<KnownPersonalData> {
  const placePrefixes = await cityPlacePrefixes(db as Tx);
  if (caseId === null) return { names: [], phones: [], enterpriseName: null, maskEnterprise: true, placePrefixes };
  const c = await db.selectFrom('cases').select(['submitter_name', 'submitter_phone', 'enterprise_name']).where('id', '=', caseId).executeTakeFirstOrThrow();
  return {
    names: [c.submitter_name].filter(Boolean), phones: [c.submitter_phone].filter(Boolean), enterpriseName: c.enterprise_name, maskEnterprise: true,
    placePrefixes,
  };
}

/**
 * Finished reform measures the user may tell as a story, newest first, without one already nominated: the measure's
 * indicator, its units and its quantified targets (the form offers them as the after figures).
 */
export async function storyReformOptions(deps: AppDeps, user: StaffUser): Promise<{ items: z.infer<typeof zStoryReformOption>[] }> {
  const db = deps.database.db;
  let q = db.selectFrom('items as i').leftJoin('indicators as ind', 'ind.id', 'i.origin_id')
    .select(['i.id', 'i.code', 'i.title', 'i.closed_at', 'i.lead_department_id', 'i.co_department_ids', 'ind.code as indicator_code', 'ind.name as indicator_name'])
    .where('i.origin_type', '=', reformOrigin).where('i.state', '=', 'closed')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('indicator_stories as s').select('s.id').whereRef('s.item_id', '=', 'i.id').where('s.status', 'not in', ['withdrawn', 'returned']))))
    .orderBy('i.closed_at', 'desc').limit(200);
  if (!seesAll(user)) {
    q = q.where((eb) => eb.or([eb('i.lead_department_id', '=', user.departmentId), eb(eb.val(user.departmentId), '=', eb.fn.any(eb.ref('i.co_department_ids')))]));
  }
  const rows = await q.execute();
  const targets = rows.length
    ? await db.selectFrom('item_targets').select(['item_id', 'name', 'measure', 'target_value', 'progress_value']).where('item_id', 'in', rows.map((r) => r.id)).orderBy('seq').execute()
    : [];
  return {
    items: rows.map((r) => ({
      id: Number(r.id), code: r.code, title: r.title, indicatorCode: r.indicator_code, indicatorName: r.indicator_name, closedAt: beijingIso(r.closed_at ?? new Date(0)),
      departmentIds: [r.lead_department_id, ...r.co_department_ids],
      targets: targets.filter((t) => Number(t.item_id) === Number(r.id)).map((t) => ({ name: t.name, measure: t.measure, value: t.target_value, progress: t.progress_value })),
    })),
  };
}
