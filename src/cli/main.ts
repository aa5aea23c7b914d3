import { parseArgs } from 'node:util';
import { defaultWebRoot, engineFromEnv, startRuntime } from '../server/runtime.js';
import { StartRefused } from '../server/db/start-refused.js';
import { takeConfigFlag } from '../server/config-file.js';
import type { AppDeps } from '../server/deps.js';
import type { CliIo } from './io.js';

// Each command loads only its own code: a command that does not serve never loads the HTTP app (Fastify, every route,
// the API description), which was most of a short command's start-up time.
type AreaCommand = (args: string[], deps: AppDeps, io: CliIo) => Promise<number>;

// Commands that parse their own arguments (everything after the command word).
const areaCommands: Record<string, () => Promise<AreaCommand>> = {
  assess: async () => (await import('./assess.js')).assessCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  files: async () => (await import('./files.js')).filesCommand,
  import: async () => (await import('./import.js')).importCommand,
  init: async () => (await import('./init.js')).initCommand,
  open311: async () => (await import('./open311.js')).open311Command,
  router: async () => (await import('./router.js')).routerCommand,
};

const usage = `yiwang — 一网督办

Usage:
  yiwang init --city NAME --code 430400 [--hotline NAME] [--admin USERNAME] [--data DIR]
  yiwang serve [--port 3000] [--host 0.0.0.0] [--data DIR] [--demo-if-empty]
  yiwang demo [--data DIR] [--cases N]
  yiwang users list [--json] [--data DIR]
  yiwang audit verify [--data DIR]
  yiwang calendar is-workday DATE... [--data DIR]
  yiwang calendar add --from ISO8601 (--working-days N | --working-hours N) [--data DIR]
  yiwang assess run --period YYYY-MM|YYYY-Qn|YYYY [--json] [--data DIR]
  yiwang assess verify --period YYYY-MM|YYYY-Qn|YYYY [--json] [--data DIR]
  yiwang import FILE [--source NAME] [--mapping FILE] [--dry-run] [--json] [--data DIR]
  yiwang open311 keys create --name NAME [--data DIR]
  yiwang open311 keys list [--json] [--data DIR]
  yiwang open311 keys revoke ID|PREFIX [--data DIR]
  yiwang router train [--json] [--data DIR]
  yiwang router eval --test FILE [--json] [--data DIR]
  yiwang backup FILE [--data DIR]
  yiwang restore FILE [--force] [--data DIR]
  yiwang files migrate [--batch N] [--data DIR]
  yiwang files status [--data DIR]
  yiwang files sweep [--dry-run] [--grace-hours N] [--data DIR]

Storage: DATABASE_URL (PostgreSQL server) if set, else the PGlite folder from --data, YIWANG_DATA_DIR or ./data.
Files (attachments): DIR/files of the PGlite folder, YIWANG_FILES_DIR, or S3-compatible storage (YIWANG_S3_BUCKET).
Configuration: environment variables, and a KEY=VALUE file from --config FILE or YIWANG_CONFIG (the environment
wins over the file). Every variable is listed in docs/deployment.md.`;

async function main(args: string[]): Promise<number> {
  // Before anything reads the environment: the file fills in what the environment does not set.
  const argv = takeConfigFlag(args);
  const area = areaCommands[argv[0] ?? ''];
  if (area) return runAreaCommand(await area(), argv.slice(1));
  if (argv[0] === 'restore') {
    // Restore opens (and replaces) the target itself, so it gets the engine options rather than an open runtime.
    const { data, rest } = takeDataFlag(argv.slice(1));
    const { restoreCommand } = await import('./backup.js');
    return restoreCommand(rest, engineFromEnv(data), { out: console.log, err: console.error });
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' },
      cases: { type: 'string' }, 'demo-if-empty': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      from: { type: 'string' }, 'working-days': { type: 'string' }, 'working-hours': { type: 'string' },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    console.log(usage);
    return command ? 0 : 1;
  }
  const engine = engineFromEnv(values.data);
  const quiet = command !== 'serve';
  const deps = await startRuntime({ ...engine, logLevel: quiet ? 'warn' : undefined, webRoot: defaultWebRoot });
  try {
    switch (`${command}${sub ? ` ${sub}` : ''}`) {
      case 'serve': {
        const n = await deps.database.db.selectFrom('users').select(deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        if (Number(n.n) === 0 && values['demo-if-empty']) {
          deps.log.info('empty database: loading demo data');
          const { loadDemo, quietDemoCatchUp } = await import('../server/demo/load-demo.js');
          const since = deps.now();
          const r = await loadDemo(deps.database.db, deps.policy, { files: deps.files });
          // The first sweep catches up on the demo's past at once; its notices are history too (load-demo.ts).
          const { sweepSla } = await import('../server/jobs/sla-sweep.js');
          await sweepSla(deps);
          await quietDemoCatchUp(deps.database.db, since);
          deps.log.info(r, 'demo data loaded (password Demo@2021)');
        } else if (Number(n.n) === 0) {
          deps.log.info('empty database: open the console to set up the city (首次启动页面), or run `yiwang init`');
        }
        const [{ buildApp }, { startJobs }] = await Promise.all([import('../server/app.js'), import('../server/jobs/scheduler.js')]);
        const app = await buildApp(deps);
        const jobs = startJobs(deps);
        const port = Number(values.port ?? process.env.PORT ?? 3000);
        await app.listen({ port, host: values.host ?? process.env.HOST ?? '0.0.0.0' });
        deps.log.info(`一网督办 listening on http://localhost:${port} (${deps.database.kind}: ${deps.database.location})`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        jobs.stop();
        await app.close();
        return 0;
      }
      case 'demo': {
        const started = Date.now();
        const { loadDemo } = await import('../server/demo/load-demo.js');
        const r = await loadDemo(deps.database.db, deps.policy, { cases: values.cases ? Number(values.cases) : undefined, files: deps.files });
        console.log(`演示数据已装入：${r.cases} 件诉求，${r.events} 条事件，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。演示账号密码：Demo@2021`);
        return 0;
      }
      case 'users list': {
        const { listUsers } = await import('../server/modules/org/list-users.js');
        const users = await listUsers(deps.database.db);
        if (values.json) console.log(JSON.stringify(users, null, 2));
        else for (const u of users) console.log(`${u.username.padEnd(24)} ${u.role.padEnd(11)} ${u.departmentName} ${u.displayName}`);
        return 0;
      }
      case 'audit verify':
        return await (await import('./audit.js')).auditVerify(deps.database.db, { out: console.log, err: console.error });
      case 'calendar is-workday':
        return (await import('../server/modules/calendar/cli.js')).isWorkdayCommand(deps, positionals.slice(2), { out: console.log, err: console.error });
      case 'calendar add':
        return (await import('../server/modules/calendar/cli.js')).addCommand(deps, { from: values.from, days: values['working-days'], hours: values['working-hours'] }, { out: console.log, err: console.error });
      default:
        console.error(`unknown command: ${positionals.join(' ')}\n\n${usage}`);
        return 1;
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'DemoRefused') {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await deps.database.close();
  }
}

/** `--data DIR` is taken here; the rest of the arguments go to the area's command. */
async function runAreaCommand(run: AreaCommand, args: string[]): Promise<number> {
  const { data, rest } = takeDataFlag(args);
  const deps = await startRuntime({ ...engineFromEnv(data), logLevel: 'warn', webRoot: defaultWebRoot });
  try {
    return await run(rest, deps, { out: console.log, err: console.error });
  } finally {
    await deps.database.close();
  }
}

function takeDataFlag(args: string[]): { data: string | undefined; rest: string[] } {
  const at = args.indexOf('--data');
  const data = at >= 0 ? args[at + 1] : undefined;
  return { data, rest: at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args };
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // The folder is held by another process, or a landed migration changed: say so, no stack trace.
  if (!(err instanceof StartRefused)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
