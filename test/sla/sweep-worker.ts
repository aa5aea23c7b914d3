// A separate OS process that runs one SLA sweep on the database in DATABASE_URL at a given instant (the case
// clock), starting at a given wall-clock moment so two of them overlap. Prints the counts as JSON.
// Usage: node --import tsx test/sla/sweep-worker.ts <now ISO> <start at epoch ms> [--no-lock]
import { runSlaSweep } from '../../src/server/jobs/scheduler.js';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { startRuntime } from '../../src/server/runtime.js';

const [nowIso, startAt, flag] = process.argv.slice(2);
const now = new Date(nowIso);
const deps = await startRuntime({ databaseUrl: process.env.DATABASE_URL!, now: () => now, logLevel: 'silent', poolSize: 4 });
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const counts = flag === '--no-lock' ? await sweepSla(deps) : await runSlaSweep(deps);
process.stdout.write(`${JSON.stringify({ ran: counts != null, ...counts })}\n`);
await deps.database.close();
process.exit(0); // a LISTEN connection of the calendar store may still be open
