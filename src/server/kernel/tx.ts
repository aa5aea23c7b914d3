import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The database handle outside a transaction. */
export type Db = Kysely<DB>;

/** Where a write runs: the caller's transaction, or the database itself for a single statement. */
export type Tx = Transaction<DB> | Kysely<DB>;

/** Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws. */
export function inTransaction<T>(db: Db, fn: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
