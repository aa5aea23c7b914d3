import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  zAssignSuggestion, zCountersignBody, zDeputyOption, zExtensionDecision, zMeetingBody, zPublicSuggestion, zPublicSuggestionList, zRateBody,
  zReasonBody, zRegisterSuggestion, zReplyBody, zSuggestionDetail, zSuggestionList, zSuggestionListQuery, zSummaryQuery, zYearSummary,
} from '../../../contracts/suggestions.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { docxType, inTransaction, sendFile, sendXlsx, type StaffUser } from '../../kernel/index.js';
import { sendNotices } from '../notifications/index.js';
import { registerSuggestion, runSuggestionCommand, type CommandBody, type PromiseTracker } from './commands.js';
import { kindNames } from './labels.js';
import { letterDocx } from './letter-docx.js';
import { publicSuggestion, publicSuggestions } from './public.js';
import { findSuggestions, getSuggestion, yearSummary } from './queries.js';
import { summaryColumns } from './summary-xlsx.js';

const tags = ['suggestions'];
const zParams = z.object({ id: zId });

const actorOf = (user: StaffUser) => ({
  userId: user.id, departmentId: user.departmentId, isSupervisor: user.permissions.includes('suggestion:manage'), role: user.role,
});

/** 建议提案: registration, assignment, the units' handling, the proposer's rating, the yearly summary, the public list. */
export function suggestionRoutes(deps: AppDeps, trackPromise: PromiseTracker): FastifyPluginAsyncZod {
  return async (app) => {
    const run = async (user: StaffUser, id: number, body: CommandBody) => {
      const notices = await inTransaction(deps.database.db, (tx) => runSuggestionCommand(tx, id, actorOf(user), body, deps.now(), trackPromise));
      await sendNotices(deps, notices);
      return getSuggestion(deps.database.db, user, id, deps.now());
    };

    app.get('/api/suggestions', { schema: { tags, summary: '建议提案列表（按权限范围：督查室全部、承办单位本单位、代表委员本人）', querystring: zSuggestionListQuery, response: { 200: zSuggestionList } } }, async (req) => {
      const user = requireUser(req, 'suggestion:read');
      return findSuggestions(deps.database.db, user, req.query, deps.now());
    });

    app.post('/api/suggestions', { schema: { tags, summary: '登记建议提案（督查室）', body: zRegisterSuggestion, response: { 201: zSuggestionDetail } } }, async (req, reply) => {
      const user = requireUser(req, 'suggestion:manage');
      const id = await inTransaction(deps.database.db, (tx) => registerSuggestion(tx, actorOf(user), req.body, deps.now()));
      return reply.status(201).send(await getSuggestion(deps.database.db, user, id, deps.now()));
    });

    app.get('/api/suggestions/deputies', { schema: { tags, summary: '代表委员账号（登记时选择提出人）', response: { 200: z.object({ items: z.array(zDeputyOption) }) } } }, async (req) => {
      requireUser(req, 'suggestion:manage');
      const rows = await deps.database.db.selectFrom('users').select(['id', 'display_name']).where(sql<boolean>`'deputy' = ANY(roles)`).where('is_active', '=', true).orderBy('id').execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.display_name })) };
    });

    const summaryReader = (req: Parameters<typeof requireUser>[0]) => {
      const user = requireUser(req, 'suggestion:read');
      if (!user.permissions.includes('suggestion:read-all') && !user.permissions.includes('suggestion:handle')) throw new AppError('FORBIDDEN');
      return user;
    };

    app.get('/api/suggestions/summary', { schema: { tags, summary: '年度办理情况汇总（按单位）', querystring: zSummaryQuery, response: { 200: zYearSummary } } }, async (req) => {
      const user = summaryReader(req);
      return { year: req.query.year, units: await yearSummary(deps.database.db, user, req.query.year) };
    });

    app.get('/api/suggestions/summary.xlsx', { schema: { tags, summary: '年度办理情况汇总（Excel）', querystring: zSummaryQuery } }, async (req, reply) => {
      const user = summaryReader(req);
      const units = await yearSummary(deps.database.db, user, req.query.year);
      return sendXlsx(reply, `建议提案办理情况汇总-${req.query.year}.xlsx`, `suggestions-${req.query.year}.xlsx`, {
        sheetName: `${req.query.year}年`, columns: summaryColumns, pages: (async function* () { yield units; })(),
      });
    });

    app.get('/api/suggestions/:id', { schema: { tags, summary: '建议提案详情（含答复函、见面沟通、事件记录和可用操作）', params: zParams, response: { 200: zSuggestionDetail } } }, async (req) => {
      const user = requireUser(req, 'suggestion:read');
      return getSuggestion(deps.database.db, user, req.params.id, deps.now());
    });

    app.get('/api/suggestions/:id/letters/:letterId/docx', { schema: { tags, summary: '答复函 Word 文档', params: z.object({ id: zId, letterId: zId }) } }, async (req, reply) => {
      const user = requireUser(req, 'suggestion:read');
      const s = await getSuggestion(deps.database.db, user, req.params.id, deps.now());
      const l = s.letters.find((x) => x.id === req.params.letterId);
      if (!l) throw new AppError('SUGGESTION_NOT_FOUND');
      const buf = await letterDocx({
        departmentName: l.departmentName, docNumber: l.docNumber, replyClass: l.class, label: s.label, kindName: kindNames[s.kind], title: s.title,
        proposers: s.proposers, body: l.body, promise: l.promise, promiseDue: l.promiseDue, countersigns: l.countersigns, repliedAt: new Date(l.repliedAt), isPublic: s.isPublic,
      });
      return sendFile(reply, buf, docxType, `答复函-${l.docNumber}.docx`, `reply-${l.id}.docx`);
    });

    const command = <S extends z.ZodType>(name: string, summary: string, permission: 'suggestion:manage' | 'suggestion:handle' | 'suggestion:read', body: S, toBody: (b: z.infer<S>) => CommandBody) => {
      app.post(`/api/suggestions/:id/${name}`, { schema: { tags, summary, params: zParams, body, response: { 200: zSuggestionDetail } } }, async (req) => {
        const user = requireUser(req, permission);
        return run(user, req.params.id, toBody(req.body as z.infer<S>));
      });
    };
    command('assign', '交办：主办（可加会办）或分办，答复期限为交办之日起三个月', 'suggestion:manage', zAssignSuggestion, (b) => ({ type: 'assign', ...b }));
    command('sign', '承办单位签收', 'suggestion:handle', z.object({}), () => ({ type: 'sign' }));
    command('request-extension', '申请延期（一次，延至交办之日起六个月）', 'suggestion:handle', zReasonBody, (b) => ({ type: 'request-extension', reason: b.reason }));
    command('decide-extension', '审批延期申请（督查室）', 'suggestion:manage', zExtensionDecision, (b) => ({ type: 'decide-extension', ...b }));
    command('meet', '登记见面沟通', 'suggestion:handle', zMeetingBody, (b) => ({ type: 'meet', ...b }));
    command('reply', '答复：文号、分类（A/B/C/D）、答复内容；B、C 类写明承诺事项', 'suggestion:handle', zReplyBody, (b) => ({ type: 'reply', ...b }));
    command('countersign', '会办单位会签答复函', 'suggestion:handle', zCountersignBody, (b) => ({ type: 'countersign', opinion: b.opinion }));
    // Any reader may try: the domain refuses everyone but a proposer (SUGGESTION_NOT_PROPOSER).
    command('rate', '代表委员评价（满意 / 基本满意 / 不满意；不满意可重办一次）', 'suggestion:read', zRateBody, (b) => ({ type: 'rate', ...b }));

    app.get('/api/public/suggestions', { schema: { tags: ['public'], summary: '公开的建议提案答复', querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(50).default(20) }), response: { 200: zPublicSuggestionList } } }, async (req) => {
      return publicSuggestions(deps.readDb, req.query.page, req.query.pageSize);
    });

    app.get('/api/public/suggestions/:id', { schema: { tags: ['public'], summary: '公开的建议提案答复详情', params: zParams, response: { 200: zPublicSuggestion } } }, async (req) => {
      return publicSuggestion(deps.readDb, req.params.id);
    });
  };
}
