import { parseArgs } from 'node:util';
import type { AppDeps } from '../server/deps.js';
import { AppError } from '../server/errors.js';
import { consoleActor } from '../server/modules/admin-audit/index.js';
import { initCity } from '../server/modules/settings/index.js';
import type { CliIo } from './io.js';

const usage = `用法：
  yiwang init --city 城市名称 --code 行政区划代码 [--hotline 热线名称] [--admin 管理员用户名]
例如：
  yiwang init --city 示例市 --code 430100 --hotline 12345
在空数据库上创建城市设置、市政府办公室和第一位管理员；管理员的一次性密码只显示这一次，首次登录后须修改。`;

/** `yiwang init`: sets up an empty platform for a city (settings, top unit, first administrator with a one-time password). */
export async function initCommand(args: string[], deps: AppDeps, io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { city: { type: 'string' }, code: { type: 'string' }, hotline: { type: 'string' }, admin: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${usage}`);
    return 1;
  }
  if (values.help) {
    io.out(usage);
    return 0;
  }
  if (!values.city || !values.code) {
    io.err(`缺少 --city 或 --code。\n\n${usage}`);
    return 1;
  }
  try {
    const r = await initCity(deps.database.db, { cityName: values.city, divisionCode: values.code, hotlineName: values.hotline, adminUsername: values.admin ?? 'admin' }, consoleActor, deps.now());
    io.out(`已初始化：${r.cityName}（行政区划代码 ${values.code.trim()}）。`);
    io.out(`管理员用户名：${r.adminUsername}`);
    io.out(`一次性密码：${r.oneTimePassword}`);
    io.out('此密码只显示这一次，请立即妥善保存；首次登录后须修改密码。');
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      io.err(err.code === 'SETUP_ALREADY_DONE' ? '数据库不是空的（已有账号、单位或城市设置），不能初始化。init 只用于新平台的空数据库。' : err.message);
      return 1;
    }
    throw err;
  }
}
