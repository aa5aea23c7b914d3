import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zReplicaStatus } from '../../../contracts/system.js';
import { maxLagFromEnv } from '../../db/read-replica.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { contentDisposition } from '../../kernel/index.js';
import { beijingParts } from '../../../domain/calendar/local-time.js';
import { backupToTemp } from './dump.js';
import { BackupError, headerBytes } from './manifest.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';

/** 20261103-0930 in Beijing time, for the file name. */
function stamp(d: Date): string {
  const p = beijingParts(d);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${two(p.month)}${two(p.day)}-${two(p.hour)}${two(p.minute)}`;
}

/**
 * The backup taken by the running server. On PGlite it is the only way while the server runs (one process per
 * data folder); on PostgreSQL it runs the same pg_dump as `yiwang backup`. The file is `yiwang restore`'s input.
 */
export function backupRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/admin/backup', { schema: { tags: ['system'], summary: '下载数据库备份（管理员；yiwang restore 可恢复）' } }, async (req, reply) => {
      const user = requireUser(req, 'system:backup');
      let backup;
      try {
        backup = await backupToTemp(deps.database, deps.files);
      } catch (err) {
        if (err instanceof BackupError) throw new AppError('BACKUP_FAILED', { code: err.code, message: err.zh });
        throw err;
      }
      const { manifest } = backup;
      // Who took the whole database home, and when: the file holds every case and account.
      try {
        await deps.database.db.transaction().execute((tx) => recordAdminChange(tx, staffActor(user, req.ip), {
          action: 'system.backup', targetType: 'system', targetId: 'backup', targetName: '数据库备份',
          before: null, after: { engine: manifest.engine, bytes: manifest.payloadBytes, cases: manifest.cases },
        }, deps.now()));
      } catch (err) {
        await backup.remove();
        throw err;
      }
      req.log.info({ userId: user.id, engine: manifest.engine, bytes: manifest.payloadBytes, cases: manifest.cases }, 'backup downloaded');
      const stream = createReadStream(backup.file);
      stream.on('close', () => void backup.remove());
      const name = `yiwang-${manifest.engine}-${stamp(deps.now())}.backup`;
      return reply.header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(`一网督办备份-${stamp(deps.now())}.backup`, name))
        .header('content-length', String(headerBytes + manifest.payloadBytes + (manifest.files?.bytes ?? 0)))
        .header('cache-control', 'no-store')
        .send(stream);
    });

    // The read replica's state for the admin's system card: configured or not, lag, whether reads use it now.
    app.get('/api/admin/replica', { schema: { tags: ['system'], summary: '只读副本状态（延迟、是否在用）', response: { 200: zReplicaStatus } } }, async (req) => {
      requireUser(req, 'system:backup');
      if (!deps.replica) return { configured: false, up: false, lagSeconds: null, maxLagSeconds: maxLagFromEnv(), inUse: false, standby: null, checkedAt: null };
      const { error: _error, ...st } = await deps.replica.check();
      return st;
    });
  };
}
