// audit verify over the demo: the chain check and the row check (events replayed and compared with every case row
// and assignment row), timed separately. Prints figures, asserts nothing.
//   node --import tsx bench/audit-verify.ts [--cases 2400] [--engine pglite|postgres|both]
import { parseArgs } from 'node:util';
import { defaultCalendar } from '../src/domain/calendar/index.js';
import { deadlinePolicy } from '../src/domain/sla/policy.js';
import { migrate } from '../src/server/db/migrate.js';
import { loadDemo } from '../src/server/demo/load-demo.js';
import { verifyChains } from '../src/server/modules/audit/verify-chains.js';
import { verifyRows } from '../src/server/modules/audit/verify-rows.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { cases: { type: 'string' }, engine: { type: 'string' } } });
const cases = Number(values.cases ?? 2400);

for (const engine of enginesFrom(values.engine)) {
  const { database, drop } = await openScratch(engine, 'audit');
  try {
    await migrate(database.db);
    let t = performance.now();
    const demo = await loadDemo(database.db, deadlinePolicy(defaultCalendar), { cases });
    log(`${engine}: demo of ${demo.cases} cases, ${demo.events} events loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const chains = await verifyChains(database.db);
    const chainMs = performance.now() - t;
    t = performance.now();
    const rows = await verifyRows(database.db);
    const rowMs = performance.now() - t;
    const mem = process.memoryUsage().rss / 2 ** 20;
    console.log(`${engine.padEnd(8)} ${String(rows.casesChecked).padStart(7)} cases ${String(chains.eventsChecked).padStart(8)} events  chains ${(chainMs / 1000).toFixed(2)} s  rows ${(rowMs / 1000).toFixed(2)} s (${Math.round(rows.casesChecked / (rowMs / 1000))} cases/s)  mismatched ${rows.casesMismatched}  rss ${mem.toFixed(0)} MB`);
  } finally {
    await drop();
  }
}
