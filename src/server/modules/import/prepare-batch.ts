import type { Kysely } from 'kysely';
import type { Actor } from '../../../domain/case/types.js';
import type { Resolver } from '../../../domain/import/resolve.js';
import type { EngineKind } from '../../db/engine.js';
import type { DB } from '../../db/schema.js';
import { resolveRecord, type ResolvedRecord } from './plan-case.js';
import type { ImportRow } from '../../import-file/read-file.js';
import { findExisting, planCreates, reserveIds, type ExistingRecord, type PlannedCreates, type RowOutcome } from './write-batch.js';

// Everything about a batch that can be known before its transaction: texts resolved, repeated keys held back, each
// row sorted into create / skip / fail / "maybe update", and the new cases planned (ids reserved, first events
// hashed, rows serialised). run-import.ts prepares batch N+1 this way while batch N is being written, so the
// transaction itself only sends prepared rows and the database never waits for JavaScript.
//
// The (source, key) lookup happens here, outside the batch's transaction. That is sound because a real run holds its
// source for the whole run (run-import.ts: in this process always, and a session advisory lock on PostgreSQL), so the
// only writer of import_records for the source is this run, and its only uncommitted batch is the one in flight:
// its writes are laid over what the lookup found.

export interface PrepareContext {
  /** Reads outside the batch transactions (on PostgreSQL another pool connection than the run's). */
  db: Kysely<DB>;
  engine: EngineKind;
  source: string;
  resolver: Resolver;
  actor: Actor;
  /** The clock: new cases and their first events carry the time their batch was prepared. */
  now: () => Date;
  /** null for a dry run. */
  runId: number | null;
  /** Dry run: keys planned for creation so far with their fingerprints (a real run finds them in import_records). */
  dryRunSeen: Map<string, string> | null;
}

export interface BatchEntry {
  row: ImportRow;
  resolved?: ResolvedRecord;
  /** Known before the transaction (create, skip, fail); absent when the row may update its case (planUpdate). */
  outcome?: RowOutcome;
  existing?: ExistingRecord;
}

export interface PreparedBatch {
  /** Every row read into this batch, for the run's position. */
  rows: ImportRow[];
  /** One per row reported by this batch, in file order. */
  entries: BatchEntry[];
  /** Rows whose key repeats earlier in the batch: they go into the next batch and so update the earlier row. */
  next: ImportRow[];
  creates: PlannedCreates | null;
  /** What import_records holds for this batch's keys once it has committed. */
  writes: Map<string, ExistingRecord>;
}

export async function prepareBatch(ctx: PrepareContext, rows: ImportRow[], inFlight: Map<string, ExistingRecord> | null): Promise<PreparedBatch> {
  const seen = new Set<string>();
  const entries: BatchEntry[] = [];
  const next: ImportRow[] = [];
  const keys: string[] = [];
  for (const row of rows) {
    if (!row.record) {
      entries.push({ row, outcome: outcome(row, 'fail', { errors: row.errors ?? ['无法读取'] }) });
      continue;
    }
    if (seen.has(row.record.key)) {
      next.push(row);
      continue;
    }
    seen.add(row.record.key);
    const resolved = resolveRecord(row.rowNumber, row.record, ctx.resolver, row.warnings ?? []);
    if ('error' in resolved) entries.push({ row, outcome: outcome(row, 'fail', { errors: [resolved.error] }) });
    else {
      entries.push({ row, resolved });
      keys.push(row.record.key);
    }
  }

  const existing = await findExisting(ctx.db, ctx.source, keys);
  if (inFlight) for (const key of keys) if (inFlight.has(key)) existing.set(key, inFlight.get(key)!);

  const creates: ResolvedRecord[] = [];
  for (const e of entries) {
    const r = e.resolved;
    if (!r) continue;
    const { key, fingerprint } = r.record;
    const base = { warnings: r.warnings };
    const ex = existing.get(key);
    const earlier = ctx.dryRunSeen?.get(key);
    if (!ex && earlier !== undefined) {
      // A dry run writes nothing, so a key repeated later in the file is compared with its earlier row here.
      const same = earlier === fingerprint;
      e.outcome = outcome(e.row, same ? 'skip' : 'update', { ...base, changes: [same ? '与文件中前面同一编号的行相同' : '将更新文件中前面同一编号的行'] });
      ctx.dryRunSeen!.set(key, fingerprint);
    } else if (!ex) {
      e.outcome = outcome(e.row, 'create', base);
      creates.push(r);
      ctx.dryRunSeen?.set(key, fingerprint);
    } else if (ex.fingerprint === fingerprint) {
      e.outcome = outcome(e.row, 'skip', { ...base, caseId: ex.caseId, changes: ['与已导入的记录相同'] });
    } else e.existing = ex;
  }

  const writes = new Map<string, ExistingRecord>();
  if (ctx.runId === null) return { rows, entries, next, creates: null, writes };
  const ids = await reserveIds(ctx.db, creates.length, ctx.engine);
  let i = 0;
  for (const e of entries) {
    if (!e.resolved) continue;
    if (e.outcome?.outcome === 'create') e.outcome.caseId = ids[i++];
    // Creates point at their new case; skips and updates (applied or refused) keep the case and take the new fingerprint.
    const caseId = e.outcome?.caseId ?? e.existing!.caseId;
    writes.set(e.resolved.record.key, { caseId, fingerprint: e.resolved.record.fingerprint });
  }
  const planned = creates.length ? await planCreates(ctx.source, creates, ids, ctx.actor, ctx.now(), ctx.runId) : null;
  return { rows, entries, next, creates: planned, writes };
}

function outcome(row: ImportRow, kind: RowOutcome['outcome'], extra: Partial<RowOutcome> = {}): RowOutcome {
  return {
    rowNumber: row.rowNumber, outcome: kind, key: row.record?.key ?? row.externalId ?? null, caseId: null,
    errors: [], warnings: row.warnings ?? [], changes: [], ...extra,
  };
}
