// Notification fan-out benchmark: 10,000 dispatch events to departments with 2 staff each → 20,000 inbox notices,
// 20,000 e-mails to a local SMTP sink and 10,000 signed webhook POSTs to a local receiver. Prints figures, asserts nothing.
//
//   node --import tsx bench/notify.ts [--engine pglite|postgres|both] [--events 10000]
//
// The SMTP sink and the webhook receiver (real servers on local ports) run in a child process, so their CPU is not
// counted against the worker's.
import { log, openScratch } from './kit.js';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { deliverDue } from '../src/server/modules/notifications/deliver.js';
import { processOutbox } from '../src/server/modules/notifications/fan-out.js';
import { assembleDeps } from '../src/server/runtime.js';
import { startHookReceiver, startSmtpSink } from '../test/notifications/sinks.js';

// The sinks listen on loopback: allow it as a webhook target (refused by default).
process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE ??= '127.0.0.1/32';

const { values } = parseArgs({ options: {
  engine: { type: 'string', default: 'both' }, events: { type: 'string', default: '10000' }, sinks: { type: 'boolean', default: false },
} });

// Child mode: run the sinks, report their URLs, answer count requests.
if (values.sinks) {
  const smtp = await startSmtpSink({ keep: false });
  const hooks = await startHookReceiver({ keep: false });
  process.send!({ smtp: smtp.url, hooks: hooks.url });
  process.on('message', (m) => {
    if (m === 'count') process.send!({ mails: smtp.count(), posts: hooks.requests() });
  });
  await new Promise(() => {});
}

interface Sinks {
  smtp: string;
  hooks: string;
  count(): Promise<{ mails: number; posts: number }>;
  close(): void;
}

async function startSinks(): Promise<Sinks> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--sinks'], { execArgv: ['--import', 'tsx'] });
  const urls = await new Promise<{ smtp: string; hooks: string }>((resolve) => child.once('message', (m) => resolve(m as never)));
  return {
    ...urls,
    count: () => new Promise((resolve) => {
      child.once('message', (m) => resolve(m as never));
      child.send('count');
    }),
    close: () => child.kill(),
  };
}

const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine!];
const eventCount = Number(values.events);
const now = new Date('2026-11-02T10:00:00+08:00');

function open(engine: string) {
  return openScratch(engine, 'notify', { poolSize: 8 });
}

/** One dispatched case per event, round-robin over departments that have exactly a handler and a head. */
async function generate(database: Database): Promise<number> {
  const { db } = database;
  const category = await db.selectFrom('categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  const depts = (await sql<{ id: number }>`
    SELECT department_id AS id FROM users WHERE role IN ('handler', 'head') GROUP BY department_id HAVING count(*) = 2 ORDER BY 1`.execute(db)).rows.map((r) => r.id);
  const deptArray = `{${depts.join(',')}}`;
  await sql`
    INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone,
                       lead_department_id, created_at, updated_at, accepted_at, dispatched_at, event_count)
    SELECT g, 'B' || lpad(g::text, 9, '0'), '基准诉求 ' || g, '基准测试生成的诉求', ${category.id}, 'hotline', 'normal', 'dispatched',
           '张三', '13800000000', (${deptArray}::int[])[1 + g % ${depts.length}], ${now}, ${now}, ${now}, ${now}, 1
      FROM generate_series(1, ${eventCount}) AS g`.execute(db);
  await sql`SELECT setval('cases_id_seq', ${eventCount})`.execute(db);
  // The outbox trigger fires for each of these rows, as it does for events written by commands.
  await sql`
    INSERT INTO case_events (case_id, seq, type, actor_role, at, payload, prev_hash, hash)
    SELECT c.id, 1, 'case.dispatched', 'intake', ${now},
           jsonb_build_object('round', 1, 'leadDepartmentId', c.lead_department_id, 'coDepartmentIds', '[]'::jsonb), '', 'bench'
      FROM cases c`.execute(db);
  return depts.length;
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');

for (const engine of engines) {
  const { database, drop } = await open(engine);
  const sinks = await startSinks();
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const deptCount = await generate(database);
    const deps = assembleDeps(database, { now: () => now, logLevel: 'silent' });
    deps.notifications.mailer.config.smtpUrl = sinks.smtp;
    deps.notifications.mailer.config.maxConnections = 10;
    await database.db.insertInto('webhook_endpoints').values({ name: 'bench', url: sinks.hooks, secret: 'bench-secret-bench-secret', event_types: [], created_at: now, updated_at: now }).execute();
    log(`${engine}: ${eventCount} events over ${deptCount} departments ready`);

    const t0 = performance.now();
    const fan = await processOutbox(deps);
    const t1 = performance.now();
    // As the worker does: channels side by side, each timed to its own finish.
    const timed = async (channel: 'webhook' | 'email') => {
      const r = await deliverDue(deps, { channel, batch: 500, concurrency: 32 });
      return { ...r, ms: performance.now() - t1 };
    };
    const [hooks, mails] = await Promise.all([timed('webhook'), timed('email')]);
    const sent = { sent: hooks.sent + mails.sent, failed: hooks.failed + mails.failed };
    const t2 = performance.now();
    const byChannel = (await sql<{ channel: string; status: string; n: number }>`
      SELECT channel, status, count(*)::int AS n FROM notification_deliveries GROUP BY 1, 2 ORDER BY 1, 2`.execute(database.db)).rows;
    deps.notifications.mailer.close();

    console.log(`\n== notification fan-out, ${engine} ==`);
    console.log(`events                     ${fan.events.toLocaleString('en-US')}`);
    console.log(`inbox notices written      ${fan.notices.toLocaleString('en-US')}`);
    console.log(`deliveries queued          ${fan.deliveries.toLocaleString('en-US')}  (${byChannel.map((r) => `${r.channel} ${r.status} ${r.n}`).join(', ')})`);
    console.log(`fan-out (outbox → inbox)   ${(t1 - t0).toFixed(0)} ms   ${rate(fan.events, t1 - t0)} events/s   ${rate(fan.notices, t1 - t0)} notices/s`);
    console.log(`delivery (SMTP + webhook)  ${(t2 - t1).toFixed(0)} ms   ${rate(sent.sent, t2 - t1)} deliveries/s   sent ${sent.sent}, failed ${sent.failed}`);
    console.log(`  webhooks                 ${hooks.ms.toFixed(0)} ms   ${rate(hooks.sent, hooks.ms)} POSTs/s (signed, keep-alive)`);
    console.log(`  e-mails                  ${mails.ms.toFixed(0)} ms   ${rate(mails.sent, mails.ms)} mails/s (nodemailer pool of 10)`);
    const got = await sinks.count();
    console.log(`  SMTP sink received       ${got.mails.toLocaleString('en-US')} mails;  webhook receiver ${got.posts.toLocaleString('en-US')} POSTs`);
    console.log(`total                      ${(t2 - t0).toFixed(0)} ms   ${rate(fan.notices + sent.sent, t2 - t0)} notices+deliveries/s`);
  } finally {
    sinks.close();
    await drop();
  }
}
