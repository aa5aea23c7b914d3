// What bench/faults.ts drives: `yiwang serve` processes, the shipped nginx config in front of them (plain HTTP, the
// compose file's server block), and a load client that tags every case it creates so it can be found afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, stop, waitForOk } from '../test/deploy/kit.js';

export const projectRoot = path.resolve(import.meta.dirname, '..');
export const metricsToken = 'faults-bench-token';
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export { freePort, stop };

export interface AppProcess {
  port: number;
  child: ChildProcess;
  start(): Promise<void>;
}

/** One `yiwang serve` on 127.0.0.1:port (env gives DATABASE_URL or args give --data). */
export function appProcess(port: number, env: Record<string, string>, args: string[] = []): AppProcess {
  const self: AppProcess = {
    port, child: undefined as unknown as ChildProcess,
    async start() {
      self.child = spawn(process.execPath, [path.join(projectRoot, 'bin/yiwang.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', ...args], {
        cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, YIWANG_TRUST_PROXY: '1', YIWANG_METRICS_TOKEN: metricsToken, LOG_LEVEL: 'warn', ...env },
      });
      self.child.stderr!.on('data', () => {});
      await waitForOk(`http://127.0.0.1:${port}/healthz`, 120_000);
    },
  };
  return self;
}

/** nginx with deploy/nginx/compose.conf (upstreams made local) on a free port; returns its base URL. */
export async function startNginx(dir: string, appPorts: number[]): Promise<{ url: string; child: ChildProcess }> {
  const bin = ['/usr/sbin/nginx', 'nginx'].find((b) => spawnSync(b, ['-v']).status === 0);
  if (!bin) throw new Error('nginx is not installed: apt-get install -y nginx-light');
  const port = await freePort();
  const temp = path.join(dir, 'temp');
  mkdirSync(temp, { recursive: true });
  chmodSync(dir, 0o755);
  chmodSync(temp, 0o777);
  const site = readFileSync(path.join(projectRoot, 'deploy/nginx/compose.conf'), 'utf8')
    .replace('server app1:3000', `server 127.0.0.1:${appPorts[0]}`).replace('server app2:3000', `server 127.0.0.1:${appPorts[1]}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('include /etc/nginx/snippets/yiwang-proxy.conf;', `include ${path.join(projectRoot, 'deploy/nginx/yiwang-proxy.conf')};`);
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, [`pid ${dir}/nginx.pid;`, 'worker_processes 1;', 'events { worker_connections 1024; }', 'http {', '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${temp}/${t};`), site, '}'].join('\n'));
  const child = spawn(bin, ['-p', dir, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', () => {});
  await waitForOk(`http://127.0.0.1:${port}/healthz`, 20_000);
  return { url: `http://127.0.0.1:${port}`, child };
}

export interface Session { cookie: string; csrf: string }

export async function login(base: string, username: string): Promise<Session> {
  for (let i = 0; ; i++) {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2021' }) }).catch(() => null);
    if (res?.status === 200) {
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('yw_session='))!.split(';')[0];
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    }
    if (i > 20) throw new Error(`login ${username}: ${res?.status}`);
    await sleep(500);
  }
}

/** Counts of what the load client saw; `statuses` by HTTP status (0 = connection failed). */
export class Tally {
  sent = 0;
  attempts = 0;
  acknowledged = new Set<string>();
  commandsAcknowledged = new Set<number>();
  gaveUp = 0;
  statuses = new Map<string, number>();
  lastOk = 0;
  note(status: number, code?: string) {
    const key = code ? `${status} ${code}` : String(status);
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (status >= 200 && status < 300) this.lastOk = Date.now();
  }
  summary(): string {
    return [...this.statuses.entries()].sort().map(([k, v]) => `${k}: ${v}`).join(', ');
  }
}

async function send(base: string, s: Session, url: string, body: unknown, headers: Record<string, string> = {}) {
  try {
    const res = await fetch(`${base}${url}`, {
      method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(15_000),
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
    });
    const text = await res.text();
    let json: { id?: number; error?: { code?: string } } = {};
    try {
      json = JSON.parse(text);
    } catch {
      // nginx's own error page (502)
    }
    return { status: res.status, json };
  } catch {
    return { status: 0, json: {} as { id?: number; error?: { code?: string } } };
  }
}

/**
 * Mixed load until `running()` is false: each worker creates a case tagged `marker` (Idempotency-Key = marker, so a
 * retry never makes two) and dispatches every second case it created. A failed request is retried (up to 40 times,
 * 250 ms apart) — what a client does; a 2xx counts as acknowledged.
 */
export async function mixedLoad(base: string, s: Session, tag: string, workers: number, running: () => boolean, t: Tally, opts: { category: number; lead: number }) {
  let n = 0;
  const retrying = async (fn: () => Promise<{ status: number; json: { id?: number; error?: { code?: string } } }>) => {
    for (let attempt = 0; attempt < 40; attempt++) {
      t.attempts++;
      const r = await fn();
      t.note(r.status, r.json.error?.code);
      if (r.status >= 200 && r.status < 300) return r;
      if (r.status === 409 && attempt > 0) return r; // a command that went through before its answer was lost
      if (r.status >= 400 && r.status < 500 && r.status !== 429) return null;
      await sleep(250);
    }
    t.gaveUp++;
    return null;
  };
  await Promise.all(Array.from({ length: workers }, async () => {
    while (running()) {
      const marker = `${tag}-${process.pid}-${n++}`;
      t.sent++;
      const created = await retrying(() => send(base, s, '/api/cases', {
        title: `故障测试 ${marker}`, description: `压力与故障测试登记的诉求，标记 ${marker}。`, categoryId: opts.category,
        channel: 'hotline', urgency: 'normal', submitterName: '张伟', submitterPhone: '13800138000',
      }, { 'idempotency-key': marker }));
      if (!created || created.status !== 201 && created.status !== 200) continue;
      t.acknowledged.add(marker);
      const id = created.json.id!;
      if (n % 2 === 0) {
        t.sent++;
        const d = await retrying(() => send(base, s, `/api/cases/${id}/dispatch`, { leadDepartmentId: opts.lead, coDepartmentIds: [] }));
        if (d && d.status < 300) t.commandsAcknowledged.add(id);
      }
    }
  }));
}

/** Resident set size of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Used V8 heap in MiB, from the process's /metrics. */
export async function heapMiB(port: number): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    const m = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    return m ? Math.round(Number(m[1]) / 1048576) : NaN;
  } catch {
    return NaN;
  }
}
