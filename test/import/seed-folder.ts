import { openDatabase } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';

/** Migrates and seeds the organisation into a PGlite folder (what a CLI test imports into). */
export async function seedFolder(dataDir: string): Promise<void> {
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
  } finally {
    await database.close();
  }
}

