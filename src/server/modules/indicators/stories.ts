import { sql } from 'kysely';
import type { z } from 'zod';
import type { Story, zStoryCreate, zStoryReview } from '../../../contracts/indicators.js';
import { beijingIso } from '../../../domain/calendar/local-time.js';
import { maskPersonalData } from '../../../domain/privacy/mask.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser } from '../../kernel/index.js';
import { filesOf, linkFiles } from './files.js';
import { knownOfStory, storySource } from './story-sources.js';

// 城市故事: a closed case or a finished reform measure (story-sources.ts, ADR 0026) told as a story (before and after, text, photos, units involved). The 营商办
// reviews the masked text beside the original (the same masking as the public board), may edit the public text, and
// publishes it on the public site; or sends it back with a reason and the nominator edits and nominates again.

type StoryCreate = z.infer<typeof zStoryCreate>;

export async function nominateStory(deps: AppDeps, user: StaffUser, input: StoryCreate): Promise<number> {
  return inTransaction(deps.database.db, async (tx) => {
    const source = await storySource(tx, user, input);
    const existing = await tx.selectFrom('indicator_stories').select(['id', 'status', 'version'])
      .where(source.caseId !== null ? 'case_id' : 'item_id', '=', source.caseId ?? source.itemId).where('status', '<>', 'withdrawn').executeTakeFirst();
    // A reform's units are the story's units unless the nominator names them.
    const units = input.departmentIds.length || source.itemId === null ? input.departmentIds
      : await tx.selectFrom('items').select(['lead_department_id', 'co_department_ids']).where('id', '=', source.itemId).executeTakeFirstOrThrow()
        .then((i) => [i.lead_department_id, ...i.co_department_ids]);
    const values = {
      indicator_code: input.indicatorCode, title: input.title, body: input.body, before_text: input.beforeText, after_text: input.afterText,
      figures: JSON.stringify(input.figures), department_ids: [...new Set(units)], nominated_by: user.id, nominated_at: deps.now(),
    };
    let id: number;
    if (existing) {
      // A story sent back is edited and nominated again; any other existing story is a duplicate.
      if (existing.status !== 'returned') throw new AppError('STORY_ALREADY_EXISTS');
      await tx.updateTable('indicator_stories').set({ ...values, status: 'nominated', version: existing.version + 1 }).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      id = (await tx.insertInto('indicator_stories').values({ ...values, case_id: source.caseId, item_id: source.itemId, status: 'nominated' }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await linkFiles(tx, user.id, input.photoIds, { storyId: id }, 'STORY_PHOTOS_INVALID');
    return id;
  });
}

export async function reviewStory(deps: AppDeps, user: StaffUser, id: number, input: z.infer<typeof zStoryReview>): Promise<void> {
  await inTransaction(deps.database.db, async (tx) => {
    const s = await tx.selectFrom('indicator_stories').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!s) throw new AppError('STORY_NOT_FOUND');
    if (s.status !== 'nominated' || s.version !== input.version) throw new AppError('STORY_NOT_UNDER_REVIEW');
    const now = deps.now();
    if (input.action === 'return') {
      if (!input.reason.trim()) throw new AppError('STORY_REASON_REQUIRED');
      await tx.updateTable('indicator_stories').set({ status: 'returned', review_note: input.reason.trim(), reviewed_by: user.id, reviewed_at: now, version: s.version + 1 })
        .where('id', '=', id).execute();
      return;
    }
    // What is published is masked again at publication, so an edited public text cannot carry a name back in.
    const known = await knownOfStory(tx, s.case_id === null ? null : Number(s.case_id));
    await tx.updateTable('indicator_stories').set({
      status: 'published', public_title: maskPersonalData(input.publicTitle ?? s.title, known), public_body: maskPersonalData(input.publicBody ?? s.body, known),
      review_note: null, reviewed_by: user.id, reviewed_at: now, published_at: now, version: s.version + 1,
    }).where('id', '=', id).execute();
  });
}

export async function listStories(deps: AppDeps, user: StaffUser): Promise<{ items: Story[] }> {
  const db = deps.database.db;
  let q = db.selectFrom('indicator_stories as s').leftJoin('cases as c', 'c.id', 's.case_id').leftJoin('items as i', 'i.id', 's.item_id')
    .innerJoin('users as u', 'u.id', 's.nominated_by').selectAll('s').select(['c.code as case_code', 'i.code as item_code', 'u.display_name']).where('s.status', '<>', 'withdrawn').orderBy('s.id', 'desc').limit(200);
  // A reviewer sees every story; others see the stories their unit's staff nominated.
  if (!user.permissions.includes('story:review')) q = q.where('u.department_id', '=', user.departmentId);
  const [rows, dir] = await Promise.all([q.execute(), deps.directory.ready()]);
  const photos = await filesOf(db, 'story_id', rows.map((r) => r.id));
  const names = dir.names();
  const out: Story[] = [];
  for (const r of rows) {
    const known = await knownOfStory(db, r.case_id === null ? null : Number(r.case_id));
    out.push({
      id: r.id, caseId: r.case_id === null ? null : Number(r.case_id), caseCode: r.case_code, itemId: r.item_id === null ? null : Number(r.item_id), itemCode: r.item_code,
      indicatorCode: r.indicator_code, title: r.title, body: r.body, beforeText: r.before_text, afterText: r.after_text, figures: r.figures, departmentNames: r.department_ids.map((d) => names.department(d) ?? ''), status: r.status,
      maskedTitle: r.public_title ?? maskPersonalData(r.title, known), maskedBody: r.public_body ?? maskPersonalData(r.body, known),
      reviewNote: r.review_note, nominatedBy: r.display_name, nominatedAt: beijingIso(r.nominated_at),
      publishedAt: r.published_at ? beijingIso(r.published_at) : null, photos: photos.get(r.id) ?? [], version: r.version,
    });
  }
  return { items: out };
}

/** Published stories for the public site: the masked text only, never the case's code or people. */
export async function publicStories(deps: AppDeps, q: string | undefined) {
  const db = deps.readDb;
  let query = db.selectFrom('indicator_stories').select(['id', 'item_id', 'public_title', 'public_body', 'before_text', 'after_text', 'figures', 'department_ids', 'indicator_code', 'published_at'])
    .where('status', '=', 'published').orderBy('published_at', 'desc').limit(100);
  if (q) query = query.where(sql<boolean>`strpos(public_title || public_body, ${q}) > 0`);
  const [rows, dir] = await Promise.all([query.execute(), deps.directory.ready()]);
  const photos = await filesOf(db, 'story_id', rows.map((r) => r.id));
  const codes = [...new Set(rows.map((r) => r.indicator_code).filter((c): c is string => !!c))];
  const indicatorNames = codes.length
    ? await db.selectFrom('indicators').select(['code', 'name']).where('code', 'in', codes).where('parent_id', 'is', null).orderBy('year', 'desc').execute()
    : [];
  const names = dir.names();
  const items = rows.map((r) => ({
    id: r.id, title: r.public_title ?? '', body: r.public_body ?? '', beforeText: r.before_text, afterText: r.after_text, figures: r.figures, fromReform: r.item_id !== null,
    departmentNames: r.department_ids.map((d) => names.department(d) ?? '').filter(Boolean),
    indicatorName: indicatorNames.find((i) => i.code === r.indicator_code)?.name ?? null, publishedAt: beijingIso(r.published_at!),
    photoIds: (photos.get(r.id) ?? []).filter((p) => p.mime.startsWith('image/')).map((p) => p.id),
  }));
  return { items, total: items.length };
}

/** A published story's photo: only images of published stories are served publicly. */
export async function publicPhoto(deps: AppDeps, storyId: number, fileId: number) {
  const f = await deps.readDb.selectFrom('indicator_files as f').innerJoin('indicator_stories as s', 's.id', 'f.story_id')
    .select(['f.storage_key', 'f.mime', 'f.size_bytes']).where('f.id', '=', fileId).where('s.id', '=', storyId).where('s.status', '=', 'published')
    .where('f.mime', 'like', 'image/%').executeTakeFirst();
  if (!f) throw new AppError('STORY_NOT_FOUND');
  return { ...(await deps.files.get(f.storage_key)), mime: f.mime };
}
