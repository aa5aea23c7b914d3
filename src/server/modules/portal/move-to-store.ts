import type { AppDeps } from '../../deps.js';

export interface MoveResult {
  moved: number;
  bytes: number;
}

/**
 * Moves attachments still held in the database (written before migration 0028) to the blob store, a batch per
 * transaction: the batch's rows are locked with SKIP LOCKED (two processes take different rows), each row's bytes are
 * put in the store, then the row gets its key and its bytes are cleared. A failed batch rolls back and leaves its
 * blobs as orphans for the sweep; the rows keep their bytes and are taken again by the next run. Idempotent.
 */
export async function moveAttachmentsToStore(deps: AppDeps, opts: { batch?: number; onBatch?: (r: MoveResult) => void } = {}): Promise<MoveResult> {
  const batch = opts.batch ?? (deps.database.kind === 'pglite' ? 4 : 8);
  const total: MoveResult = { moved: 0, bytes: 0 };
  for (;;) {
    const done = await deps.database.db.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('case_attachments').select(['id', 'mime', 'sha256', 'content'])
        .where('content', 'is not', null).orderBy('id').limit(batch).forUpdate().skipLocked().execute();
      let bytes = 0;
      for (const row of rows) {
        const raw = row.content as unknown as Uint8Array;
        const content = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
        const blob = await deps.files.put(content, { contentType: row.mime });
        if (blob.sha256 !== row.sha256) deps.log.warn({ attachmentId: row.id }, 'attachment bytes differ from their recorded sha256; moved as they are');
        await tx.updateTable('case_attachments').set({ storage_key: blob.key, content: null }).where('id', '=', row.id).execute();
        bytes += blob.size;
      }
      return { moved: rows.length, bytes };
    });
    if (done.moved === 0) return total;
    total.moved += done.moved;
    total.bytes += done.bytes;
    opts.onBatch?.(total);
  }
}

/** How many attachments still have their bytes in the database. */
export async function attachmentsInDatabase(deps: AppDeps): Promise<number> {
  const r = await deps.database.db.selectFrom('case_attachments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('content', 'is not', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** At server start: moves what is left in the background, retrying after a failure (the store unreachable). */
export function startAttachmentMove(deps: AppDeps, retryMs = 600_000): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = () => {
    moveAttachmentsToStore(deps)
      .then((r) => {
        if (r.moved) deps.log.info({ moved: r.moved, bytes: r.bytes, store: deps.files.location }, 'attachments moved to the file store');
      })
      .catch((err) => {
        deps.log.error({ err }, 'moving attachments to the file store failed; retrying later');
        if (!stopped) timer = setTimeout(run, retryMs).unref();
      });
  };
  timer = setTimeout(run, 3_000).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
