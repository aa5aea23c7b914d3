import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/db/engine.js';
import { hashApiKey } from '../../src/server/modules/open311/keys.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { cliTarget, yiwang } from '../kit/cli.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { post, validRequest } from './kit.js';

// API key lifecycle: created by the admin (console API or CLI), shown once, stored hashed, listed with last use,
// revoked at once; nobody else manages keys.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

describe('key console API', () => {
  it('creates a key shown once, stores only its hash and lists it with its last use', async () => {
    const admin = await loginAs(rt.app, 'admin');
    const created = await admin.post('/api/open311/keys', { name: '企业服务 App' });
    expect(created.status).toBe(201);
    const { secret, key } = created.body;
    expect(secret).toMatch(/^yw311_[A-Za-z0-9_-]{32}$/);
    expect(secret.startsWith(key.prefix)).toBe(true);
    const row = await rt.deps.database.db.selectFrom('open311_api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashApiKey(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    let list = (await admin.get('/api/open311/keys')).body.items;
    expect(JSON.stringify(list)).not.toContain(secret);
    expect(list.find((k: any) => k.id === key.id)).toMatchObject({ name: '企业服务 App', lastUsedAt: null, requestCount: 0, revokedAt: null, createdByName: '系统管理员' });
    rt.clock.advanceHours(1);
    expect((await post(rt.app, '/open311/v2/requests.json', validRequest(secret))).status).toBe(201);
    list = (await admin.get('/api/open311/keys')).body.items;
    const used = list.find((k: any) => k.id === key.id);
    expect(used.requestCount).toBe(1);
    expect(used.lastUsedAt).toBe(rt.deps.now().toISOString());
    const o = await rt.deps.database.db.selectFrom('open311_requests').select('api_key_id').executeTakeFirstOrThrow();
    expect(o.api_key_id).toBe(key.id);
  });

  it('refuses a second active key with the same name and an empty name; allows the name again after revoking', async () => {
    const admin = await loginAs(rt.app, 'admin');
    const first = await admin.post('/api/open311/keys', { name: '数字城管' });
    const dup = await admin.post('/api/open311/keys', { name: '数字城管' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('OPEN311_KEY_NAME_TAKEN');
    expect((await admin.post('/api/open311/keys', { name: '  ' })).status).toBe(400);
    const revoked = await admin.post(`/api/open311/keys/${first.body.key.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const again = await admin.post(`/api/open311/keys/${first.body.key.id}/revoke`);
    expect(again.body.error.code).toBe('OPEN311_KEY_ALREADY_REVOKED');
    expect((await admin.post('/api/open311/keys/99999/revoke')).status).toBe(404);
    expect((await admin.post('/api/open311/keys', { name: '数字城管' })).status).toBe(201);
    const r = await post(rt.app, '/open311/v2/requests.json', validRequest(first.body.secret));
    expect(r.status).toBe(403);
  });

  it.each(['intake', 'supervisor', 'zjj-handler', 'zjj-head', 'leader'])('refuses %s (403)', async (username) => {
    const c = await loginAs(rt.app, username);
    expect((await c.get('/api/open311/keys')).status).toBe(403);
    expect((await c.post('/api/open311/keys', { name: 'x' })).status).toBe(403);
    expect((await c.post('/api/open311/keys/1/revoke')).status).toBe(403);
  });

  it('refuses anonymous callers (401)', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/api/open311/keys' })).statusCode).toBe(401);
    expect((await rt.app.inject({ method: 'POST', url: '/api/open311/keys', payload: { name: 'x' } })).statusCode).toBe(401);
  });
});

describe('yiwang open311 keys', () => {
  let target: Awaited<ReturnType<typeof cliTarget>>;
  beforeAll(async () => {
    target = await cliTarget();
  });
  afterAll(() => target.drop());
  const open = () => openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });

  async function submitWith(secret: string): Promise<number> {
    const database = await open();
    try {
      // The CLI target comes migrated and seeded on both engines (test/kit/cli.ts).
      const deps = assembleDeps(database, { logLevel: 'silent' });
      const app = await buildApp(deps);
      try {
        return (await post(app, '/open311/v2/requests.json', validRequest(secret))).status;
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  }

  it('creates a key that works, lists it, and revokes it by prefix', async () => {
    const created = yiwang(['open311', 'keys', 'create', '--name', '第三方随手拍', ...target.args], target.env);
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim().split('\n').at(-1)!;
    expect(secret).toMatch(/^yw311_/);
    expect(await submitWith(secret)).toBe(201);

    const listed = yiwang(['open311', 'keys', 'list', '--json', ...target.args], target.env);
    expect(listed.code, listed.stderr).toBe(0);
    const keys = JSON.parse(listed.stdout);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ name: '第三方随手拍', requestCount: 1, revokedAt: null });
    expect(listed.stdout).not.toContain(secret);

    const dup = yiwang(['open311', 'keys', 'create', '--name', '第三方随手拍', ...target.args], target.env);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('OPEN311_KEY_NAME_TAKEN');

    const revoked = yiwang(['open311', 'keys', 'revoke', keys[0].prefix, ...target.args], target.env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain('已停用');
    expect(await submitWith(secret)).toBe(403);
    const text = yiwang(['open311', 'keys', 'list', ...target.args], target.env);
    expect(text.stdout).toContain('已停用');
  }, 400_000);

  it('explains missing arguments', () => {
    const r = yiwang(['open311', 'keys', 'create', ...target.args], target.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--name');
    expect(yiwang(['open311', 'keys', 'revoke', 'yw311_nope', ...target.args], target.env).code).toBe(2);
  }, 200_000);
});
