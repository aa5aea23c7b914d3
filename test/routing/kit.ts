import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { generateCorpus, type Family } from '../../bench/data/routing-corpus.js';
import type { AppDeps } from '../../src/server/deps.js';
import { chainEvents } from '../../src/server/modules/cases/repository.js';
import { newCaseCode } from '../../src/server/modules/cases/create-case.js';
import { loginAs, type Client } from '../kit/http.js';

// Handled history for the router: corpus messages stored as imported cases (one hash-chained 'case.imported' event
// each, naming the department that finally handled it), as the import area writes them.

export async function departmentIdsByCode(deps: AppDeps): Promise<Map<string, number>> {
  const rows = await deps.database.db.selectFrom('departments').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function seedHandledHistory(deps: AppDeps, count: number, family: Family = 'A', seed?: number): Promise<number> {
  const { db } = deps.database;
  const depts = await departmentIdsByCode(deps);
  const category = await db.selectFrom('categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  const messages = generateCorpus(count, { family, seed });
  const now = deps.now();
  const at = new Date(now.getTime() - 30 * 86_400_000);
  for (let i = 0; i < messages.length; i += 500) {
    const batch = messages.slice(i, i + 500);
    // Ids first, so each case's chain is hashed before the one insert of cases and the one of events.
    const ids = (await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('cases', 'id'))::int AS id FROM generate_series(1, ${batch.length})`.execute(db)).rows.map((r) => Number(r.id));
    const chains = batch.map((m, k) => chainEvents({ id: ids[k], event_count: 0, last_event_hash: '' }, [{
      type: 'case.imported',
      payload: { source: 'test', externalId: `T${ids[k]}`, createdAt: at.toISOString(), closedAt: at.toISOString(), departmentId: depts.get(m.department)! },
    }], { userId: null, role: 'system', departmentId: null }, at));
    await db.insertInto('cases').values(batch.map((m, k) => ({
      id: ids[k], code: newCaseCode(at), title: m.title || '（无标题）', description: m.body, category_id: category.id, channel: 'import' as const,
      status: 'closed', submitter_name: '历史导入', submitter_phone: '', lead_department_id: depts.get(m.department)!, round: 1,
      created_at: at, closed_at: at, updated_at: at, event_count: chains[k].eventCount, last_event_hash: chains[k].lastHash,
    }))).execute();
    await db.insertInto('case_events').values(chains.flatMap((c) => c.values)).execute();
  }
  return messages.length;
}

export async function loginRoles(app: FastifyInstance): Promise<Record<'admin' | 'intake' | 'supervisor' | 'leader' | 'handler', Client>> {
  return {
    admin: await loginAs(app, 'admin'),
    intake: await loginAs(app, 'intake'),
    supervisor: await loginAs(app, 'supervisor'),
    leader: await loginAs(app, 'leader'),
    handler: await loginAs(app, 'zjj-handler'),
  };
}

let phone = 0;
/** A public submission through the portal's endpoint; a new client address each time (the portal limits per address). */
export async function submitPublic(app: FastifyInstance, body: Record<string, unknown>) {
  phone++;
  const r = await app.inject({
    method: 'POST', url: '/api/public/cases', remoteAddress: `10.9.${Math.floor(phone / 250) % 250}.${phone % 250}`,
    payload: { submitterName: '王女士', submitterPhone: `1390000${String(1000 + (phone % 9000)).padStart(4, '0')}`, isPublic: false, ...body },
  });
  return { status: r.statusCode, body: r.json() };
}
