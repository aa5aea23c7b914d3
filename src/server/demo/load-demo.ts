import { sql, type Kysely } from 'kysely';
import type { Actor, DeadlinePolicy } from '../../domain/case/types.js';
import type { DB } from '../db/schema.js';
import type { BlobStore } from '../kernel/blob-store/types.js';
import { newCaseCode } from '../modules/cases/create-case.js';
import { insertCaseHistories, type CaseHistory } from '../modules/cases/bulk-writes.js';
import { casePatchColumns, toColumns } from '../modules/cases/repository.js';
import { generateCaseText } from './data/case-text.js';
import { demoCategories } from './data/categories.js';
import { chance, createRng, pick } from './data/rng.js';
import { hotspotSpikeCases } from './data/hotspot-spike.js';
import { playScenario, type ScenarioActors } from './demo-scenario.js';
import { loadDemoExtras } from './extras/index.js';
import { seedOrganisation } from './seed-org.js';
import type { SimCase } from './simulate.js';
import { startOfBeijingDay } from '../../domain/calendar/local-time.js';

export interface DemoOptions {
  cases?: number;
  seed?: number;
  now?: Date;
  /** The 热点发现 spike (src/server/demo/data/hotspot-spike.ts); by default with a demo of 1,000 cases or more. */
  spike?: boolean;
  /** The blob store for the demo's evidence files (none without it). */
  files?: BlobStore;
}

export class DemoRefused extends Error {
  override name = 'DemoRefused';
}

/**
 * Loads the demo organisation, accounts and a few thousand cases spread over the past six months, each played
 * through the lifecycle rules, then written in bulk. Refuses a database that already holds cases.
 */
export async function loadDemo(db: Kysely<DB>, policy: DeadlinePolicy, opts: DemoOptions = {}): Promise<{ cases: number; events: number }> {
  const existing = await db.selectFrom('cases').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new DemoRefused('数据库中已有诉求，演示数据只能装入空库（database already holds cases; demo data loads only into an empty one）');
  await seedOrganisation(db);
  const rng = createRng(opts.seed ?? 20261126);
  const now = opts.now ?? new Date();
  const total = opts.cases ?? 2400;

  const departments = await db.selectFrom('departments').selectAll().execute();
  const categories = await db.selectFrom('categories').selectAll().execute();
  const users = await db.selectFrom('users').select(['id', 'username', 'role', 'department_id']).execute();
  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  const catByCode = new Map(categories.map((c) => [c.code, c]));
  const userByName = new Map(users.map((u) => [u.username, u]));
  const actorOf = (username: string): Actor => {
    const u = userByName.get(username)!;
    return { userId: u.id, role: u.role, departmentId: u.department_id };
  };
  const deptCode = new Map(departments.map((d) => [d.id, d.code]));
  const actors: ScenarioActors = {
    intake: [actorOf('intake'), actorOf('intake2')],
    supervisor: actorOf('supervisor'),
    leader: actorOf('leader'),
    system: { userId: null, role: 'system', departmentId: null },
    staffOf: (id, r) => actorOf(`${deptCode.get(id)}-${chance(r, 0.85) ? 'handler' : 'head'}`),
  };
  const districts = departments.filter((d) => d.kind === 'district');
  const townsOf = (districtId: number) => departments.filter((d) => d.parent_id === districtId);
  const leaves = demoCategories.filter((c) => c.parentCode && c.leadDepartmentCodes.length > 0);
  const townIdsOf = new Map(districts.map((d) => [d.id, townsOf(d.id).map((t) => t.id)]));
  // Departments most often called in to a joint inspection (吹哨报到), picked per case from its own id.
  const callIns = ['scjg', 'zrj', 'zjj', 'yjj'].map((c) => deptByCode.get(c)?.id).filter((x): x is number => x != null);
  const callInFor = (caseId: number, onCase: number[]) => callIns.filter((x) => !onCase.includes(x))[caseId % 3] ?? null;

  const firstId = Number((await sql<{ v: number }>`SELECT coalesce(max(id), 0) + 1 AS v FROM cases`.execute(db)).rows[0].v);
  let assignmentId = Number((await sql<{ v: number }>`SELECT coalesce(max(id), 0) AS v FROM assignments`.execute(db)).rows[0].v);
  const nextAssignmentId = () => ++assignmentId;
  const spanMs = 182 * 24 * 3_600_000;
  // Most problems come in during office hours (Beijing time); the hotline also takes some at night.
  const created = Array.from({ length: total }, () => {
    const t = now.getTime() - Math.pow(rng.next(), 0.85) * spanMs;
    const dayStart = startOfBeijingDay(new Date(t)).getTime();
    const hour = chance(rng, 0.85) ? 8 + rng.next() * 10 : rng.next() * 24;
    return Math.min(dayStart + hour * 3_600_000, now.getTime() - 60_000);
  }).sort((a, b) => a - b);

  // 热点发现: a spike of 蒸湘区 乱收费 cases in the last two weeks, after the random ones (their own Rng, so the random
  // cases stay what the seed makes them).
  const forced = opts.spike ?? total >= 1000 ? hotspotSpikeCases(createRng((opts.seed ?? 20261126) + 15), now) : [];
  const sims: { sim: SimCase; row: Record<string, unknown> }[] = [];
  for (let i = 0; i < total + forced.length; i++) {
    // A large demo replays for minutes: let the event loop run now and then, so Ctrl-C (SIGINT) is answered at once.
    if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    const id = firstId + i;
    const spec = i >= total ? forced[i - total] : undefined;
    const leaf = spec ? leaves.find((l) => l.code === spec.leafCode)! : pick(rng, leaves);
    const category = catByCode.get(leaf.code)!;
    const district = spec ? deptByCode.get(spec.districtCode)! : pick(rng, districts);
    const towns = townsOf(district.id);
    const town = spec ? (spec.townCode ? deptByCode.get(spec.townCode) : undefined) : towns.length && chance(rng, 0.6) ? pick(rng, towns) : undefined;
    const text = { ...generateCaseText(rng, leaf.code, district.name, town?.name), ...spec?.text };
    const createdAt = new Date(spec ? spec.createdAt : created[i]);
    const cityLead = deptByCode.get(leaf.leadDepartmentCodes[0])!.id;
    const byDistrict = chance(rng, 0.3);
    const lead = byDistrict ? district.id : cityLead;
    const coCodes = (leaf.coDepartmentCodes ?? []).filter((c) => deptByCode.has(c));
    const co = coCodes.length && chance(rng, 0.35) ? coCodes.slice(0, chance(rng, 0.5) ? 1 : 2).map((c) => deptByCode.get(c)!.id).filter((x) => x !== lead) : [];
    const urgency = chance(rng, 0.05) ? 'urgent' : 'normal';
    const channel = pick(rng, ['hotline', 'hotline', 'hotline', 'web', 'letter', 'staff'] as const);
    const sim = playScenario(
      { id, kind: category.kind, urgency, createdAt, categoryCode: leaf.code, channel, leadDepartmentId: lead, alternativeLeadId: byDistrict ? cityLead : district.id, coDepartmentIds: co.filter((x) => x !== (byDistrict ? cityLead : district.id)), earlierCaseId: !spec && i > 10 ? firstId + i - 1 - Math.floor(rng.next() * 10) : null, ageDays: (now.getTime() - createdAt.getTime()) / 86_400_000,
        townsOf: (id) => townIdsOf.get(id) ?? [], callInId: callInFor(id, [lead, ...co]) },
      rng, actors, policy, now, nextAssignmentId,
    );
    const last = sim.events[sim.events.length - 1].at;
    sims.push({
      sim,
      row: {
        id, code: newCaseCode(createdAt), title: text.title, description: text.description, category_id: category.id, channel,
        urgency, submitter_name: text.contactName, submitter_phone: text.phone, enterprise_name: text.enterpriseName ?? null,
        enterprise_credit_code: text.creditCode ?? null, district_id: town?.id ?? district.id, address: text.address,
        is_public: chance(rng, 0.7), is_name_public: chance(rng, 0.1), created_by: sim.events[0].actor.userId, created_at: createdAt, updated_at: last,
        ...toColumns(sim.row, casePatchColumns),
      },
    });
  }
  const written = await writeDemo(db, sims);
  await loadDemoExtras(db, { now, policy, files: opts.files });
  await quietDemoHistory(db, now);
  return written;
}

async function writeDemo(db: Kysely<DB>, sims: { sim: SimCase; row: Record<string, unknown> }[]): Promise<{ cases: number; events: number }> {
  const histories: CaseHistory[] = sims.map(({ sim, row }) => ({
    row: { ...row, id: sim.id, version: sim.events.length },
    assignments: sim.assignments.map((a) => ({
      id: a.id, case_id: sim.id, department_id: a.departmentId, role: a.role, round: a.round, status: a.status, dispatched_at: a.dispatchedAt,
      sign_deadline: a.signDeadline, signed_at: a.signedAt, opinion_deadline: a.opinionDeadline, opinion: a.opinion, opinion_at: a.opinionAt,
      reply_deadline: a.replyDeadline, return_reason: a.returnReason, return_basis: a.returnBasis, return_requested_at: a.returnRequestedAt, closed_at: a.closedAt,
      parent_assignment_id: a.parentId,
    })),
    events: sim.events,
  }));
  const { events } = await db.transaction().execute((tx) => insertCaseHistories(tx, histories));
  return { cases: sims.length, events };
}

/** Days of the demo's past whose events still notify; older ones are history the staff already saw. */
export const demoNoticeDays = 4;

/**
 * The demo's six months are history, not news: events older than `demoNoticeDays` (a weekend and two working days) are taken out of the notification
 * outbox before the worker sees them (without this the supervisor's bell opened at 400+ unread, mostly replies
 * already reviewed). The last days' events still notify, so the bell shows what a working day brings.
 */
async function quietDemoHistory(db: Kysely<DB>, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - demoNoticeDays * 86_400_000);
  await sql`DELETE FROM notification_outbox WHERE event_id IN (SELECT id FROM case_events WHERE at < ${cutoff})`.execute(db);
}

/**
 * A server started on a fresh demo sweeps its time limits at once, and that first sweep escalates every clock the
 * demo's past left red (about a hundred cases): history as well, already in the supervision centre's 超期 list. Its
 * warnings and escalations written since `since` leave the outbox unread, as `quietDemoHistory` does for the rest.
 */
export async function quietDemoCatchUp(db: Kysely<DB>, since: Date): Promise<void> {
  await sql`DELETE FROM notification_outbox WHERE event_id IN (
    SELECT id FROM case_events WHERE at >= ${since} AND actor_role = 'system' AND type IN ('case.warned', 'case.urged', 'case.escalated'))`.execute(db);
}
