// Child process for the durability test: creates and dispatches cases through the real command path and prints
// "ack <id>" only after each transaction committed. The test kills it with SIGKILL part-way through.
import { parseArgs } from 'node:util';
import { permissionsOf } from '../../src/domain/access/permissions.js';
import { engineFromEnv, startRuntime } from '../../src/server/runtime.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { createCase } from '../../src/server/modules/cases/create-case.js';

const { values } = parseArgs({ options: { data: { type: 'string' } } });
const deps = await startRuntime({ ...engineFromEnv(values.data), logLevel: 'silent' });
await seedOrganisation(deps.database.db);
const db = deps.database.db;
const u = await db.selectFrom('users as u').innerJoin('departments as d', 'd.id', 'u.department_id')
  .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.department_id', 'd.name']).where('u.username', '=', 'intake').executeTakeFirstOrThrow();
const user = { id: u.id, username: u.username, displayName: u.display_name, role: u.role, roles: [u.role], permissions: permissionsOf([u.role]), departmentId: u.department_id, departmentName: u.name, mustChangePassword: false };
const category = await db.selectFrom('categories').select(['id', 'default_lead_department_id']).where('default_lead_department_id', 'is not', null).executeTakeFirstOrThrow();
for (let i = 0; i < 100_000; i++) {
  const { id } = await createCase(deps, user, {
    title: `断电测试诉求 ${i}`, description: '用于验证崩溃后已确认写入不丢失。', categoryId: category.id, channel: 'hotline', urgency: 'normal',
    submitterName: '测试', submitterPhone: '13800000000', isPublic: false, isNamePublic: false,
    dispatch: { leadDepartmentId: category.default_lead_department_id!, coDepartmentIds: [] },
  });
  process.stdout.write(`ack ${id}\n`);
}
