import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yiwang } from '../kit/cli.js';
import { serverDatabase, testEngine } from '../kit/engine.js';

// `yiwang init` on an empty database (a new PGlite folder, or a new empty database on the server): settings, the
// top unit and the first administrator with a one-time password printed once; a second run is refused.

let target: { env: Record<string, string>; args: string[]; drop(): Promise<void> };
beforeAll(async () => {
  if (testEngine === 'pglite') {
    target = { env: {}, args: ['--data', mkdtempSync(path.join(tmpdir(), 'yw-init-'))], drop: async () => {} };
  } else {
    const server = await serverDatabase('yw_init');
    target = { env: { DATABASE_URL: server.url }, args: [], drop: server.drop };
  }
});
afterAll(() => target.drop());

describe('yiwang init', () => {
  it('sets up an empty database once and prints the one-time password', () => {
    const r = yiwang(['init', '--city', '示例市', '--code', '430100', '--hotline', '12345', ...target.args], target.env);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已初始化：示例市（行政区划代码 430100）');
    expect(r.stdout).toContain('管理员用户名：admin');
    const password = /一次性密码：(\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);

    const users = yiwang(['users', 'list', '--json', ...target.args], target.env);
    const list = JSON.parse(users.stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ username: 'admin', role: 'admin', departmentName: '示例市人民政府办公室' });

    const audit = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(audit.code).toBe(0);

    // Bad input is refused before anything is written, with the Chinese message.
    const bad = yiwang(['init', '--city', '另一市', '--code', '12345', ...target.args], target.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('行政区划代码应为 6 位数字');

    const again = yiwang(['init', '--city', '另一市', '--code', '430200', ...target.args], target.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('数据库不是空的');
    expect(again.stdout).not.toContain('一次性密码');
  }, 900_000);
});
