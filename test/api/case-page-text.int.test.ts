import { permissionsOf } from '../../src/domain/access/permissions.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { getCase } from '../../src/server/modules/cases/get-case.js';
import { loginAs } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// The case page is sent as JSON made once per cached record, with allowedActions appended and the bytes kept for the
// last set of actions (docs/adr/0012). It must be the very text JSON.stringify gives for the detail, for each user
// (again, after another user's read, and read twice in a row) and after changes.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

describe('the case page text', () => {
  it('equals JSON.stringify of the detail, per user (their own actions), before and after a command', async () => {
    let sawActions = false;
    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const id = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    const users = await rt.deps.database.db.selectFrom('users').innerJoin('departments', 'departments.id', 'users.department_id')
      .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.department_id', 'departments.name'])
      .where('users.username', 'in', ['intake', 'supervisor']).execute();
    expect(users).toHaveLength(2);
    for (const round of [1, 2]) {
      // Twice in a row (the bytes kept), then another user (rebuilt from the kept head), then the first again.
      for (const u of [users[0], users[0], users[1], users[0]]) {
        const user = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, roles: [u.role], permissions: permissionsOf([u.role]), departmentId: u.department_id, departmentName: u.name, mustChangePassword: false };
        const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: demoPassword } });
        const cookie = login.cookies.find((c) => c.name === 'yw_session')!;
        const page = await rt.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie: `yw_session=${cookie.value}` } });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
        const detail = await getCase(rt.deps, user, id);
        expect(page.body, `${u.username}, round ${round}`).toBe(JSON.stringify(detail));
        sawActions ||= detail.allowedActions.length > 0;
      }
      if (round === 1) {
        // A command changes the record: the cached text must follow.
        const r = await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] });
        expect(r.status).toBe(200);
      }
    }
    expect(sawActions).toBe(true);
  });
});
