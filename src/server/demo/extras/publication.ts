import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoContext } from './index.js';

/** Demo data of the publication area, loaded after the demo cases. */
export async function demoPublication(_db: Kysely<DB>, _ctx: DemoContext): Promise<void> {}
