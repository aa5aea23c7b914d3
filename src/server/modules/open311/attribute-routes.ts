import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zOpen311AdminAttribute, zOpen311AdminServiceList, zOpen311AttributeChangeList, zOpen311AttributeInput, zOpen311AttributeList,
  zOpen311AttributeParams, zOpen311AttributeReorder, zOpen311ServiceParams,
} from '../../../contracts/open311-attributes.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import {
  attributeChanges, createAttribute, deleteAttribute, listAdminServices, listAttributes, reorderAttributes, updateAttribute,
} from './attributes.js';

const tags = ['open311'];
const zOk = z.object({ ok: z.literal(true) });

/**
 * The admin's attribute console. Same permission as the key console (`open311:keys`, admin only): both configure
 * what Open311 clients see. A change shows at once in GET /open311/v2/services/{code} and in POST validation.
 */
export function attributeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const a = app.withTypeProvider<ZodTypeProvider>();

  a.get('/api/open311/services', { schema: { tags, summary: 'Open311 服务（末级问题类别）及其属性数（管理员）', response: { 200: zOpen311AdminServiceList } } }, async (req) => {
    requireUser(req, 'open311:keys');
    return { items: await listAdminServices(deps) };
  });

  a.get('/api/open311/services/:categoryId/attributes', {
    schema: { tags, summary: '某一服务的属性（按顺序）', params: zOpen311ServiceParams, response: { 200: zOpen311AttributeList } },
  }, async (req) => {
    requireUser(req, 'open311:keys');
    return listAttributes(deps, req.params.categoryId);
  });

  a.post('/api/open311/services/:categoryId/attributes', {
    schema: { tags, summary: '新增服务属性（排在最后）', params: zOpen311ServiceParams, body: zOpen311AttributeInput, response: { 201: zOpen311AdminAttribute } },
  }, async (req, reply) => {
    const user = requireUser(req, 'open311:keys');
    return reply.status(201).send(await createAttribute(deps, user, req.params.categoryId, req.body, req.ip));
  });

  a.post('/api/open311/services/:categoryId/attributes/reorder', {
    schema: { tags, summary: '调整服务属性的顺序', params: zOpen311ServiceParams, body: zOpen311AttributeReorder, response: { 200: zOpen311AttributeList } },
  }, async (req) => {
    const user = requireUser(req, 'open311:keys');
    await reorderAttributes(deps, user, req.params.categoryId, req.body.attributeIds, req.ip);
    return listAttributes(deps, req.params.categoryId);
  });

  a.get('/api/open311/services/:categoryId/attribute-changes', {
    schema: { tags, summary: '服务属性的变更记录（谁、何时、改前改后）', params: zOpen311ServiceParams, response: { 200: zOpen311AttributeChangeList } },
  }, async (req) => {
    requireUser(req, 'open311:keys');
    return { items: await attributeChanges(deps, req.params.categoryId) };
  });

  a.post('/api/open311/attributes/:id', {
    schema: { tags, summary: '修改服务属性', params: zOpen311AttributeParams, body: zOpen311AttributeInput, response: { 200: zOpen311AdminAttribute } },
  }, async (req) => {
    const user = requireUser(req, 'open311:keys');
    return updateAttribute(deps, user, req.params.id, req.body, req.ip);
  });

  a.post('/api/open311/attributes/:id/delete', {
    schema: { tags, summary: '删除服务属性（已收到的回答保留在诉求中）', params: zOpen311AttributeParams, response: { 200: zOk } },
  }, async (req) => {
    const user = requireUser(req, 'open311:keys');
    await deleteAttribute(deps, user, req.params.id, req.ip);
    return { ok: true as const };
  });
}
