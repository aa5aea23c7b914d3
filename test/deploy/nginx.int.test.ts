import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTarget, projectRoot, spawnYiwang } from '../kit/cli.js';
import { freePort, stop, waitForOk } from './kit.js';

// The shipped nginx config (deploy/nginx) in front of two `yiwang serve` processes on one PostgreSQL database, all on
// loopback ports: requests reach both processes, a login works across them, the live stream is not buffered,
// /metrics is not exposed through the proxy. PostgreSQL project only (a PGlite folder belongs to one process);
// needs the Debian nginx package (.ci/run installs nginx-light).

const nginxBin = ['/usr/sbin/nginx', 'nginx'].find((b) => spawnSync(b, ['-v']).status === 0);
const metricsToken = 'nginx-test-metrics-token';
const dir = mkdtempSync(path.join(tmpdir(), 'yw-nginx-'));
let target: Awaited<ReturnType<typeof cliTarget>>;
const apps: { child: ChildProcess; port: number }[] = [];
let nginx: ChildProcess | undefined;
let httpPort = 0;
let httpsPort = 0;

/** A main nginx.conf around `site` (the shipped server config with ports, certificate and include made local). */
function mainConfig(site: string): string {
  const temp = path.join(dir, 'temp');
  mkdirSync(temp, { recursive: true });
  chmodSync(dir, 0o755);
  chmodSync(temp, 0o777);
  return [
    `pid ${dir}/nginx.pid;`, 'worker_processes 1;', 'events { worker_connections 256; }',
    'http {', '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${temp}/${t};`),
    site, '}',
  ].join('\n');
}

/** deploy/nginx/yiwang.conf with loopback ports, a self-signed certificate and the repository's proxy snippet. */
function siteConfig(appPorts: number[]): string {
  const snippet = path.join(projectRoot, 'deploy/nginx/yiwang-proxy.conf');
  return readFileSync(path.join(projectRoot, 'deploy/nginx/yiwang.conf'), 'utf8')
    .replace(/^\s*server 127\.0\.0\.1:3001 (.*)$/m, `    server 127.0.0.1:${appPorts[0]} $1`)
    .replace(/^\s*server 127\.0\.0\.1:3002 (.*)$/m, `    server 127.0.0.1:${appPorts[1]} $1`)
    .replace(/^\s*listen \[::\].*$/gm, '')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/ssl_certificate +\S+;/, `ssl_certificate ${dir}/cert.pem;`)
    .replace(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${dir}/key.pem;`)
    // Which process answered, for the test only.
    .replace('include /etc/nginx/snippets/yiwang-proxy.conf;', `add_header X-Test-Upstream $upstream_addr always;\n    include ${snippet};`);
}

function nginxTest(conf: string) {
  const file = path.join(dir, `test-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(file, conf);
  return spawnSync(nginxBin!, ['-t', '-p', dir, '-c', file, '-e', 'stderr'], { encoding: 'utf8' });
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** One HTTPS request through nginx (self-signed certificate). */
function call(method: string, url: string, opts: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = request({
      host: '127.0.0.1', port: httpsPort, method, path: url, rejectUnauthorized: false, servername: 'yiwang.example.gov.cn',
      headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

beforeAll(async () => {
  if (!nginxBin) throw new Error('nginx is not installed: apt-get install -y nginx-light (see .ci/run)');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=yiwang.example.gov.cn',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
  target = await cliTarget();
  [httpPort, httpsPort] = [await freePort(), await freePort()];
  const ports = [await freePort(), await freePort()];
  for (const port of ports) {
    const child = spawnYiwang(['serve', '--port', String(port), '--host', '127.0.0.1'],
      { ...target.env, YIWANG_TRUST_PROXY: '1', YIWANG_METRICS_TOKEN: metricsToken, LOG_LEVEL: 'warn' });
    apps.push({ child, port });
  }
  await Promise.all(ports.map((p) => waitForOk(`http://127.0.0.1:${p}/readyz`, 90_000)));
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, mainConfig(siteConfig(ports)));
  nginx = spawn(nginxBin, ['-p', dir, '-c', conf, '-e', 'stderr', '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  nginx.stderr!.on('data', (d) => (errors += d));
  const until = Date.now() + 20_000;
  while ((await call('GET', '/healthz').catch(() => null))?.status !== 200) {
    if (nginx.exitCode !== null || Date.now() > until) throw new Error(`nginx did not start: ${errors}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 180_000);

afterAll(async () => {
  await stop(nginx, 'SIGQUIT');
  await Promise.all(apps.map((a) => stop(a.child)));
  await target?.drop();
});

describe('nginx in front of two processes on PostgreSQL', () => {
  it('the shipped configs pass nginx -t (HTTPS site and the compose file\'s)', () => {
    const site = nginxTest(mainConfig(siteConfig(apps.map((a) => a.port))));
    expect(site.status, site.stderr).toBe(0);
    const compose = readFileSync(path.join(projectRoot, 'deploy/nginx/compose.conf'), 'utf8')
      .replace('server app1:3000', `server 127.0.0.1:${apps[0].port}`).replace('server app2:3000', `server 127.0.0.1:${apps[1].port}`)
      .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
      .replace('include /etc/nginx/snippets/yiwang-proxy.conf;', `include ${path.join(projectRoot, 'deploy/nginx/yiwang-proxy.conf')};`);
    const composeCheck = nginxTest(mainConfig(compose));
    expect(composeCheck.status, composeCheck.stderr).toBe(0);
  });

  it('sends plain HTTP to HTTPS', async () => {
    const res = await fetch(`http://127.0.0.1:${httpPort}/api/auth/me`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toMatch(/^https:\/\/.*\/api\/auth\/me$/);
  });

  it('spreads requests over both processes, each tagged with nginx\'s request id', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await call('GET', '/readyz');
      expect(res.status).toBe(200);
      seen.add(String(res.headers['x-test-upstream']));
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    }
    expect([...seen].sort()).toEqual(apps.map((a) => `127.0.0.1:${a.port}`).sort());
  });

  it('keeps a login session across both processes, writes included', { timeout: 60_000 }, async () => {
    const login = await call('POST', '/api/auth/login', { body: { username: 'admin', password: 'Demo@2021' } });
    expect(login.status, login.body).toBe(200);
    const cookie = String((login.headers['set-cookie'] as string[]).find((c) => c.startsWith('yw_session='))).split(';')[0];
    const { csrfToken } = JSON.parse(login.body);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const me = await call('GET', '/api/auth/me', { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(JSON.parse(me.body).user?.username ?? JSON.parse(me.body).username).toBe('admin');
      seen.add(String(me.headers['x-test-upstream']));
    }
    expect(seen.size).toBe(2);
    // The CSRF token issued by one process is accepted by the other.
    const out = await call('POST', '/api/auth/logout', { headers: { cookie, 'x-csrf-token': csrfToken }, body: {} });
    expect(out.status).toBeLessThan(300);
    // Each process caches a session for 10 s (auth/sessions.ts), so the other process may accept the cookie that long.
    const until = Date.now() + 15_000;
    let refused = 0;
    while (refused < 4) {
      const me = await call('GET', '/api/auth/me', { headers: { cookie } });
      refused = me.status === 401 ? refused + 1 : 0;
      if (Date.now() > until) throw new Error('the logged-out session is still accepted after 15 s');
      if (refused === 0) await new Promise((r) => setTimeout(r, 500));
    }
  });

  it('streams server-sent events through the proxy without buffering', async () => {
    const login = await call('POST', '/api/auth/login', { body: { username: 'admin', password: 'Demo@2021' } });
    const cookie = String((login.headers['set-cookie'] as string[]).find((c) => c.startsWith('yw_session='))).split(';')[0];
    const first = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: httpsPort, path: '/api/notifications/stream', rejectUnauthorized: false, headers: { cookie } }, (res) => {
        expect(res.statusCode).toBe(200);
        let text = '';
        res.on('data', (d) => {
          text += d;
          if (!text.includes('event: ')) return;
          resolve(text);
          req.destroy();
        });
      });
      req.on('error', (err) => (err.message.includes('socket hang up') ? undefined : reject(err)));
      setTimeout(() => reject(new Error('no event within 5 s: the stream is buffered')), 5_000);
      req.end();
    });
    expect(first).toMatch(/event: unread\ndata: \{"unreadCount":\d+\}/);
  });

  it('does not expose /metrics through the proxy; each process serves it on its own port with the token', async () => {
    expect((await call('GET', '/metrics', { headers: { authorization: `Bearer ${metricsToken}` } })).status).toBe(404);
    const direct = await fetch(`http://127.0.0.1:${apps[0].port}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(direct.status).toBe(200);
    expect(await direct.text()).toContain('yiwang_http_requests_total{method="GET",route="/readyz",status_code="200"}');
  });
});
