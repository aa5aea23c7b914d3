import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCitySettings, zPublicSettings, zSettingsUpdate, zSetupRequest, zSetupResponse } from '../../../contracts/settings.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { citySettings } from './cache.js';
import { initCity } from './init.js';
import { readLogo, publicView } from './store.js';
import { updateSettings } from './update-settings.js';
import { checkAdminUsername, checkFirstPassword } from './validate.js';

const tags = ['settings'];

export function settingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/settings', { schema: { tags, summary: '城市设置', response: { 200: zCitySettings } } }, async (req) => {
      requireUser(req);
      return (await citySettings(deps.database.db)).settings;
    });

    app.put('/api/settings', { schema: { tags, summary: '修改城市设置（管理员；记入安全审计）', body: zSettingsUpdate, response: { 200: zCitySettings } } }, async (req) => {
      const user = requireUser(req, 'settings:manage');
      await updateSettings(deps, user, req.ip, req.body);
      return (await citySettings(deps.database.db)).settings;
    });

    // The public site, the login page and the first-start page read the city's name and title here; no personal data.
    app.get('/api/public/settings', { schema: { tags, summary: '平台名称与是否已初始化（公开）', response: { 200: zPublicSettings } } }, async (_req, reply) => {
      reply.header('cache-control', 'no-cache');
      return publicView(await citySettings(deps.database.db));
    });

    app.get('/api/public/logo', { schema: { tags, summary: '城市标志图片（公开）' } }, async (_req, reply) => {
      const logo = await readLogo(deps.database.db);
      if (!logo) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: '未设置标志图片' } });
      return reply.header('content-type', logo.contentType).header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff').send(Buffer.from(logo.bytes));
    });

    // The first-start page: works only while the platform has no account, once (initCity refuses a second start).
    app.post('/api/public/setup', { schema: { tags, summary: '首次启动：初始化城市与第一位管理员（仅在没有任何账号时可用）', body: zSetupRequest, response: { 200: zSetupResponse } } }, async (req) => {
      const adminUsername = checkAdminUsername(req.body.adminUsername);
      const adminPassword = checkFirstPassword(req.body.adminPassword);
      const r = await initCity(deps.database.db, { ...req.body, adminUsername, adminPassword }, { userId: null, name: `首次启动页面（${adminUsername}）`, address: req.ip }, deps.now());
      deps.directory.invalidate();
      return { cityName: r.cityName, adminUsername: r.adminUsername };
    });
  };
}
