import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { insertEntry, publishVersion } from '../../modules/knowledge/commands.js';
import { demoKnowledge } from '../data/knowledge.js';
import type { DemoContext } from './context.js';

/**
 * The demo's knowledge base: the entries of data/knowledge.ts written as their owner unit's head would (a draft, then
 * approved), valid from the start of the demo year; the last one stays a draft waiting for approval, so the 待审核
 * tab is not empty. Skipped for a unit the organisation lacks.
 */
export async function demoKnowledgeBase(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const units = new Map((await db.selectFrom('departments').select(['id', 'code']).execute()).map((d) => [d.code, d.id]));
  const heads = new Map((await db.selectFrom('users').select(['id', 'department_id']).where('role', '=', 'head').execute()).map((u) => [u.department_id, u.id]));
  const validFrom = `${ctx.now.getUTCFullYear()}-01-01`;
  await db.transaction().execute(async (tx) => {
    for (const [i, [code, question, answer, basisTitle, basisNumber, isPublic, keywords]] of demoKnowledge.entries()) {
      const owner = units.get(code);
      if (owner === undefined) continue;
      const at = new Date(ctx.now.getTime() - (demoKnowledge.length - i) * 3_600_000);
      const input = { question, answer, basisTitle, basisNumber, ownerUnitId: owner, validFrom, validTo: null, visibility: isPublic ? 'public' as const : 'internal' as const, keywords, note: '' };
      const id = await insertEntry(tx, at, heads.get(owner) ?? null, input, owner, { source: 'manual' });
      if (i === demoKnowledge.length - 1) continue;
      const v = await tx.selectFrom('knowledge_versions').selectAll().where('entry_id', '=', id).where('version', '=', 1).executeTakeFirstOrThrow();
      await publishVersion(tx, at, heads.get(owner) ?? null, { id, basis_number: v.basis_number, basis_replaced_by: null }, v);
    }
  });
}
