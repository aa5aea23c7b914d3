import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Case ids taken from the sequence a block at a time (hi/lo). Knowing the id before the insert lets intake hash
 * the case's first events in JavaScript and write the case, its assignments and its events in one statement.
 * Ids stay unique across processes; they are not in creation order across processes, which nothing relies on
 * (lists page by created_at, id).
 */
export class IdBlock {
  #free: number[] = [];
  #refilling: Promise<void> | null = null;
  constructor(private readonly size = 64) {}

  async next(db: Kysely<DB>): Promise<number> {
    while (this.#free.length === 0) {
      this.#refilling ??= this.#refill(db).finally(() => (this.#refilling = null));
      await this.#refilling;
    }
    return this.#free.shift()!;
  }

  async #refill(db: Kysely<DB>): Promise<void> {
    const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('cases', 'id')) AS id FROM generate_series(1, ${this.size})`.execute(db);
    this.#free.push(...r.rows.map((x) => Number(x.id)));
  }
}
