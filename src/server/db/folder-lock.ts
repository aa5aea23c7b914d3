import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { SHANGHAI_OFFSET_MS } from '../../domain/calendar/local-time.js';
import { StartRefused } from './start-refused.js';

/** Who holds a PGlite data folder: written into the folder's lock file as JSON. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  command: string;
}

export interface FolderLock {
  holder: LockHolder;
  release(): void;
}

export const lockFileName = 'yiwang.lock';
// Lock files this process holds, with their release; a lock file naming our own pid that is not here was left by
// an earlier process that had the same pid (containers reuse small pids).
const heldHere = new Map<string, () => void>();

const releaseAll = () => {
  for (const release of [...heldHere.values()]) release();
};
// Nobody else handles the signal (a CLI command): release and exit as the signal would. A server handles it itself
// and closes the database, which releases the lock after the last write.
const onSignal = (signal: NodeJS.Signals) => {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.exit(signal === 'SIGINT' ? 130 : 143);
};

function watchExit(on: boolean) {
  const method = on ? 'on' : 'off';
  process[method]('exit', releaseAll);
  process[method]('SIGINT', onSignal);
  process[method]('SIGTERM', onSignal);
}

/**
 * Takes the data folder for this process: creates `yiwang.lock` with O_EXCL (atomic: of two processes racing, one
 * creates it). A lock whose pid is not alive on this host is stale and taken over (`log` is told). Otherwise the
 * folder is refused with StartRefused naming the holder. The lock is removed by release(), at process exit, and on
 * SIGINT/SIGTERM when nobody else handles the signal (a server that does closes the database, which releases it).
 */
export function lockDataFolder(dir: string, log: (line: string) => void = (l) => console.warn(l)): FolderLock {
  const file = path.join(dir, lockFileName);
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: commandLine() };
  const body = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      try {
        writeSync(fd, body);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
    let seen = readHolder(file);
    if (seen === 'unreadable') {
      // Perhaps created a moment ago and not yet written: look again before calling it stale.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
      seen = readHolder(file);
    }
    if (seen === 'gone') continue;
    if (seen !== 'unreadable' && !isStale(seen, file)) throw new StartRefused(heldMessage(dir, seen));
    // Stale: remove it only if it is still the file we judged, then race for it again with O_EXCL.
    const again = readHolder(file);
    if (JSON.stringify(again) !== JSON.stringify(seen)) continue;
    try {
      unlinkSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    log(
      seen === 'unreadable'
        ? `数据目录 ${dir} 的锁文件无法读取，视为过期并接管。/ The lock file in ${dir} was unreadable; taken over as stale.`
        : `数据目录 ${dir} 的锁属于已不存在的进程 ${seen.pid}（${seen.command}，自 ${beijing(seen.startedAt)} 起），已接管。/ ` +
          `Took over the stale lock on ${dir}: pid ${seen.pid} (${seen.command}, since ${seen.startedAt}) is not running.`,
    );
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    if (heldHere.size === 0) watchExit(false);
    // Remove the file only while it is still ours.
    const now = readHolder(file);
    if (typeof now === 'object' && now.pid === holder.pid && now.startedAt === holder.startedAt) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone.
      }
    }
  };
  if (heldHere.size === 0) watchExit(true);
  heldHere.set(file, release);
  return { holder, release };
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const v = JSON.parse(text) as LockHolder;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string') return v;
  } catch {
    // Half-written by a process that died between create and write, or not ours.
  }
  return 'unreadable';
}

/** Stale when the holder ran on this host and its pid is not alive (or is ours but we do not hold the folder). */
function isStale(h: LockHolder, file: string): boolean {
  if (h.hostname !== hostname()) return false;
  if (h.pid === process.pid) return !heldHere.has(file);
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (err) {
    // EPERM: alive, someone else's process.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function heldMessage(dir: string, h: LockHolder): string {
  return (
    `数据目录 ${dir} 正被另一个进程使用：进程 ${h.pid}（主机 ${h.hostname}，自 ${beijing(h.startedAt)} 起，命令 ${h.command}）。` +
    `PGlite 数据目录同一时间只能由一个进程打开。服务运行时请在网页管理界面操作，或先停止该进程再执行命令；多个进程共用数据请改用 PostgreSQL（DATABASE_URL）。` +
    `若确认该进程已不存在，可删除 ${path.join(dir, lockFileName)}。\n` +
    `Data folder ${dir} is in use by another process: pid ${h.pid} on ${h.hostname}, since ${h.startedAt}, running "${h.command}". ` +
    `A PGlite folder is opened by one process at a time: while the server runs, use the web console, or stop it first; ` +
    `to share data between processes use PostgreSQL (DATABASE_URL). If that process is gone, delete ${path.join(dir, lockFileName)}.`
  );
}

function beijing(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')}（北京时间）`;
}

function commandLine(): string {
  const [, script = '', ...args] = process.argv;
  const name = path.basename(script).replace(/\.(js|ts|mjs)$/, '');
  return [name, ...args].join(' ');
}
