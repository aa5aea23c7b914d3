import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTarget, spawnYiwang, yiwang } from '../kit/cli.js';
import { testEngine } from '../kit/runtime.js';

let target: Awaited<ReturnType<typeof cliTarget>>;
const running: ChildProcess[] = [];
beforeAll(async () => {
  target = await cliTarget();
  // Creates and migrates the database once, so each serve below starts quickly.
  const first = yiwang(['open311', 'keys', 'list', ...target.args], target.env);
  expect(first.code, first.stderr).toBe(0);
});
afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  await target.drop();
});

/** `yiwang serve` on the target, resolved once it listens, with the port it took. */
async function serve(): Promise<{ child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> }> {
  const child = spawnYiwang(['serve', '--port', '0', '--host', '127.0.0.1', ...target.args], target.env);
  running.push(child);
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const look = (d: Buffer) => {
      out += d;
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { child, port, output: () => out, exited };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at \S+|RuntimeError|Aborted\(\)/);

if (testEngine === 'pglite') {
  const dir = () => target.args[1]!;
  const lockFile = () => path.join(dir(), 'yiwang.lock');

  describe('one process per PGlite data folder', () => {
    it('refuses a second serve and a CLI write while serve holds the folder, naming the holder; works again once it stops', async () => {
      const server = await serve();
      const holder = JSON.parse(readFileSync(lockFile(), 'utf8'));
      expect(holder).toMatchObject({ pid: server.child.pid, hostname: hostname() });
      expect(holder.command).toContain('serve');

      const second = yiwang(['serve', '--port', '0', ...target.args], target.env);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain(`正被另一个进程使用：进程 ${server.child.pid}`);
      expect(second.stderr).toContain(`in use by another process: pid ${server.child.pid}`);
      expect(second.stderr).toContain(holder.startedAt);
      noStack(second.stderr);

      const write = yiwang(['open311', 'keys', 'create', '--name', '服务运行时创建', ...target.args], target.env);
      expect(write.code).not.toBe(0);
      expect(write.stdout).not.toContain('已为');
      expect(write.stderr).toContain(`进程 ${server.child.pid}`);
      expect(write.stderr).toContain('yiwang serve');
      noStack(write.stderr);
      // The server still answers and still holds the folder.
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
      expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(server.child.pid);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(existsSync(lockFile())).toBe(false);

      const created = yiwang(['open311', 'keys', 'create', '--name', '服务停止后创建', ...target.args], target.env);
      expect(created.code, created.stderr).toBe(0);
      const listed = yiwang(['open311', 'keys', 'list', '--json', ...target.args], target.env);
      expect(JSON.parse(listed.stdout).map((k: { name: string }) => k.name)).toEqual(['服务停止后创建']);
      expect(existsSync(lockFile())).toBe(false);
    }, 240_000);

    it('takes over a stale lock whose process is gone, saying so', () => {
      const gone = spawnSync(process.execPath, ['-e', '']).pid!;
      writeFileSync(lockFile(), JSON.stringify({ pid: gone, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'yiwang serve' }));
      const r = yiwang(['open311', 'keys', 'list', ...target.args], target.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`已不存在的进程 ${gone}`);
      expect(r.stderr).toContain(`Took over the stale lock`);
      expect(existsSync(lockFile())).toBe(false);
    }, 120_000);

    it('a lock held from another host is not taken over', () => {
      writeFileSync(lockFile(), JSON.stringify({ pid: 1, hostname: 'elsewhere.example', startedAt: '2026-01-01T00:00:00.000Z', command: 'yiwang serve' }));
      const r = yiwang(['open311', 'keys', 'list', ...target.args], target.env);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('主机 elsewhere.example');
      noStack(r.stderr);
      expect(existsSync(lockFile())).toBe(true);
      // A lock file left empty (a process that died between creating and writing it) is stale too.
      writeFileSync(lockFile(), '');
      const after = yiwang(['open311', 'keys', 'list', ...target.args], target.env);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stderr).toContain('taken over as stale');
      expect(existsSync(lockFile())).toBe(false);
    }, 120_000);

    it('releases the lock when a CLI command is interrupted (SIGINT)', async () => {
      const child = spawnYiwang(['demo', '--cases', '100000', ...target.args], target.env);
      running.push(child);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      expect(existsSync(lockFile())).toBe(false);
      for (let i = 0; i < 600 && !(existsSync(lockFile()) ? readFileSync(lockFile(), 'utf8') : '').includes(`"pid":${child.pid},`); i++) await new Promise((r) => setTimeout(r, 100));
      expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid, stderr).toBe(child.pid);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(existsSync(lockFile())).toBe(false);
    }, 120_000);
  });
} else {
  describe('several processes on one PostgreSQL database', () => {
    it('a CLI write while serve runs is seen by the running server, and a second serve starts too', async () => {
      const server = await serve();
      const second = await serve();
      const created = yiwang(['open311', 'keys', 'create', '--name', '服务运行时创建', ...target.env.DATABASE_URL ? [] : target.args], target.env);
      expect(created.code, created.stderr).toBe(0);
      const secret = created.stdout.trim().split('\n').at(-1)!;
      for (const s of [server, second]) {
        expect((await fetch(`http://127.0.0.1:${s.port}/open311/v2/requests.json?api_key=${secret}`)).status).toBe(200);
        expect((await fetch(`http://127.0.0.1:${s.port}/open311/v2/requests.json?api_key=yw311_notakey_000000000000000000000000`)).status).not.toBe(200);
      }
      for (const s of [server, second]) {
        s.child.kill('SIGTERM');
        expect(await s.exited).toBe(0);
      }
    }, 240_000);
  });
}
