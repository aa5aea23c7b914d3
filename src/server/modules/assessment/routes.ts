import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zAppeal, zAppealList, zAppealQuery, zAppealRequest, zCaseTypeBreakdown, zCaseTypeBreakdownQuery, zDecideAppealRequest, zDrillExportQuery, zDrillPage, zDrillQuery, zPeriodDetail, zPeriodKey,
  zItemDrillPage, zSuggestionDrillPage, zSuggestionDrillQuery, zDirectAnswerDrillQuery, zDirectAnswerDrillPage, zItemDrillQuery, zPeriodList, zRankingsLatest, zRunRequest, zRunResult, zSaveSchemeRequest, zSchemeHistory, zVerifyResult,
} from '../../../contracts/assessment.js';
import { zId } from '../../../contracts/common.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { docxType, isDepartmentStaff, sendFile, sendXlsx, type StaffUser, xlsxType } from '../../kernel/index.js';
import { drillColumns, drillPages } from './exports/drill-list.js';
import { requireUser } from '../../http/auth-hooks.js';
import { appealFile, decideAppeal, fileAppeal, getAppeal, listAppeals } from './appeals.js';
import { byCaseType } from './by-type.js';
import { drillDown } from './drill.js';
import { itemDrillDown } from './item-drill.js';
import { suggestionDrillDown } from './suggestion-drill.js';
import { directAnswerDrillDown } from './direct-answer-drill.js';
import { bulletinDocx, bulletinTitle, bulletinXlsx } from './exports/bulletin-files.js';
import { loadBulletin } from './exports/load-bulletin.js';
import { getPeriod, listPeriods, publishPeriod, runPeriod } from './periods.js';
import { latestPublishedRanking } from './published.js';
import { saveScheme, schemeHistory } from './scheme-store.js';
import { verifyPeriod } from './verify.js';
import { staffActor } from '../admin-audit/index.js';

const tags = ['assessment'];
const zKeyParams = z.object({ key: zPeriodKey });
const zIdParams = z.object({ id: zId });

/** Bulletins rank every department: for the office, leaders and admins, not for department staff. */
function officeOnly(user: StaffUser): void {
  if (isDepartmentStaff(user)) throw new AppError('FORBIDDEN');
}

export function assessmentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const names = async () => (await deps.directory.ready()).names();

    app.get('/api/assessment/scheme', { schema: { tags, summary: '考核方案（当前版本与历史版本）', response: { 200: zSchemeHistory } } }, async (req) => {
      requireUser(req, 'assessment:read');
      const n = await names();
      return schemeHistory(deps.database.db, deps.now(), n.user);
    });

    app.post('/api/assessment/scheme', { schema: { tags, summary: '保存考核方案新版本（管理员）', body: zSaveSchemeRequest, response: { 201: zSchemeHistory } } }, async (req, reply) => {
      const user = requireUser(req, 'assessment:scheme');
      await saveScheme(deps.database.db, req.body.scheme, req.body.note, { ...staffActor(user, req.ip), userId: user.id }, deps.now());
      const n = await names();
      return reply.status(201).send(await schemeHistory(deps.database.db, deps.now(), n.user));
    });

    app.get('/api/assessment/periods', { schema: { tags, summary: '考核期列表', response: { 200: zPeriodList } } }, async (req) => {
      requireUser(req, 'assessment:read');
      return listPeriods(deps);
    });

    app.post('/api/assessment/periods/run', { schema: { tags, summary: '计算考核期（已发布的只比对，不改动）', body: zRunRequest, response: { 200: zRunResult } } }, async (req) => {
      const user = requireUser(req, 'assessment:run');
      return runPeriod(deps, user.id, req.body.period);
    });

    app.get('/api/assessment/periods/:key', { schema: { tags, summary: '考核期计分卡（快照）', params: zKeyParams, response: { 200: zPeriodDetail } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      const detail = await getPeriod(deps, req.params.key);
      // Department staff see their own department's figures only.
      if (isDepartmentStaff(user)) {
        detail.rows = detail.rows.filter((r) => r.departmentId === user.departmentId);
        detail.exclusions = detail.exclusions.filter((e) => e.departmentId === user.departmentId);
      }
      return detail;
    });

    app.post('/api/assessment/periods/:key/publish', { schema: { tags, summary: '发布考核结果（督办员；发布后冻结）', params: zKeyParams, response: { 200: zPeriodDetail } } }, async (req) => {
      const user = requireUser(req, 'assessment:publish');
      return publishPeriod(deps, user.id, req.params.key);
    });

    app.get('/api/assessment/periods/:key/verify', { schema: { tags, summary: '按事件日志重算并与快照比对', params: zKeyParams, response: { 200: zVerifyResult } } }, async (req) => {
      requireUser(req, 'assessment:run');
      return verifyPeriod(deps, req.params.key);
    });

    app.get('/api/assessment/drill', { schema: { tags, summary: '下钻：分子或分母背后的诉求清单', querystring: zDrillQuery, response: { 200: zDrillPage } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return drillDown(deps, user, req.query);
    });

    app.get('/api/assessment/by-type', { schema: { tags, summary: '单位考核结果按诉求类型分列（与计分卡同一口径）', querystring: zCaseTypeBreakdownQuery, response: { 200: zCaseTypeBreakdown } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return byCaseType(deps, user, req.query);
    });

    app.get('/api/assessment/items-drill', { schema: { tags, summary: '下钻：督办事项考核（按时报送、节点完成）背后的事项清单', querystring: zItemDrillQuery, response: { 200: zItemDrillPage } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return itemDrillDown(deps, user, req.query);
    });

    app.get('/api/assessment/suggestions-drill', { schema: { tags, summary: '下钻：建议提案办理考核（按时答复、代表委员满意）背后的建议提案清单', querystring: zSuggestionDrillQuery, response: { 200: zSuggestionDrillPage } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return suggestionDrillDown(deps, user, req.query);
    });

    app.get('/api/assessment/direct-answers-drill', { schema: { tags, summary: '下钻：直接答复（知识库当场办结）的诉求清单，按条目责任单位或全市', querystring: zDirectAnswerDrillQuery, response: { 200: zDirectAnswerDrillPage } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return directAnswerDrillDown(deps, user, req.query);
    });

    app.get('/api/assessment/drill/export.xlsx', { schema: { tags, summary: '导出下钻清单（Excel）', querystring: zDrillExportQuery } }, async (req, reply) => {
      const user = requireUser(req, 'assessment:read');
      const dept = (await deps.directory.ready()).names().department(req.query.department) ?? '';
      const name = `考核下钻-${req.query.period}-${dept}`;
      return sendXlsx(reply, `${name}.xlsx`, `assessment-drill-${req.query.period}.xlsx`, { sheetName: '下钻清单', columns: drillColumns, pages: drillPages(deps, user, req.query) });
    });

    app.get('/api/assessment/rankings/latest', { schema: { tags, summary: '最近一期已发布的排名', response: { 200: zRankingsLatest } } }, async (req) => {
      requireUser(req, 'assessment:read');
      return latestPublishedRanking(deps.database.db);
    });

    app.get('/api/assessment/periods/:key/bulletin.docx', { schema: { tags, summary: '考核通报（Word）', params: zKeyParams } }, async (req, reply) => {
      officeOnly(requireUser(req, 'assessment:read'));
      const b = await loadBulletin(deps, req.params.key);
      return sendFile(reply, await bulletinDocx(b), docxType, `${bulletinTitle(b)}.docx`, `bulletin-${b.key}.docx`);
    });

    app.get('/api/assessment/periods/:key/bulletin.xlsx', { schema: { tags, summary: '考核通报（Excel）', params: zKeyParams } }, async (req, reply) => {
      officeOnly(requireUser(req, 'assessment:read'));
      const b = await loadBulletin(deps, req.params.key);
      return sendFile(reply, await bulletinXlsx(b), xlsxType, `${bulletinTitle(b)}.xlsx`, `bulletin-${b.key}.xlsx`);
    });

    app.get('/api/assessment/appeals', { schema: { tags, summary: '申诉列表（单位只见本单位）', querystring: zAppealQuery, response: { 200: zAppealList } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return { items: await listAppeals(deps, user, req.query.state) };
    });

    // Evidence files up to 5 MB arrive base64-encoded in the JSON body: above the app's 1 MB default.
    app.post('/api/assessment/appeals', { bodyLimit: 8 * 1024 * 1024, schema: { tags, summary: '提出申诉（单位负责人）', body: zAppealRequest, response: { 201: zAppeal } } }, async (req, reply) => {
      const user = requireUser(req, 'assessment:appeal');
      return reply.status(201).send(await fileAppeal(deps, user, req.body));
    });

    app.get('/api/assessment/appeals/:id', { schema: { tags, summary: '申诉详情', params: zIdParams, response: { 200: zAppeal } } }, async (req) => {
      const user = requireUser(req, 'assessment:read');
      return getAppeal(deps, user, req.params.id);
    });

    app.post('/api/assessment/appeals/:id/decide', { schema: { tags, summary: '审核申诉（督办员）', params: zIdParams, body: zDecideAppealRequest, response: { 200: zAppeal } } }, async (req) => {
      const user = requireUser(req, 'assessment:decide');
      return decideAppeal(deps, user, req.params.id, req.body.decision, req.body.reason);
    });

    app.get('/api/assessment/appeals/:id/file', { schema: { tags, summary: '申诉附件', params: zIdParams } }, async (req, reply) => {
      const user = requireUser(req, 'assessment:read');
      const f = await appealFile(deps, user, req.params.id);
      return sendFile(reply, f.data, f.type, f.name, 'evidence');
    });
  };
}
