import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAdminChain } from '../../src/server/modules/admin-audit/index.js';
import { emptyRuntime } from './empty-db.js';

// The first-start page's API: on an empty platform anyone may set up the city and the first administrator, once;
// afterwards (or when a second start races the first) the endpoint refuses with SETUP_ALREADY_DONE.

let rt: Awaited<ReturnType<typeof emptyRuntime>>;
beforeAll(async () => {
  rt = await emptyRuntime();
});
afterAll(() => rt.close());

const setup = (body: Record<string, unknown>) => rt.app.inject({ method: 'POST', url: '/api/public/setup', payload: body });
const good = { cityName: '示例市', divisionCode: '430100', hotlineName: '12345', adminUsername: 'chief', adminPassword: 'Shili2026Admin', adminDisplayName: '王管理' };

describe('first start', () => {
  it('an empty platform says it is not set up, with neutral texts', async () => {
    const r = await rt.app.inject({ method: 'GET', url: '/api/public/settings' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ initialised: false, hasLogo: false });
    expect(JSON.stringify(r.json())).not.toMatch(/衡阳/);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, divisionCode: '43010' }, 'CITY_CODE_INVALID'],
      [{ ...good, divisionCode: '990100' }, 'CITY_CODE_INVALID'],
      [{ ...good, cityName: 'X' }, 'CITY_NAME_INVALID'],
      [{ ...good, adminPassword: 'short1' }, 'SETUP_PASSWORD_WEAK'],
      [{ ...good, adminUsername: 'a b' }, 'SETUP_USERNAME_INVALID'],
    ];
    for (const [body, code] of cases) {
      const r = await setup(body);
      expect(r.statusCode, code).toBeGreaterThanOrEqual(400);
      expect(r.json().error.code).toBe(code);
    }
    const db = rt.database.db;
    expect(await db.selectFrom('users').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('city_settings').select('id').execute()).toEqual([]);
  });

  it('sets up the city once; two starts at once: one wins, the other fails cleanly', async () => {
    const [a, b] = await Promise.all([setup(good), setup({ ...good, cityName: '另一市', adminUsername: 'other' })]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('SETUP_ALREADY_DONE');
    const winner = a.statusCode === 200 ? a : b;
    const db = rt.database.db;
    const users = await db.selectFrom('users').select(['username', 'role', 'must_change_password']).execute();
    expect(users).toHaveLength(1);
    expect(users[0].role).toBe('admin');
    expect(users[0].must_change_password).toBe(false);
    const units = await db.selectFrom('departments').select(['name', 'kind', 'parent_id']).execute();
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ kind: 'office', parent_id: null });
    expect(units[0].name).toBe(`${winner.json().cityName}人民政府办公室`);
    const audit = await db.selectFrom('admin_audit').select(['action', 'actor_user_id', 'address', 'after']).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'city.init', actor_user_id: null });
    expect(JSON.stringify(audit[0].after)).not.toMatch(/Shili2026Admin|argon2/);
    expect((await verifyAdminChain(db)).firstBroken).toBeNull();

    // Once set up, the page is closed for good.
    const again = await setup({ ...good, adminUsername: 'third' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('SETUP_ALREADY_DONE');
    const pub = (await rt.app.inject({ method: 'GET', url: '/api/public/settings' })).json();
    expect(pub).toMatchObject({ initialised: true, cityName: winner.json().cityName, hotlineName: '12345' });
    expect(pub.siteTitle).toBe(`${winner.json().cityName}优化营商环境问题并网督办平台`);
  });

  it('the new administrator signs in with the chosen password', async () => {
    const username = (await rt.database.db.selectFrom('users').select('username').executeTakeFirstOrThrow()).username;
    const r = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: good.adminPassword } });
    expect(r.statusCode).toBe(200);
    expect(r.json().user.role).toBe('admin');
  });
});
