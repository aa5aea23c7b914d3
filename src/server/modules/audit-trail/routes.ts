import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
// The screen's side of the admin audit trail (安全审计): list, export and check; the writer is modules/admin-audit.
import { zAdminAuditActors, zAdminAuditPage, zAdminAuditQuery, zAdminAuditVerify } from '../../../contracts/admin-audit.js';
import type { AdminAuditEntry } from '../../../contracts/admin-audit.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { sendFile, xlsxType } from '../../kernel/index.js';
import { adminAuditXlsx } from './export.js';
import { adminAuditActors, findAdminAudit } from './list.js';
import { verifyAdminChain } from '../admin-audit/index.js';

const tags = ['admin-audit'];
/** An export holds at most this many entries (newest first); narrow the filters for more. */
const exportLimit = 20_000;

export function adminAuditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/admin/audit', { schema: { tags, summary: '安全审计：管理操作记录（筛选、分页）', querystring: zAdminAuditQuery, response: { 200: zAdminAuditPage } } }, async (req) => {
      requireUser(req, 'admin-audit:read');
      return findAdminAudit(deps.database.db, req.query);
    });

    app.get('/api/admin/audit/actors', { schema: { tags, summary: '安全审计中出现过的操作人', response: { 200: zAdminAuditActors } } }, async (req) => {
      requireUser(req, 'admin-audit:read');
      return { items: await adminAuditActors(deps.database.db) };
    });

    app.get('/api/admin/audit/export', { schema: { tags, summary: '导出筛选后的安全审计记录（Excel）', querystring: zAdminAuditQuery.omit({ before: true, limit: true }) } }, async (req, reply) => {
      requireUser(req, 'admin-audit:read');
      const items: AdminAuditEntry[] = [];
      let before: number | undefined;
      while (items.length < exportLimit) {
        const page = await findAdminAudit(deps.database.db, { ...req.query, before, limit: 1000 });
        items.push(...page.items);
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      const day = beijingDate(deps.now()).replaceAll('-', '');
      return sendFile(reply, await adminAuditXlsx(items.slice(0, exportLimit), '一网督办'), xlsxType, `安全审计-${day}.xlsx`, `admin-audit-${day}.xlsx`);
    });

    app.get('/api/admin/audit/verify', { schema: { tags, summary: '校验安全审计哈希链', response: { 200: zAdminAuditVerify } } }, async (req) => {
      requireUser(req, 'admin-audit:read');
      const r = await verifyAdminChain(deps.database.db);
      const ok = r.firstBroken === null;
      return {
        entriesChecked: r.entriesChecked, ok, firstBrokenSeq: r.firstBroken?.seq ?? null,
        message: ok ? `校验通过：共 ${r.entriesChecked} 条记录，哈希链完整，未发现篡改、删除或乱序。`
          : `校验未通过：第 ${r.firstBroken!.seq} 条记录${r.firstBroken!.reason.includes('missing') ? '之后的记录缺失' : '被修改、删除或顺序被打乱'}（已核对 ${r.entriesChecked} 条）。`,
      };
    });
  };
}
