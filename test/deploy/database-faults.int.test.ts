import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, pgliteParsers, type Database } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { verifyRows } from '../../src/server/modules/audit/verify-rows.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { createCluster } from '../kit/pg-cluster.js';
import { testEngine } from '../kit/runtime.js';
import { freePort } from './kit.js';

// The database failing under a running server, each engine its own real fault:
// - PostgreSQL: the server (a throwaway cluster of the test's own, never the machine's) stops. Requests answer 503
//   DATABASE_UNAVAILABLE with Retry-After, not 500 INTERNAL_ERROR; /readyz goes red; once the server is back the
//   same app answers again without a restart.
// - PGlite: its folder on a small tmpfs that is then filled. A write answers 507 DISK_FULL with a Chinese message;
//   after space is freed the same process writes again and every acknowledged case is there with its chain intact.
// Needs root (tmpfs; PostgreSQL run as the postgres user), as CI has.

async function app(database: Database): Promise<{ app: FastifyInstance; intake: Client; category: number }> {
  const deps = assembleDeps(database, { logLevel: 'silent' });
  const a = await buildApp(deps);
  const intake = await loginAs(a, 'intake');
  const category = (await orgIds(intake)).category('approval.construction_permit');
  return { app: a, intake, category };
}

if (testEngine === 'postgres') {
  describe('PostgreSQL stops and comes back under a running server', () => {
    let cluster: ReturnType<typeof createCluster>;
    let database: Database;
    let t: Awaited<ReturnType<typeof app>>;

    beforeAll(async () => {
      cluster = createCluster(await freePort());
      const c = new pg.Client({ connectionString: cluster.url() });
      await c.connect();
      await c.query('CREATE DATABASE yw');
      await c.end();
      database = await openDatabase({ databaseUrl: cluster.url('yw'), poolSize: 4 });
      await migrate(database.db);
      await seedOrganisation(database.db);
      t = await app(database);
    }, 120_000);

    afterAll(async () => {
      await t?.app.close();
      await database?.close();
      cluster?.removeAll();
    });

    it('answers 503 DATABASE_UNAVAILABLE while it is down, and recovers by itself', async () => {
      expect((await t.intake.post('/api/cases', sampleCase(t.category))).status).toBe(201);
      cluster.stop('fast');
      try {
        const write = await t.intake.post('/api/cases', sampleCase(t.category));
        expect(write.status, JSON.stringify(write.body)).toBe(503);
        expect(write.body.error).toEqual({ code: 'DATABASE_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试' });
        const read = await t.app.inject({ method: 'GET', url: '/api/public/categories' });
        expect(read.statusCode, read.body).toBe(503);
        expect(read.json().error.code).toBe('DATABASE_UNAVAILABLE');
        expect(read.headers['retry-after']).toBe('5');
        const open311 = await t.app.inject({ method: 'GET', url: '/open311/v2/requests.json' });
        expect(open311.statusCode, open311.body).toBe(503);
        expect(open311.body).toContain('数据库暂时无法访问');
        expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
        expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      } finally {
        cluster.start();
      }
      // The same app, no restart: the pool connects again.
      const until = Date.now() + 20_000;
      while ((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode !== 200) {
        if (Date.now() > until) throw new Error('/readyz still red 20 s after the database came back');
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await t.intake.post('/api/cases', sampleCase(t.category))).status).toBe(201);
      const counted = await database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(counted.n)).toBe(2);
    });
  });
} else {
  describe('PGlite on a full disk', () => {
    const mount = mkdtempSync(path.join(tmpdir(), 'yw-full-'));
    let database: Database;
    let t: Awaited<ReturnType<typeof app>>;

    beforeAll(async () => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mount]);
      // A migrated, seeded database in the folder (PGlite writes it there and keeps writing there).
      const memory = await PGlite.create({ parsers: pgliteParsers });
      const seedDb = await openDatabase({ pglite: memory });
      await migrate(seedDb.db);
      await seedOrganisation(seedDb.db);
      const dump = await memory.dumpDataDir('none');
      await seedDb.close();
      const pglite = await PGlite.create(path.join(mount, 'data'), { loadDataDir: dump, parsers: pgliteParsers });
      database = await openDatabase({ pglite });
      t = await app(database);
    }, 120_000);

    afterAll(async () => {
      await t?.app.close();
      await database?.close().catch(() => {});
      try {
        execFileSync('umount', [mount]);
      } finally {
        rmSync(mount, { recursive: true, force: true });
      }
    });

    it('refuses a write with 507 DISK_FULL, keeps the data intact and writes again once space is freed', { timeout: 120_000 }, async () => {
      const filler = path.join(mount, 'filler');
      // Fill what is left of the tmpfs.
      const fd = openSync(filler, 'w');
      const block = Buffer.alloc(1 << 20, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      let acknowledged = 0;
      let refused: { status: number; body: any } | null = null;
      const long = '厂房扩建项目施工许可证超过法定时限仍未办结，请协调。'.repeat(150);
      for (let i = 0; i < 400 && !refused; i++) {
        const r = await t.intake.post('/api/cases', sampleCase(t.category, { description: long }));
        if (r.status === 201) acknowledged++;
        else refused = r;
      }
      expect(refused, 'no write failed on a full disk').not.toBeNull();
      expect(refused!.status, JSON.stringify(refused!.body)).toBe(507);
      expect(refused!.body.error).toEqual({ code: 'DISK_FULL', message: '服务器存储空间已满，本次操作未保存，请联系运维人员清理空间后重试' });
      // Reads still work on a full disk.
      expect((await t.intake.get('/api/cases?view=all')).status).toBe(200);

      rmSync(filler);
      expect((await t.intake.post('/api/cases', sampleCase(t.category))).status).toBe(201);
      const counted = await database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(counted.n)).toBe(acknowledged + 1);
      const chains = await verifyChains(database.db);
      expect(chains.firstBroken).toBeNull();
      expect(chains.casesChecked).toBe(acknowledged + 1);
      expect((await verifyRows(database.db)).casesMismatched).toBe(0);
    });
  });
}
