import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../../domain/case/types.js';
import type { DB } from '../../db/schema.js';
import { writeCaseChange } from '../../modules/cases/repository.js';
import { writeApproval, writeDecision } from '../../modules/publication/repository.js';
import { autoDraft } from '../../modules/publication/review.js';
import { searchLexemes } from '../../modules/publication/search-text.js';
import type { DemoContext } from './context.js';
import { placePrefixes } from '../../../domain/settings/city.js';
import { demoCity } from '../data/city.js';

/**
 * Demo data of the publication area, loaded after the demo cases. The cases' trigger has already made every
 * consenting, dispatched case a candidate; here the supervisor approves a few hundred (mostly answered or closed, so
 * the board shows replies and ratings, and some still being handled) with their automatic masked drafts, rejects a
 * few, and leaves the rest pending in the review queue.
 */
export async function demoPublication(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const supervisor = await db.selectFrom('users').select(['id', 'role', 'department_id']).where('username', '=', 'supervisor').executeTakeFirst();
  if (!supervisor) return;
  const actor: Actor = { userId: supervisor.id, role: supervisor.role, departmentId: supervisor.department_id };
  const candidates = await db.selectFrom('case_publications').select(['case_id', 'case_status']).where('status', '=', 'pending').orderBy('case_id').execute();
  const done = candidates.filter((c) => c.case_status === 'closed' || c.case_status === 'awaiting_rating');
  const open = candidates.filter((c) => !(c.case_status === 'closed' || c.case_status === 'awaiting_rating'));
  // Deterministic picks spread over the whole period: every other finished case up to 260, every third open one up to 80.
  const approve = [...done.filter((_, i) => i % 2 === 0).slice(0, 260), ...open.filter((_, i) => i % 3 === 0).slice(0, 80)].map((c) => c.case_id);
  const approveSet = new Set(approve);
  const reject = candidates.filter((c) => !approveSet.has(c.case_id)).filter((_, i) => i % 40 === 7).slice(0, 15).map((c) => c.case_id);
  const rows = await db.selectFrom('cases').selectAll().where('id', 'in', [...approve, ...reject, 0]).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  await db.transaction().execute(async (tx) => {
    let minutes = approve.length + reject.length;
    for (const id of approve) {
      const row = byId.get(id)!;
      const at = new Date(ctx.now.getTime() - minutes-- * 60_000);
      const draft = autoDraft(row, undefined, placePrefixes(demoCity));
      const publicName = draft.showName ? `${[...row.submitter_name][0]}${'*'.repeat(Math.max(1, [...row.submitter_name].length - 1))}` : null;
      await writeApproval(tx, id, {
        publicTitle: draft.publicTitle, publicDescription: draft.publicDescription, publicReply: draft.publicReply ?? null,
        replySourceAt: draft.publicReply ? row.reply_approved_at : null, publicName, maskEnterprise: draft.maskEnterprise, redactions: [], withheld: [],
        lexemes: searchLexemes(`${draft.publicTitle}\n${draft.publicDescription}\n${draft.publicReply ?? ''}`), reviewer: supervisor.id, now: at, firstPublication: true,
      });
      await writeCaseChange(tx, row, {}, [{ type: 'case.publication_approved', payload: {
        edited: false, publicTitle: draft.publicTitle, publicDescription: draft.publicDescription, publicReply: draft.publicReply ?? null, publicName,
        maskEnterprise: draft.maskEnterprise, redactions: 0,
      } }], actor, at);
    }
    for (const id of reject) {
      const row = byId.get(id)!;
      const at = new Date(ctx.now.getTime() - minutes-- * 60_000);
      const reason = '内容涉及第三方个人信息，不宜公开';
      await writeDecision(tx, id, 'rejected', reason, supervisor.id, at);
      await writeCaseChange(tx, row, {}, [{ type: 'case.publication_rejected', payload: { reason } }], actor, at);
    }
  });
  await sql`ANALYZE case_publications`.execute(db);
}
