import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  zCaseRouting, zModelDetail, zModelStatus, zPrecisionStatus, zReorderRequest, zRoutingResult, zRoutingSettings, zRule, zRuleHistory, zRuleInput,
  zRuleList, zRuleUpdate, zSettingsRequest, zTrainResponse, zTryRequest,
} from '../../../contracts/routing.js';
import { can } from '../../../domain/access/permissions.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { routeSubject } from './engine.js';
import { suggestWithModel } from '../../../domain/routing/router.js';
import type { LinearModel } from '../../../domain/routing/model.js';
import { activeModel, countTrainingCases, isTrainingRunning, trainAndMaybeDeploy } from './models.js';
import { presentModel, presentModelDetail, presentRules, presentVersion } from './presenter.js';
import { withLiveFlags } from './live-flags.js';
import { createRule, deleteRule, listRuleRows, reorderRules, ruleHistory, updateRule } from './rules-store.js';
import { getSettings, saveSettings } from './settings.js';
import { staffActor } from '../admin-audit/index.js';
import { liveFigures } from './live.js';
import { precisionView } from './precision.js';
import { messageFor } from '../../../contracts/errors.js';
import type { PrecisionStatus } from '../../../contracts/routing.js';
import type { Settings } from './settings.js';

function presentSettings(s: Settings) {
  return { autoDispatch: s.autoDispatch, threshold: s.threshold, targetPrecision: s.targetPrecision, updatedAt: s.updatedAt?.toISOString() ?? null };
}

/** Without a target set, the page shows what 95 % would give. */
const defaultTarget = 0.95;

const tags = ['routing'];

function suggestWarmUp(model: LinearModel) {
  suggestWithModel(model, { title: '预热', body: '营商环境' });
}
const zParams = z.object({ id: zId });
const zVersionParams = z.object({ version: zId });
const zOk = z.object({ ok: z.literal(true) });
const zPrecisionQuery = z.object({ target: z.coerce.number().optional() });

export function routingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = deps.database;

    /** Rules as presented, their unit flags checked against the organisation now (a unit retired since the save). */
    async function presentedRules() {
      const dir = await deps.directory.ready();
      return withLiveFlags(deps, presentRules(await listRuleRows(db), (id) => dir.department(id)?.isActive !== false));
    }

    async function getRule(id: number) {
      const rule = (await presentedRules()).find((r) => r.id === id);
      if (!rule) throw new AppError('RULE_NOT_FOUND');
      return rule;
    }

    function modelRows() {
      return db.selectFrom('routing_models as m').leftJoin('users as u', 'u.id', 'm.trained_by')
        .select(['m.id', 'm.version', 'm.status', 'm.trigger', 'm.trained_at', 'm.trained_by', 'm.training_size', 'm.held_out_size', 'm.accuracy',
          'm.macro_f1', 'm.ece', 'm.temperature', 'm.baseline_version', 'm.baseline_accuracy', 'm.baseline_macro_f1', 'm.department_ids',
          'm.report', 'm.decision', 'm.activated_at', 'u.display_name as trained_by_name'])
        .orderBy('m.version', 'desc');
    }

    app.get('/api/routing/rules', { schema: { tags, summary: '派单规则（按优先顺序）', response: { 200: zRuleList } } }, async (req) => {
      requireUser(req, 'routing:manage');
      return { items: await presentedRules() };
    });

    app.post('/api/routing/rules', { schema: { tags, summary: '新建派单规则（保存时标出永不命中或冲突）', body: zRuleInput, response: { 201: zRule } } }, async (req, reply) => {
      const user = requireUser(req, 'routing:manage');
      const id = await createRule(deps, user, req.body, req.ip);
      return reply.status(201).send(await getRule(id));
    });

    app.post('/api/routing/rules/reorder', { schema: { tags, summary: '调整规则优先顺序', body: zReorderRequest, response: { 200: zRuleList } } }, async (req) => {
      const user = requireUser(req, 'routing:manage');
      await reorderRules(deps, user, req.body.ruleIds, req.ip);
      return { items: await presentedRules() };
    });

    app.post('/api/routing/rules/:id', { schema: { tags, summary: '修改派单规则（新版本）', params: zParams, body: zRuleUpdate, response: { 200: zRule } } }, async (req) => {
      const user = requireUser(req, 'routing:manage');
      await updateRule(deps, user, req.params.id, req.body, req.ip);
      return getRule(req.params.id);
    });

    app.post('/api/routing/rules/:id/delete', { schema: { tags, summary: '删除派单规则（保留历史版本）', params: zParams, response: { 200: zOk } } }, async (req) => {
      const user = requireUser(req, 'routing:manage');
      await deleteRule(deps, user, req.params.id, req.ip);
      return { ok: true as const };
    });

    app.get('/api/routing/rules/:id/history', { schema: { tags, summary: '派单规则的历史版本', params: zParams, response: { 200: zRuleHistory } } }, async (req) => {
      requireUser(req, 'routing:manage');
      const versions = await ruleHistory(db, req.params.id);
      const names = new Map((await db.selectFrom('routing_rules').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
      return { items: versions.map((v) => presentVersion(v, (id) => names.get(id))) };
    });

    app.post('/api/routing/try', { schema: { tags, summary: '试一试：哪条规则命中，模型推荐哪三个单位', body: zTryRequest, response: { 200: zRoutingResult } } }, async (req) => {
      requireUser(req, 'routing:manage');
      const { firedRule: _fired, ...result } = await routeSubject(deps, { ...req.body, body: req.body.text });
      return result;
    });

    app.get('/api/routing/model', { schema: { tags, summary: '派单模型：在用版本、历史与自动派单设置', response: { 200: zModelStatus } } }, async (req) => {
      requireUser(req, 'routing:manage');
      const rows = await modelRows().limit(20).execute();
      const active = rows.find((r) => r.status === 'active') ?? await modelRows().where('m.status', '=', 'active').executeTakeFirst();
      const settings = await getSettings(deps);
      return {
        active: active ? presentModelDetail(active) : null,
        history: rows.map(presentModel),
        settings: presentSettings(settings),
        training: isTrainingRunning(),
        availableCases: await countTrainingCases(db),
        precision: active ? await precisionStatus(active.version, settings.targetPrecision ?? defaultTarget) : null,
        live: await liveFigures(db, deps.now()),
      };
    });

    /** The thresholds of model `version` for `target`, worked out on its stored out-of-fold cases. */
    async function precisionStatus(version: number, target: number): Promise<PrecisionStatus | null> {
      const row = await db.selectFrom('routing_models').select(['version', 'calibration', 'department_ids']).where('version', '=', version).executeTakeFirst();
      if (!row?.calibration) return null;
      const dir = await deps.directory.ready();
      const name = (id: number) => dir.department(id)?.name ?? `#${id}`;
      const view = precisionView(row.calibration, target, (row.department_ids ?? []).length);
      const counts = new Map<number, number>();
      for (const d of row.calibration.outOfFold.d) counts.set(d, (counts.get(d) ?? 0) + 1);
      const cv = row.calibration.crossValidation;
      return {
        modelVersion: row.version, targetPrecision: target,
        blocked: view.choice.blocked ? { code: view.choice.blocked, message: messageFor(view.choice.blocked) } : null,
        sharedThreshold: view.choice.shared,
        perDepartment: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id, n]) => ({
          departmentId: id, departmentName: name(id), cases: n, threshold: view.choice.blocked ? null : id in view.choice.perDepartment ? view.choice.perDepartment[id] : view.choice.shared,
        })),
        expectedCoverage: view.choice.expectedCoverage, expectedPrecision: view.choice.expectedPrecision, outOfFoldCases: view.choice.cases,
        heldOutCoverage: view.heldOut.coverage, heldOutPrecision: view.heldOut.precision, heldOutCases: view.heldOut.cases,
        curve: view.curve, heldOutCurve: view.heldOutCurve,
        crossValidation: { folds: cv.folds, cases: cv.cases, grid: cv.grid, chosenL2: cv.chosenL2, macroF1ByL2: cv.macroF1ByL2 },
      };
    }

    app.get('/api/routing/models/:version/precision', {
      schema: { tags, summary: '按目标精确率选出的阈值、预计免人工派单比例与精确率-覆盖率曲线', params: zVersionParams, querystring: zPrecisionQuery, response: { 200: zPrecisionStatus } },
    }, async (req) => {
      requireUser(req, 'routing:manage');
      const target = req.query.target ?? (await getSettings(deps)).targetPrecision ?? defaultTarget;
      if (!(target >= 0.5 && target <= 0.999)) throw new AppError('ROUTING_PRECISION_INVALID');
      const status = await precisionStatus(req.params.version, target);
      if (!status) throw new AppError('NOT_FOUND');
      return status;
    });

    app.get('/api/routing/models/:version', { schema: { tags, summary: '某一版本模型的评估明细', params: zVersionParams, response: { 200: zModelDetail } } }, async (req) => {
      requireUser(req, 'routing:manage');
      const row = await modelRows().where('m.version', '=', req.params.version).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND');
      return presentModelDetail(row);
    });

    app.post('/api/routing/model/train', { schema: { tags, summary: '重新训练（优于在用模型才启用）', response: { 200: zTrainResponse } } }, async (req) => {
      const user = requireUser(req, 'routing:manage');
      const outcome = await trainAndMaybeDeploy(deps, { trigger: 'manual', userId: user.id, actor: staffActor(user, req.ip) });
      const row = await modelRows().where('m.version', '=', outcome.version).executeTakeFirstOrThrow();
      return { deployed: outcome.deployed, model: presentModel(row) };
    });

    app.get('/api/routing/settings', { schema: { tags, summary: '自动派单设置', response: { 200: zRoutingSettings } } }, async (req) => {
      requireUser(req, 'routing:manage');
      return presentSettings(await getSettings(deps));
    });

    app.post('/api/routing/settings', { schema: { tags, summary: '修改自动派单开关与置信度阈值', body: zSettingsRequest, response: { 200: zRoutingSettings } } }, async (req) => {
      const user = requireUser(req, 'routing:manage');
      await saveSettings(deps, user, req.body, req.ip);
      return presentSettings(await getSettings(deps));
    });

    app.get('/api/routing/cases/:id', { schema: { tags, summary: '待派诉求的派单建议（规则或模型前三名）', params: zParams, response: { 200: zCaseRouting } } }, async (req) => {
      const user = requireUser(req);
      // Those who dispatch (intake desk, supervisors) and the admin who runs the router.
      if (!can(user.roles, 'case:create') && !can(user.roles, 'routing:manage')) throw new AppError('FORBIDDEN');
      const row = await db.selectFrom('cases').select(['id', 'status', 'title', 'description', 'category_id', 'district_id', 'address', 'enterprise_name'])
        .where('id', '=', req.params.id).executeTakeFirst();
      if (!row) throw new AppError('CASE_NOT_FOUND');
      const d = await db.selectFrom('routing_decisions').selectAll().where('case_id', '=', row.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
      const { firedRule: _fired, ...result } = await routeSubject(deps, {
        title: row.title, body: row.description, categoryId: row.category_id, districtId: row.district_id, address: row.address, enterpriseName: row.enterprise_name,
      });
      return {
        caseId: row.id,
        status: row.status,
        decision: d ? {
          source: d.source, dispatched: d.dispatched, ruleId: d.rule_id, ruleVersion: d.rule_version, modelVersion: d.model_version,
          confidence: d.confidence, reason: d.reason, decidedAt: d.decided_at.toISOString(),
        } : null,
        result,
      };
    });

    // A listening server loads the model in use (and the segmenter's dictionary) at once, so the first public
    // submission after a start does not wait for them; in-process tests load it on first use.
    app.addHook('onListen', async () => {
      void activeModel(deps).then((m) => m && suggestWarmUp(m.model)).catch((err) => deps.log.warn({ err }, 'router warm-up failed'));
    });
  };
}
