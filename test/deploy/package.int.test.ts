import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../kit/cli.js';
import { freePort, waitForOk } from './kit.js';

// The packed package, installed without dev dependencies, starts with `npm start` and serves the web console it was
// packed with (issue 16: "npm start builds the web at start, so an install without dev dependencies cannot start").
// PGlite project only: it installs from the npm registry and takes a minute or two. Needs dist/web (npm test builds it
// first); packs with --ignore-scripts so the prepack build does not rewrite dist/web under other running tests.

const dir = mkdtempSync(path.join(tmpdir(), 'yw-package-'));
let server: ChildProcess | undefined;

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

describe('the packed package', () => {
  it('installs with --omit=dev and `npm start` serves the API and the packed web console', { timeout: 900_000 }, async () => {
    if (!existsSync(path.join(projectRoot, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build:web` first');
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], projectRoot))[0];
    const files: string[] = packed.files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['dist/web/index.html', 'dist/web/portal.html', 'bin/start.js', 'bin/yiwang.js',
      'src/server/db/migrations/0001_init.sql', 'deploy/nginx/yiwang.conf', 'deploy/systemd/yiwang@.service']));
    expect(files.filter((f) => f.startsWith('src/web/') || f.endsWith('.test.ts') || f.startsWith('test/'))).toEqual([]);

    run('tar', ['-xzf', path.join(dir, packed.filename), '-C', dir], dir);
    const app = path.join(dir, 'package');
    // As the Dockerfile's runtime stage does: the lock file next to the package, production dependencies only.
    copyFileSync(path.join(projectRoot, 'package-lock.json'), path.join(app, 'package-lock.json'));
    run('npm', ['ci', '--omit=dev'], app);
    expect(existsSync(path.join(app, 'node_modules/vite'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules/react'))).toBe(false);

    const port = await freePort();
    let output = '';
    server = spawn('npm', ['start'], {
      cwd: app, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', YIWANG_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' },
    });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    await waitForOk(`http://127.0.0.1:${port}/healthz`, 600_000).catch((err) => {
      throw new Error(`${err.message}\n${output}`);
    });
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    // --demo-if-empty loaded the demo accounts.
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Demo@2021' }),
    });
    expect(login.status).toBe(200);
    expect(output).not.toContain('dist/web');
  });
});
