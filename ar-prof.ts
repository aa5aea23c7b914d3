import { openDatabase } from './src/server/db/engine.js';
import { verifyRows } from './src/server/modules/audit/verify-rows.js';
import { verifyChains } from './src/server/modules/audit/verify-chains.js';
import { safeParseEvent } from './src/domain/events/catalogue.js';
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: process.argv[2] });
const db = database.db;
let t = performance.now();
const ev = await db.selectFrom('case_events').select(['case_id', 'type', 'at', 'actor_user_id', 'payload']).orderBy('case_id').orderBy('seq').execute();
console.log('read all events', Math.round(performance.now() - t), ev.length);
t = performance.now();
for (const e of ev) safeParseEvent(e);
console.log('zod parse', Math.round(performance.now() - t));
for (const b of [1000, 5000]) {
  t = performance.now();
  const r = await verifyRows(db, { batch: b });
  console.log('rows batch', b, Math.round(performance.now() - t), 'ms', r.casesChecked, r.casesMismatched);
}
t = performance.now();
await verifyChains(db);
console.log('chains', Math.round(performance.now() - t));
await database.close();
