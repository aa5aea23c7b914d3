import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataFolder, lockFileName } from '../../src/server/db/folder-lock.js';
import { StartRefused } from '../../src/server/db/start-refused.js';

const folder = () => mkdtempSync(path.join(tmpdir(), 'yw-lock-'));

describe('lockDataFolder', () => {
  it('writes the holder, refuses a second open in the same process, and is free again after release', () => {
    const dir = folder();
    const lock = lockDataFolder(dir);
    expect(JSON.parse(readFileSync(path.join(dir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid, hostname: hostname() });
    expect(() => lockDataFolder(dir)).toThrow(StartRefused);
    expect(() => lockDataFolder(dir)).toThrow(`进程 ${process.pid}`);
    lock.release();
    expect(existsSync(path.join(dir, lockFileName))).toBe(false);
    lockDataFolder(dir).release();
  });

  it('takes over a lock naming our own pid that this process does not hold (a reused pid), and says so', () => {
    const dir = folder();
    writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'yiwang serve' }));
    const logs: string[] = [];
    const lock = lockDataFolder(dir, (l) => logs.push(l));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('Took over the stale lock');
    expect(lock.holder.startedAt).not.toBe('2026-01-01T00:00:00.000Z');
    lock.release();
  });

  it('does not take over a living process\'s lock', () => {
    const dir = folder();
    // pid 1 is alive on every host (EPERM from kill(0) counts as alive).
    writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid: 1, hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'yiwang serve --data x' }));
    expect(() => lockDataFolder(dir)).toThrow(/进程 1（[\s\S]*yiwang serve --data x[\s\S]*pid 1 on/);
    expect(existsSync(path.join(dir, lockFileName))).toBe(true);
  });
});
