import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCreateOpen311KeyRequest, zCreatedOpen311Key, zOpen311Key, zOpen311KeyList, zOpen311KeyParams } from '../../../contracts/open311.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { attributeRoutes } from './attribute-routes.js';
import { parseStrictInstant, textFault } from '../../../contracts/common.js';
import { publicLink } from '../../http/public-url.js';
import { isUtf8Body, isUtf8Url } from '../../http/utf8-guard.js';
import { formatOfUrl, param, queryOf, send, sendError, sendStatusError, splitFormat, type Format } from './format.js';
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from './keys.js';
import { findRequests, findUpdates, getRequest, resolveToken } from './public-requests.js';
import { databaseFaultOf, retryAfterOf, retryAfterSeconds } from '../../kernel/index.js';
import { open311RateLimit } from './rate-limit.js';
import { leafCategories, listServices, serviceDefinition } from './services.js';
import { submitRequest } from './submit.js';
import { cityTexts } from '../settings/index.js';
import { staffActor } from '../admin-audit/index.js';

const tags = ['open311'];
const day = 86_400_000;
const specChangeset = '2026-11-26T00:00:00+08:00';

/** Form bodies keep repeated names as arrays (attribute[code][]=a&attribute[code][]=b). */
function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Every key and string value of a parsed query or body, however nested: refused like zStr() refuses. */
function checkText(v: unknown, depth = 0): void {
  if (typeof v === 'string') {
    const fault = textFault(v);
    if (fault) throw new AppError('TEXT_CONTROL_CHARACTER', fault);
  } else if (v && typeof v === 'object' && depth < 8) {
    for (const [k, x] of Object.entries(v)) {
      checkText(k, depth + 1);
      checkText(x, depth + 1);
    }
  }
}

function dateParam(q: Record<string, unknown>, name: string): Date | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  // W3C date-time (or a plain date); anything else is refused rather than guessed.
  if (!parseStrictInstant(v)) throw new AppError('OPEN311_FIELD_INVALID', name);
  const d = new Date(/T|\s/.test(v) && !/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? `${v}+08:00` : v);
  if (Number.isNaN(d.getTime())) throw new AppError('OPEN311_FIELD_INVALID', name);
  return d;
}

function listParam(q: Record<string, unknown>, name: string): string[] | undefined {
  const v = param(q, name);
  if (v === undefined) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0 || items.length > 100 || items.some((s) => s.length > 100)) throw new AppError('OPEN311_FIELD_INVALID', name);
  return items;
}

function limitParam(q: Record<string, unknown>, fallback: number): number {
  const v = param(q, 'limit');
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new AppError('OPEN311_FIELD_INVALID', 'limit 须为 1–1000 的整数');
  return n;
}

/** Default window: the last 90 days (or 90 days either side of the one date given). */
function dateWindow(q: Record<string, unknown>, now: Date): { start: Date; end: Date } {
  const start = dateParam(q, 'start_date');
  const end = dateParam(q, 'end_date');
  const s = start ?? new Date((end ?? now).getTime() - 90 * day);
  const e = end ?? (start ? new Date(Math.max(now.getTime(), start.getTime())) : now);
  if (s > e) throw new AppError('OPEN311_FIELD_INVALID', 'start_date 不能晚于 end_date');
  return { start: s, end: e };
}

/** An api_key on a read shows the caller's own requests too; a wrong one is refused, not ignored. */
async function optionalKey(deps: AppDeps, q: Record<string, unknown>): Promise<number | undefined> {
  const key = param(q, 'api_key');
  if (key === undefined) return undefined;
  return (await authenticateApiKey(deps.database.db, key, deps.now())).id;
}

function open311ErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const format = formatOfUrl(req.url);
    if (err instanceof AppError && err.code === 'OPEN311_RATE_LIMITED') {
      const seconds = retryAfterOf(err.details);
      if (seconds) reply.header('retry-after', String(seconds));
      return sendError(reply, format, err.code, seconds ? `请 ${seconds} 秒后重试` : undefined);
    }
    if (err instanceof AppError) return sendError(reply, format, err.code, typeof err.details === 'string' ? err.details : undefined);
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      return sendStatusError(reply, format, 400, '请求内容不是有效的 JSON');
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendStatusError(reply, format, 415, '不支持的内容类型，请使用 application/x-www-form-urlencoded 或 application/json');
    if (err.statusCode && err.statusCode < 500) return sendStatusError(reply, format, err.statusCode, err.message);
    const fault = databaseFaultOf(err);
    if (fault) {
      reply.header('retry-after', String(retryAfterSeconds[fault]));
      return sendError(reply, format, fault);
    }
    req.log.error({ err }, 'open311 error');
    return sendStatusError(reply, format, 500, '系统内部错误，请稍后重试');
  });
}

/** GeoReport v2 under /open311/v2/ (public: no session; POST needs an api_key; per-IP limits) and the admin's key and attribute consoles. */
export function open311Routes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(async (o) => {
      open311ErrorHandler(o);
      // Per client IP, before anything else runs (also for unknown resources and bad keys).
      o.addHook('onRequest', open311RateLimit(o));
      o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: 262_144 }, (_req, body, done) => {
        const bytes = body as Buffer;
        // Valid UTF-8 bytes, and percent-encoded bytes that decode to UTF-8 (URLSearchParams would put U+FFFD).
        const text = bytes.toString('utf8');
        if (!isUtf8Body(bytes) || !isUtf8Url(text)) return done(new AppError('INVALID_UTF8'), undefined);
        done(null, parseForm(text));
      });
      // Hand-parsed parameters go through the same text rule as every zod contract (no NUL, no control characters).
      o.addHook('preHandler', async (req) => {
        for (const source of [req.params, req.query, req.body]) checkText(source);
      });

      o.get('/open311/v2/:resource', { schema: { tags, summary: 'Open311 GeoReport v2：discovery / services / requests / servicerequestupdates（.json 或 .xml）' } }, async (req, reply) => {
        const { id: resource, format } = splitFormat((req.params as { resource: string }).resource);
        const q = queryOf(req);
        switch (resource) {
          case 'discovery': return discovery(reply, format, (await cityTexts(deps.database.db)).cityName);
          case 'services': return send(reply, format, 200, await listServices(deps), { root: 'services', item: 'service' });
          case 'requests': return send(reply, format, 200, await listRequests(q), { root: 'service_requests', item: 'request' });
          case 'servicerequestupdates': {
            const window = dateWindow(q, deps.now());
            const items = await findUpdates(deps, { ...window, codes: listParam(q, 'service_request_id'), limit: limitParam(q, 1000), ownKeyId: await optionalKey(deps, q) });
            return send(reply, format, 200, items, { root: 'service_request_updates', item: 'request_update' });
          }
          default: throw new AppError('OPEN311_METHOD_NOT_FOUND', resource);
        }
      });

      o.post('/open311/v2/:resource', { schema: { tags, summary: 'Open311：提交服务请求（需 api_key；表单或 JSON）' } }, async (req, reply) => {
        const { id: resource, format } = splitFormat((req.params as { resource: string }).resource);
        if (resource !== 'requests') throw new AppError('OPEN311_METHOD_NOT_FOUND', resource);
        const body = req.body ?? {};
        if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('OPEN311_FIELD_INVALID', '请求内容须为表单或 JSON 对象');
        // api_key may come in the body (the spec) or the query string (some clients).
        const input = { ...queryOf(req), ...(body as Record<string, unknown>) };
        const idem = req.headers['idempotency-key'];
        const created = await submitRequest(deps, input, typeof idem === 'string' && idem.length >= 8 && idem.length <= 100 ? idem : undefined);
        return send(reply, format, 201, [created], { root: 'service_requests', item: 'request' });
      });

      o.get('/open311/v2/services/:file', { schema: { tags, summary: 'Open311：服务定义（属性）' } }, async (req, reply) => {
        const { id, format } = splitFormat((req.params as { file: string }).file);
        const def = await serviceDefinition(deps, id);
        return send(reply, format, 200, def, { root: 'service_definition' },
          { service_code: def.service_code, attributes: { attribute: def.attributes.map((a) => ({ ...a, values: { value: a.values } })) } });
      });

      o.get('/open311/v2/requests/:file', { schema: { tags, summary: 'Open311：单个服务请求' } }, async (req, reply) => {
        const { id, format } = splitFormat((req.params as { file: string }).file);
        const item = await getRequest(deps, id, await optionalKey(deps, queryOf(req)));
        return send(reply, format, 200, [item], { root: 'service_requests', item: 'request' });
      });

      o.get('/open311/v2/tokens/:file', { schema: { tags, summary: 'Open311：由令牌查询服务请求编号' } }, async (req, reply) => {
        const { id, format } = splitFormat((req.params as { file: string }).file);
        return send(reply, format, 200, [await resolveToken(deps, id)], { root: 'service_requests', item: 'request' });
      });

      o.all('/open311/v2/*', { schema: { hide: true } }, async () => {
        throw new AppError('OPEN311_METHOD_NOT_FOUND');
      });
    });

    async function listRequests(q: Record<string, unknown>) {
      const codes = listParam(q, 'service_request_id');
      const serviceCodes = listParam(q, 'service_code');
      let categoryIds: number[] | undefined;
      if (serviceCodes) {
        // Old requests in a retired service are still listed by its code.
        const leaves = await leafCategories(deps, true);
        categoryIds = serviceCodes.map((code) => {
          const c = leaves.find((l) => l.code === code);
          if (!c) throw new AppError('OPEN311_SERVICE_CODE_INVALID', code);
          return c.id;
        });
      }
      const status = listParam(q, 'status');
      if (status?.some((s) => s !== 'open' && s !== 'closed')) throw new AppError('OPEN311_FIELD_INVALID', 'status 须为 open 或 closed');
      const window = dateWindow(q, deps.now());
      return findRequests(deps, {
        codes, categoryIds, ...window, status: status as ('open' | 'closed')[] | undefined, limit: limitParam(q, 200), ownKeyId: await optionalKey(deps, q),
      });
    }

    function discovery(reply: FastifyReply, format: Format, cityName: string) {
      // From YIWANG_PUBLIC_URL, never the Host header (a forged Host would be echoed to every client that caches it).
      const url = publicLink(deps.publicUrl, '/open311/v2');
      const formats = ['text/xml', 'application/json'];
      const common = {
        changeset: specChangeset,
        contact: `${cityName}优化营商环境办公室（一网督办平台）`,
        key_service: 'api_key 由平台管理员在一网督办控制台「Open311 接口」页面或 `yiwang open311 keys create` 发放',
      };
      const endpoint = { specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: specChangeset, type: 'production' };
      return send(reply, format, 200, { ...common, endpoints: [{ ...endpoint, formats }] }, { root: 'discovery' },
        { ...common, endpoints: { endpoint: [{ ...endpoint, formats: { format: formats } }] } });
    }

    attributeRoutes(app, deps);

    // The admin's key console: create (the key is shown once), list with last use, revoke.
    {
      const a = app;
      a.get('/api/open311/keys', { schema: { tags, summary: 'Open311 接口密钥列表（管理员）', response: { 200: zOpen311KeyList } } }, async (req) => {
        requireUser(req, 'open311:keys');
        return { items: await listApiKeys(deps.database.db) };
      });
      a.post('/api/open311/keys', { schema: { tags, summary: '新建 Open311 接口密钥（只显示一次）', body: zCreateOpen311KeyRequest, response: { 201: zCreatedOpen311Key } } }, async (req, reply) => {
        const user = requireUser(req, 'open311:keys');
        return reply.status(201).send(await createApiKey(deps.database.db, staffActor(user, req.ip), req.body.name, deps.now()));
      });
      a.post('/api/open311/keys/:id/revoke', { schema: { tags, summary: '停用 Open311 接口密钥', params: zOpen311KeyParams, response: { 200: zOpen311Key } } }, async (req) => {
        const user = requireUser(req, 'open311:keys');
        return revokeApiKey(deps.database.db, staffActor(user, req.ip), req.params.id, deps.now());
      });
    }
  };
}
