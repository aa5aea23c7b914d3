import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { backupExit, BackupError } from './manifest.js';

export type PgTool = 'pg_dump' | 'pg_restore';

const toolsError = (code: string, zh: string, en: string) => new BackupError(code, backupExit.tools, zh, en);

function majorOf(bin: string): number | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

/**
 * Finds pg_dump / pg_restore: YIWANG_PG_BIN (a folder) if set, else the newest of PATH and
 * /usr/lib/postgresql/<version>/bin (a newer tool reads older servers and archives; the reverse fails).
 */
export function findPgTool(tool: PgTool): { bin: string; major: number } {
  const candidates: string[] = [];
  if (process.env.YIWANG_PG_BIN) candidates.push(path.join(process.env.YIWANG_PG_BIN, tool));
  else {
    candidates.push(tool);
    const root = '/usr/lib/postgresql';
    if (existsSync(root)) for (const v of readdirSync(root)) candidates.push(path.join(root, v, 'bin', tool));
  }
  let best: { bin: string; major: number } | null = null;
  for (const bin of candidates) {
    const major = majorOf(bin);
    if (major !== null && (!best || major > best.major)) best = { bin, major };
  }
  if (!best) {
    throw toolsError(
      'BACKUP_PG_TOOLS_MISSING',
      `找不到 ${tool}：请安装 PostgreSQL 客户端工具（如 apt install postgresql-client），或用 YIWANG_PG_BIN 指定其所在目录。`,
      `${tool} not found: install the PostgreSQL client tools (e.g. apt install postgresql-client) or point YIWANG_PG_BIN at their folder.`,
    );
  }
  return best;
}

/** pg_dump cannot dump a server newer than itself: say so before it fails halfway. */
export function checkToolNotOlder(tool: { bin: string; major: number }, serverMajor: number) {
  if (serverMajor <= tool.major) return;
  throw toolsError(
    'BACKUP_PG_TOOLS_TOO_OLD',
    `数据库服务器是 PostgreSQL ${serverMajor}，而 ${tool.bin} 是 ${tool.major} 版：请安装 ${serverMajor} 或更新版本的客户端工具。`,
    `The database server is PostgreSQL ${serverMajor} but ${tool.bin} is version ${tool.major}: install client tools ${serverMajor} or newer.`,
  );
}

/** The URL without its password, which goes to the child in PGPASSWORD (not visible in `ps`). */
export function connectionFor(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const env = { ...process.env };
  try {
    const u = new URL(url);
    if (u.password) {
      env.PGPASSWORD = decodeURIComponent(u.password);
      u.password = '';
    }
    return { dbname: u.toString(), env };
  } catch {
    return { dbname: url, env };
  }
}

/** Runs a PostgreSQL tool to the end; a non-zero exit becomes a BackupError carrying its stderr. */
export function runPgTool(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const tail = stderr.trim().split('\n').slice(-5).join('\n');
        reject(toolsError('BACKUP_PG_TOOL_FAILED', `${path.basename(bin)} 执行失败（退出码 ${code}）：\n${tail}`, `${path.basename(bin)} failed (exit ${code}).`));
      }
    });
  });
}
