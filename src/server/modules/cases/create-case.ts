import { createHash, randomBytes } from 'node:crypto';
import { decide } from '../../../domain/case/decide.js';
import type { Actor, CasePatch, CaseSnapshot, Command, DirectAnswer, NewAssignment, NewEvent } from '../../../domain/case/types.js';
import type { CaseRow } from '../../db/schema.js';
import { sql } from 'kysely';
import { assignmentsFromJson, eventsFromJson, type CaseRecord } from './case-cache.js';
import type { CreateCaseRequest } from '../../../contracts/cases.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { actorOf } from './actor.js';
import { casePatchColumns, chainEvents, toColumns, toSnapshot } from './repository.js';
import { checkDepartments } from './run-command.js';
import { decisionRow, dispatchFor, insertDecision, routeNewSubject, systemActor, type DispatchCommand } from '../routing/index.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { CaseKind } from '../../../domain/case/status.js';
import { kindAccepted } from '../../../domain/catalogue/catalogue.js';

export interface CreateCaseInput extends Omit<CreateCaseRequest, 'channel' | 'urgency' | 'isPublic' | 'isNamePublic'> {
  channel: 'hotline' | 'web' | 'letter' | 'import' | 'open311' | 'staff';
  urgency: 'normal' | 'urgent' | 'emergency';
  isPublic: boolean;
  isNamePublic: boolean;
  /** Dispatch in the same transaction (the hotline desk's one-key dispatch). */
  dispatch?: { leadDepartmentId: number; coDepartmentIds: number[] };
  /** 直接答复: answered from a knowledge entry and closed in the same statement (the knowledge area checked the entry). */
  directAnswer?: DirectAnswer;
}

const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Tracking code: date in Beijing time plus eight random characters (40 bits), e.g. YW20261126-7K3QZP2M. */
export function newCaseCode(now: Date): string {
  const local = beijingDate(now).replaceAll('-', '');
  const bytes = randomBytes(8);
  let tail = '';
  for (const b of bytes) tail += codeAlphabet[b % codeAlphabet.length];
  return `YW${local}-${tail}`;
}

function fingerprint(input: CreateCaseInput): string {
  // The type joins the fingerprint only when chosen, so keys of requests without one hash as before.
  const parts = [input.title, input.description, input.categoryId, input.submitterPhone, ...(input.caseType ? [input.caseType] : [])];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Ids named in an intake must exist; the in-process directory answers without SQL, the database when it is unsure. */
async function checkIntakeReferences(deps: AppDeps, input: CreateCaseInput) {
  const dir = await deps.directory.ready();
  let category = dir.category(input.categoryId);
  if (!category) {
    dir.invalidate();
    category = (await deps.directory.ready()).category(input.categoryId);
    if (!category) throw new AppError('CATEGORY_NOT_FOUND');
  }
  // A retired category keeps its name for the cases it has, but takes no new ones (docs/catalogue.md).
  if (category.isActive === false) throw new AppError('CATEGORY_INACTIVE');
  // 受理类型: a category may take only some case types (its own kind always among them, catalogue/check.ts).
  if (input.caseType && !kindAccepted(input.caseType, category.acceptedKinds)) throw new AppError('CATEGORY_CASE_TYPE_NOT_ACCEPTED', { caseType: input.caseType });
  const ids = [input.districtId, input.dispatch?.leadDepartmentId, ...(input.dispatch?.coDepartmentIds ?? [])].filter((x): x is number => x != null);
  const unknown = ids.filter((id) => !dir.department(id));
  if (unknown.length) await checkDepartments(deps.database.db, unknown);
  return category;
}

/**
 * Registers a case (status submitted, event case.created) and, when asked, dispatches it, atomically. The case id
 * is reserved beforehand, so the whole intake is one statement (the case, its assignments and its hash-chained
 * events in data-modifying CTEs), which PostgreSQL runs as one transaction. A repeated Idempotency-Key returns
 * the case the first request created. `user` is null for a submission by the public (portal, Open311).
 */
export async function createCase(deps: AppDeps, user: StaffUser | null, input: CreateCaseInput, idempotencyKey?: string): Promise<{ id: number; created: boolean }> {
  const { db } = deps.database;
  const now = deps.now();
  // No staff user: the submitter filed it themselves (public portal, Open311 client).
  const actor: Actor = user ? actorOf(user) : { userId: null, role: 'submitter', departmentId: null };
  const fp = idempotencyKey ? fingerprint(input) : null;
  if (idempotencyKey) {
    const existing = await findByKey(db, idempotencyKey);
    if (existing) return sameRequest(existing, fp!);
  }
  const category = await checkIntakeReferences(deps, input);
  const id = await deps.caseIds.next(db);
  // 诉求类型: as chosen, else the category's kind; it drives the reply time limit from here on.
  const caseType: CaseKind = input.caseType ?? category.kind;
  const row = newCaseRow(id, { ...input, caseType }, user, now, idempotencyKey ?? null, fp);
  const events: NewEvent[] = [{
    type: 'case.created',
    payload: { channel: input.channel, categoryId: input.categoryId, urgency: input.urgency, caseType, suggestedLeadDepartmentId: category.defaultLeadDepartmentId },
  }];
  let patch: CasePatch = {};
  let assignments: NewAssignment[] = [];
  // The new case's dispatch, by the desk (one-key dispatch) or by the router, decided on its snapshot in memory.
  const dispatchNew = (cmd: DispatchCommand | Command, by: Actor) => {
    const d = decide(toSnapshot(row, category.kind, []), cmd, by, { now, policy: deps.policy });
    if (!d.ok) return d;
    patch = d.patch;
    assignments = d.assignments.flatMap((op) => (op.op === 'create' ? [op.assignment] : []));
    return d;
  };
  if (input.dispatch) {
    const d = dispatchNew({ type: 'dispatch', ...input.dispatch }, actor);
    if (!d.ok) throw new AppError(d.code);
    events.push(...d.events);
  } else if (input.directAnswer) {
    const d = dispatchNew({ type: 'answer-directly', answer: input.directAnswer }, actor);
    if (!d.ok) throw new AppError(d.code);
    events.push(...d.events);
  }
  // 一触即发: a public submission is routed before it is written; a rule or a confident model dispatches it as the
  // system in the same statement, otherwise it waits in the intake queue with the suggestions.
  const routed = (input.channel === 'web' || input.channel === 'open311') && !input.dispatch && !input.directAnswer
    ? await routeNewSubject(deps, { title: row.title, body: row.description, categoryId: row.category_id, districtId: row.district_id, address: row.address, enterpriseName: row.enterprise_name })
    : null;
  let byRouter = routed ? dispatchFor(routed) : null;
  let systemEvents: NewEvent[] = [];
  if (byRouter) {
    const d = dispatchNew(byRouter, systemActor);
    if (d.ok) systemEvents = d.events;
    else {
      deps.log.warn({ code: d.code, caseId: id }, 'the router chose a dispatch the lifecycle refused; the case waits for the desk');
      byRouter = null;
    }
  }
  const own = chainEvents(row, events, actor, now);
  const chain = systemEvents.length ? joinChains(own, chainEvents({ id, event_count: own.eventCount, last_event_hash: own.lastHash }, systemEvents, systemActor, now)) : own;
  const decision = routed ? decisionRow(id, routed, byRouter, now) : null;
  const assignmentValues = assignments.map((a) => ({
    case_id: id, department_id: a.departmentId, role: a.role, round: a.round, status: 'pending' as const,
    dispatched_at: a.dispatchedAt, sign_deadline: a.signDeadline, opinion_deadline: a.opinionDeadline, reply_deadline: a.replyDeadline,
  }));
  const write = (code: string) => {
    const { id: _id, ...columns } = { ...row, code, ...toColumns(patch, casePatchColumns), event_count: chain.eventCount, last_event_hash: chain.lastHash, version: 1 };
    const written = db
      .with('c', (q) => q.insertInto('cases').values({ id, ...columns } as never))
      .with('e', (q) => q.insertInto('case_events').values(chain.values).returningAll());
    const events = sql<Record<string, unknown>[]>`(SELECT json_agg(e ORDER BY e.seq) FROM e)`.as('events');
    // The routing decision's CTE is never read back, so the builder keeps the type without it.
    const decided = decision ? (written.with('r', insertDecision(decision)) as unknown as typeof written) : written;
    return assignmentValues.length
      ? decided.with('a', (q) => q.insertInto('assignments').values(assignmentValues).returningAll())
        .selectNoFrom([sql<Record<string, unknown>[]>`(SELECT json_agg(a ORDER BY a.id) FROM a)`.as('assignments'), events]).executeTakeFirstOrThrow()
      : decided.selectNoFrom([sql<Record<string, unknown>[]>`'[]'::json`.as('assignments'), events]).executeTakeFirstOrThrow();
  };
  let result;
  for (let attempt = 1; ; attempt++) {
    try {
      result = await write(row.code);
      break;
    } catch (err) {
      // Tracking codes are random; a clash with an earlier code is rare but certain over years: draw another.
      if (uniqueViolationOn(err, 'cases_code_key') && attempt < 5) {
        row.code = newCaseCode(now);
        continue;
      }
      // Two requests with the same key raced past the check above: the loser returns the winner's case.
      if (idempotencyKey && uniqueViolationOn(err, 'cases_idempotency_key_key')) {
        const existing = await findByKey(db, idempotencyKey);
        if (existing) return sameRequest(existing, fp!);
      }
      throw err;
    }
  }
  const record: CaseRecord = {
    row: { ...row, ...columnsAsRow(patch), event_count: chain.eventCount, last_event_hash: chain.lastHash, version: 1 } as CaseRow,
    assignments: assignmentsFromJson(result.assignments),
    events: eventsFromJson(result.events),
  };
  deps.cases.put(record);
  return { id, created: true };
}

/** Two pieces of one case's chain, the second continuing from the first. */
function joinChains(a: ReturnType<typeof chainEvents>, b: ReturnType<typeof chainEvents>): ReturnType<typeof chainEvents> {
  return { values: [...a.values, ...b.values], eventCount: b.eventCount, lastHash: b.lastHash };
}

/** The patch in row form (snake_case columns), for the record kept in the cache. */
function columnsAsRow(patch: CasePatch): Partial<CaseRow> {
  return toColumns(patch, casePatchColumns) as Partial<CaseRow>;
}

function newCaseRow(id: number, input: CreateCaseInput, user: StaffUser | null, now: Date, key: string | null, fp: string | null): CaseRow {
  return {
    id, code: newCaseCode(now), title: input.title, description: input.description, category_id: input.categoryId,
    channel: input.channel, urgency: input.urgency, status: 'submitted', submitter_name: input.submitterName,
    submitter_phone: input.submitterPhone, enterprise_name: input.enterpriseName || null,
    enterprise_credit_code: input.enterpriseCreditCode || null, district_id: input.districtId ?? null,
    address: input.address || null, is_public: input.isPublic, is_name_public: input.isNamePublic,
    supervision_level: 'none', duplicate_of: null, lead_department_id: null, round: 0, redo_count: 0, reply_text: null,
    reply_by: null, rating: null, rating_comment: null, redo_requested: false, reject_reason: null, suspended_at: null,
    suspend_reason: null, reply_deadline: null, rating_deadline: null, pending_extension_until: null, pending_extension_reason: null,
    idempotency_key: key, idempotency_fingerprint: fp, created_by: user?.id ?? null, created_at: now, accepted_at: null,
    dispatched_at: null, signed_at: null, replied_at: null, reply_approved_at: null, rated_at: null, closed_at: null,
    rejected_at: null, merged_at: null, updated_at: now, version: 0, event_count: 0, last_event_hash: '', warning_level: 'none',
    case_type: input.caseType!,
  };
}

function uniqueViolationOn(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return typeof e === 'object' && e !== null && e.code === '23505' && e.constraint === constraint;
}

async function findByKey(db: Tx, key: string) {
  return db.selectFrom('cases').select(['id', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst();
}

function sameRequest(existing: { id: number; idempotency_fingerprint: string | null }, fp: string) {
  if (existing.idempotency_fingerprint !== fp) throw new AppError('IDEMPOTENCY_CONFLICT');
  return { id: existing.id, created: false };
}

export type { CaseSnapshot };
