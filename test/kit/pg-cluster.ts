import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

// A throwaway PostgreSQL cluster of its own (initdb, pg_ctl) on a loopback port, so a test or a bench script may stop,
// restart or replicate a server without ever touching the machine's main cluster. A streaming replica is made from
// it with `pg_basebackup -R` (its pg_hba allows local replication; the main cluster's is left as it is).
// PostgreSQL refuses to run as root: as root the commands run as the `postgres` user (runuser), otherwise as ourselves.

export interface PgCluster {
  dir: string;
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url(db?: string): string;
  start(): void;
  /** pg_ctl stop; `immediate` is a crash (no checkpoint), `fast` a clean shutdown that disconnects everyone. */
  stop(mode?: 'fast' | 'immediate'): void;
  isRunning(): boolean;
  /** A streaming replica of this cluster on `port` (pg_basebackup -R), started. */
  replica(port: number): PgCluster;
  /** Stops the server if running and removes its folder. */
  destroy(): void;
}

function binDir(): string {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0 && existsSync(path.join(fromConfig.stdout.trim(), 'initdb'))) return fromConfig.stdout.trim();
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, 'bin/initdb'))) return path.join(root, v, 'bin');
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql');
}

const asRoot = userInfo().uid === 0;

function run(bin: string, args: string[], quiet = true): string {
  const file = path.join(binDir(), bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`, { cause: err });
  }
}

function scratchDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `yw-pg-${label}-`));
  chmodSync(dir, 0o755);
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  return dir;
}

function cluster(base: string, dataDir: string, port: number, extra: string[] = []): PgCluster {
  const log = path.join(base, `server-${port}.log`);
  const options = [`-p ${port}`, `-k ${base}`, '-c listen_addresses=127.0.0.1', ...extra].join(' ');
  const self: PgCluster = {
    dir: dataDir, port,
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start: () => void run('pg_ctl', ['-D', dataDir, '-o', options, '-l', log, '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') => void run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']),
    isRunning: () => spawnSync(path.join(binDir(), 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']).status === 0,
    replica(replicaPort: number) {
      const replicaDir = path.join(base, `replica-${replicaPort}`);
      run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
      const r = cluster(base, replicaDir, replicaPort, ['-c hot_standby=on']);
      r.start();
      return r;
    },
    destroy() {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
        try {
          self.stop('immediate');
        } catch {
          // already stopped
        }
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

/**
 * A new cluster (initdb, trust on loopback, replication allowed) started on `port`, fsync off (scratch data).
 * `dir` places it (e.g. on a small tmpfs); default a new folder under the OS temp directory.
 */
export function createCluster(port: number, opts: { dir?: string; fsync?: boolean } = {}): PgCluster & { removeAll(): void } {
  const base = opts.dir ?? scratchDir('cluster');
  const dataDir = path.join(base, 'primary');
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  appendFileSync(path.join(dataDir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
  const c = cluster(base, dataDir, port, opts.fsync ? [] : ['-c fsync=off']);
  c.start();
  return {
    ...c,
    removeAll() {
      for (const d of readdirSync(base)) {
        const full = path.join(base, d);
        if (existsSync(path.join(full, 'postmaster.pid'))) spawnSync(asRoot ? 'runuser' : path.join(binDir(), 'pg_ctl'),
          asRoot ? ['-u', 'postgres', '--', path.join(binDir(), 'pg_ctl'), '-D', full, '-m', 'immediate', 'stop'] : ['-D', full, '-m', 'immediate', 'stop']);
      }
      if (!opts.dir) rmSync(base, { recursive: true, force: true });
      else for (const d of readdirSync(base)) rmSync(path.join(base, d), { recursive: true, force: true });
    },
  };
}
