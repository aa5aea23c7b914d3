import { parseArgs } from 'node:util';
import { messageFor } from '../contracts/errors.js';
import type { Open311Key } from '../contracts/open311.js';
import type { AppDeps } from '../server/deps.js';
import { AppError } from '../server/errors.js';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '../server/modules/open311/keys.js';
import type { CliIo } from './io.js';
import { consoleActor } from '../server/modules/admin-audit/index.js';
import { beijingDateTime } from '../domain/calendar/local-time.js';

const usage = `用法：
  yiwang open311 keys create --name NAME [--json]   新建接口密钥（密钥只显示这一次）
  yiwang open311 keys list [--json]                 列出密钥（前缀、最近使用、请求数、状态）
  yiwang open311 keys revoke ID|PREFIX [--json]     停用密钥，立即生效`;

const beijing = (iso: string | null) => (iso ? beijingDateTime(new Date(iso)) : '—');

function line(k: Open311Key): string {
  return [String(k.id).padStart(4), k.prefix.padEnd(14), k.revokedAt ? '已停用' : '有效  ', `最近使用 ${beijing(k.lastUsedAt)}`.padEnd(22), `请求 ${k.requestCount}`.padEnd(10), k.name].join('  ');
}

/** `yiwang open311 keys create --name NAME` (prints the new key once), `keys list`, `keys revoke ID|PREFIX`. */
export async function open311Command(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  const [group, action, ref] = positionals;
  if (values.help || group !== 'keys' || !action) {
    (values.help ? io.out : io.err)(usage);
    return values.help ? 0 : 1;
  }
  const { db } = deps.database;
  try {
    switch (action) {
      case 'create': {
        if (!values.name?.trim()) {
          io.err(`${messageFor('OPEN311_KEY_NAME_REQUIRED')}（--name）\n\n${usage}`);
          return 1;
        }
        const { key, secret } = await createApiKey(db, consoleActor, values.name, deps.now());
        if (values.json) io.out(JSON.stringify({ ...key, secret }));
        else {
          io.out(`已为「${key.name}」创建接口密钥（编号 ${key.id}）。密钥只显示这一次，请妥善保存：`);
          io.out(secret);
        }
        return 0;
      }
      case 'list': {
        const keys = await listApiKeys(db);
        if (values.json) io.out(JSON.stringify(keys));
        else if (keys.length === 0) io.out('还没有接口密钥。');
        else for (const k of keys) io.out(line(k));
        return 0;
      }
      case 'revoke': {
        if (!ref) {
          io.err(`请指定要停用的密钥编号或前缀\n\n${usage}`);
          return 1;
        }
        const id = /^\d+$/.test(ref) ? Number(ref) : (await findApiKey(db, ref)).id;
        const key = await revokeApiKey(db, consoleActor, id, deps.now());
        if (values.json) io.out(JSON.stringify(key));
        else io.out(`已停用「${key.name}」的接口密钥（${key.prefix}…）。`);
        return 0;
      }
      default:
        io.err(`未知操作：${action}\n\n${usage}`);
        return 1;
    }
  } catch (err) {
    if (err instanceof AppError) {
      io.err(`${err.code}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
