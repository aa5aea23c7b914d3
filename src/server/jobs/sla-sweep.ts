import { defaultCalendar } from '../../domain/calendar/index.js';
import type { Actor, NewEvent } from '../../domain/case/types.js';
import type { WorkingTime } from '../../domain/sla/policy.js';
import {
  levelAt, levelsReached, nextCheck, runningClock, shareFor, worstLevel, yellowInstant,
  type SlaClock, type SlaLevel, type WarningLevel,
} from '../../domain/sla/warnings.js';
import type { AppDeps } from '../deps.js';
import { publishCaseChanges } from '../modules/cases/case-changes.js';
import { appendToChains, prepareChains, updateAssignmentSla, type AssignmentSlaValue, type ChainAppend } from '../modules/cases/bulk-writes.js';
import {
  insertCrossings, lockDue, recordedCrossings, tuneSweepTransaction, type CrossingValue, type DueRow, type SweepPart,
} from '../modules/sla/repository.js';

// The SLA sweep: reads only assignments whose precomputed check instant has come (assignment_sla.check_at), records
// each crossing once (unique rows), appends case.warned / case.urged / case.escalated to the chains, moves the
// check instants on and keeps cases.warning_level. Set-based: a handful of statements per batch.

export const systemActor: Actor = { userId: null, role: 'system', departmentId: null };

export interface SweepCounts {
  /** Assignments read because their check instant had come. */
  scanned: number;
  /** New crossing rows. */
  crossings: number;
  events: number;
  urged: number;
  escalated: number;
  /** Cases whose chain or warning level changed. */
  casesChanged: number;
}

const clockNames: Record<SlaClock, string> = { sign: '签收', opinion: '协办意见', reply: '答复' };
const rank: Record<WarningLevel, number> = { none: 0, yellow: 1, red: 2 };
const urgeReasons = Object.fromEntries(Object.entries(clockNames).map(([k, v]) => [k, `${v}已超期，系统自动催办`])) as Record<SlaClock, string>;
const escalateReasons = Object.fromEntries(Object.entries(clockNames).map(([k, v]) => [k, `${v}超期（红色预警），转督办中心`])) as Record<SlaClock, string>;

/** The calendar the sweep counts working time with: the runtime's (data, reloaded on change), else the national default. */
export function workingTimeOf(deps: AppDeps): WorkingTime {
  return deps.calendar?.workingTime ?? defaultCalendar;
}

export function emptyCounts(): SweepCounts {
  return { scanned: 0, crossings: 0, events: 0, urged: 0, escalated: 0, casesChanged: 0 };
}

export interface SweepOptions {
  batch?: number;
  /** How many parts run side by side (default: 2 on PostgreSQL when its pool has room, 1 on PGlite). */
  parts?: number;
  /** Collects milliseconds per phase, summed over the parts (benchmarks). */
  timings?: Record<string, number>;
}

/**
 * One sweep at deps.now(), in batches (one transaction each) until nothing is due. Safe to run twice or from two
 * processes: the case locks and the unique crossing rows decide what is new. Callers that run it periodically take
 * the advisory lock first (scheduler.ts) so the work is not even attempted twice.
 *
 * On PostgreSQL the due assignments are split into parts by case (ADR 28), each swept on a connection of its own,
 * so the server works on two batches at once while this process prepares the next; PGlite has one session.
 */
export async function sweepSla(deps: AppDeps, opts: SweepOptions = {}): Promise<SweepCounts> {
  const batch = opts.batch ?? defaultBatch(deps);
  const of = opts.parts ?? defaultParts(deps);
  const timed = timer(opts.timings);
  const now = deps.now();
  const runs = await Promise.allSettled(Array.from({ length: of }, (_, index) => sweepPart(deps, now, batch, { index, of }, timed)));
  const failed = runs.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const total = emptyCounts();
  for (const r of runs as PromiseFulfilledResult<SweepCounts>[]) {
    for (const k of Object.keys(total) as (keyof SweepCounts)[]) total[k] += r.value[k];
  }
  return total;
}

/**
 * Rows per batch (one transaction each). On PostgreSQL, 8,000: while one part's batch is written this process plans
 * and hashes the other's, and smaller batches keep both busier (1M assignments, 50,000 due: 1.82–1.85 s at 8,000,
 * 1.91–1.93 s at 25,000, on the same copy; 6,000 pays more per statement than it overlaps). PGlite has one session
 * and nothing to overlap: fewer, larger statements.
 */
function defaultBatch(deps: AppDeps): number {
  return deps.database.kind === 'postgres' ? 8_000 : 25_000;
}

/**
 * Two parts on PostgreSQL when the pool has room beside them for the advisory lock's session and for requests (a pool
 * of 2 or 3 sweeps in one part: parts waiting on a pool the lock holds would wait for ever); one on PGlite.
 */
function defaultParts(deps: AppDeps): number {
  if (deps.database.kind !== 'postgres') return 1;
  const max = deps.database.pool?.options.max ?? 16;
  return Math.max(1, Math.min(2, max - 2));
}

/** One part's batches, each in its own transaction, until the part has nothing due. */
async function sweepPart(deps: AppDeps, now: Date, batch: number, part: SweepPart, timed: Timed): Promise<SweepCounts> {
  const total = emptyCounts();
  for (;;) {
    const { counts, changed } = await timed('transaction', () => deps.database.db.transaction().execute((tx) => sweepBatch(tx, deps, now, batch, part, timed)));
    await timed('publish', async () => {
      await publishCaseChanges(deps, changed);
    });
    for (const k of Object.keys(total) as (keyof SweepCounts)[]) total[k] += counts[k];
    if (counts.scanned < batch) return total;
  }
}

/** What the rules say about one due assignment now. */
function assess(row: DueRow, deps: AppDeps, time: WorkingTime, now: Date) {
  const clock = runningClock({
    caseStatus: row.case_status, suspended: row.suspended, caseReplyDeadline: row.case_reply_deadline, role: row.role,
    status: row.status, signedAt: row.signed_at, signDeadline: row.sign_deadline, opinionAt: row.opinion_at,
    opinionDeadline: row.opinion_deadline, replyDeadline: row.reply_deadline,
  });
  if (!clock) return { clock: null, level: 'none' as WarningLevel, yellowAt: null, fresh: [] as SlaLevel[], next: null };
  // The stored instants hold unless something moved the clock (the triggers then asked for a recompute).
  const same = !row.recompute && row.sla_clock === clock.clock && row.sla_yellow_at != null
    && row.sla_deadline?.getTime() === clock.deadline.getTime();
  const yellowAt = same ? row.sla_yellow_at! : yellowInstant(row.dispatched_at, clock.deadline, shareFor(deps.policy, row.category_id, row.urgency, row.case_type), time);
  const level = levelAt(now, yellowAt, clock.deadline);
  const already = same ? rank[row.sla_level] : 0;
  return { clock, level, yellowAt, fresh: levelsReached(level).filter((l) => rank[l] > already), next: nextCheck(level, yellowAt, clock.deadline) };
}

type Timed = <T>(phase: string, work: () => Promise<T>) => Promise<T>;

/** Runs work, adding its milliseconds to `into[phase]` when given (the sweep's and the benchmarks' phase timings). */
export function timer(into?: Record<string, number>): Timed {
  if (!into) return (_phase, work) => work();
  return async (phase, work) => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      into[phase] = (into[phase] ?? 0) + performance.now() - t;
    }
  };
}

/** What a batch of due assignments becomes: their new check instants and levels, and the crossings they reach now. */
export interface BatchPlan {
  updates: AssignmentSlaValue[];
  candidates: CrossingValue[];
  /** Each due case's locked row. */
  cases: Map<number, DueRow>;
  /** Each due case's levels: its due assignments' new ones and the worst of its others. */
  levels: Map<number, WarningLevel[]>;
}

/** CPU only: the rules applied to each due row (bench/sweep.ts --floor times the writes without it). */
export function planBatch(due: DueRow[], deps: AppDeps, time: WorkingTime, now: Date): BatchPlan {
  const plan: BatchPlan = { updates: [], candidates: [], cases: new Map(), levels: new Map() };
  for (const row of due) {
    plan.cases.set(row.case_id, row);
    const a = assess(row, deps, time, now);
    const list = plan.levels.get(row.case_id) ?? (row.others_level ? [row.others_level] : []);
    list.push(a.level);
    plan.levels.set(row.case_id, list);
    plan.updates.push({ id: row.id, check_at: a.next, clock: a.clock?.clock ?? null, level: a.level, yellow_at: a.yellowAt, deadline: a.clock?.deadline ?? null });
    for (const level of a.fresh) {
      plan.candidates.push({ assignment_id: row.id, case_id: row.case_id, department_id: row.department_id, clock: a.clock!.clock, level, deadline: a.clock!.deadline, crossed_at: now });
    }
  }
  return plan;
}

async function sweepBatch(tx: Parameters<typeof lockDue>[0], deps: AppDeps, now: Date, batch: number, part: SweepPart, timed: Timed) {
  const time = workingTimeOf(deps);
  await tuneSweepTransaction(tx);
  const due = await timed('read due (lock cases)', () => lockDue(tx, now, batch, part));
  const counts = emptyCounts();
  counts.scanned = due.length;
  if (!due.length) return { counts, changed: [] as number[] };

  const { updates, candidates, cases, levels } = planBatch(due, deps, time, now);
  // The clocks' update goes first and is not awaited yet: while the database stores it, this process hashes
  // the events as if every candidate crossing were new (the usual case; a re-run has no candidates). Only when some
  // were recorded already are they hashed again for the ones that are new.
  const assignmentsStored = timed('update assignment clocks', () => updateAssignmentSla(tx, updates));
  assignmentsStored.catch(() => {}); // awaited below; this only keeps a failure meanwhile from counting as unhandled
  await new Promise((resolve) => setImmediate(resolve));
  let changes = chainChanges(candidates, cases, levels, counts);
  let prepared = prepareChains(changes, systemActor, now);
  await assignmentsStored;
  const recorded = await timed('read recorded crossings', () => recordedCrossings(tx, candidates));
  let fresh = candidates;
  if (recorded.size) {
    fresh = candidates.filter((c) => !recorded.has(`${c.assignment_id}/${c.clock}/${c.level}`));
    counts.urged = 0;
    counts.escalated = 0;
    changes = chainChanges(fresh, cases, levels, counts);
    prepared = prepareChains(changes, systemActor, now);
  }
  counts.events = await timed('append events, update cases', () => appendToChains(tx, prepared, systemActor, now));
  // The crossings go last: their insert moves the dashboard's shared overdue counters (a statement trigger), whose row
  // locks the other part's transaction waits for; last, they are held only until the commit that follows.
  // Crossings are recorded only under their case's lock, which this batch holds: one recorded meanwhile would mean a
  // writer that does not take it, and its unique key then fails the batch (events included) rather than keep events
  // without crossings.
  await timed('insert crossings', () => insertCrossings(tx, fresh));
  counts.crossings = fresh.length;
  counts.casesChanged = changes.length;
  return { counts, changed: changes.map((c) => c.row.id) };
}

/** By assignment, then clock (code-unit order: the codes are lowercase ASCII), yellow before red. */
function byAssignmentClockLevel(x: CrossingValue, y: CrossingValue): number {
  return Number(x.assignment_id) - Number(y.assignment_id) || (x.clock < y.clock ? -1 : x.clock > y.clock ? 1 : 0) || rank[x.level] - rank[y.level];
}

/**
 * Each case's part of the batch: the events of its new crossings (in a stable order: by assignment, then clock,
 * yellow before red) and its levels; a case without new crossings only when its warning level changed.
 */
export function chainChanges(crossings: CrossingValue[], cases: Map<number, DueRow>, levels: Map<number, WarningLevel[]>, counts: SweepCounts): ChainAppend[] {
  const byCase = new Map<number, CrossingValue[]>();
  for (const c of crossings) {
    const id = Number(c.case_id);
    const list = byCase.get(id) ?? [];
    list.push(c);
    byCase.set(id, list);
  }
  const caseValues: ChainAppend[] = [];
  for (const [caseId, row] of cases) {
    const warningLevel = worstLevel(levels.get(caseId)!);
    const head = { id: caseId, event_count: row.event_count, last_event_hash: row.last_event_hash };
    const list = byCase.get(caseId);
    if (!list) {
      if (warningLevel !== row.warning_level) {
        caseValues.push({ row: head, events: [], supervisionLevel: row.supervision_level, warningLevel });
      }
      continue;
    }
    if (list.length > 1) list.sort(byAssignmentClockLevel);
    const newEvents: NewEvent[] = [];
    for (const c of list) {
      const assignmentId = Number(c.assignment_id);
      const deadline = new Date(c.deadline).toISOString();
      // Payload keys in canonical (sorted) order: the hash's JSON is then one JSON.stringify (canonicalJson).
      newEvents.push({ type: 'case.warned', payload: { assignmentId, clock: c.clock, deadline, departmentId: c.department_id, level: c.level } });
      if (c.level !== 'red') continue;
      newEvents.push({ type: 'case.urged', payload: { assignmentId, by: 'system', departmentId: c.department_id, reason: urgeReasons[c.clock] } });
      newEvents.push({ type: 'case.escalated', payload: { assignmentId, reason: escalateReasons[c.clock], to: 'supervision_office' } });
      counts.urged++;
      counts.escalated++;
    }
    const urged = newEvents.some((e) => e.type === 'case.urged');
    caseValues.push({
      row: head, events: newEvents,
      supervisionLevel: urged && row.supervision_level === 'none' ? 'urged' : row.supervision_level, warningLevel,
    });
  }
  return caseValues;
}
