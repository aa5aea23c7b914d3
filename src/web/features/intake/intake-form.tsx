import { Alert, App, Button, Card, Cascader, Col, Divider, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaseDetail } from '../../../contracts/cases.js';
import { caseKinds, urgencies, type CaseKind, type Urgency } from '../../../domain/case/status.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { isValidCreditCode } from '../../../domain/enterprise/credit-code.js';
import { createCase } from '../../api/cases.js';
import { ApiError, errorText } from '../../api/client.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { urgencyLabels } from '../../shared/labels.js';
import { uuid } from '../../shared/uuid.js';
import { ShortcutLegend } from './shortcuts.js';
import { CallerHistory } from './caller-history.js';
import { SimilarCases, useSimilarCases } from './similar-cases.js';
import { KnowledgePanel } from '../knowledge/knowledge-panel.js';
import { answerDirectly } from '../../api/knowledge.js';
import { getCase } from '../../api/cases.js';
import { useCan } from '../../shared/can.js';

interface IntakeValues {
  submitterName: string;
  submitterPhone: string;
  categoryPath: number[];
  districtId?: number;
  enterpriseName?: string;
  enterpriseCreditCode?: string;
  title: string;
  description: string;
  urgency: Urgency;
  caseType?: CaseKind;
  leadDepartmentId?: number;
  coDepartmentIds?: number[];
}

const phonePattern = /^[0-9+\-() ]{5,20}$/;

/**
 * 登记诉求: the hotline operator's keyboard-first form. The caller's number comes first (it is on the phone's
 * display before anyone speaks), possible duplicates are suggested while typing, the category proposes the lead
 * department, and Ctrl+Enter registers and dispatches in one key. Shortcuts are listed under the title.
 */
export function IntakeForm({ onCreated }: { onCreated(c: CaseDetail): void }) {
  const org = useOrg();
  const { message } = App.useApp();
  const can = useCan();
  const canAnswer = can('knowledge:read');
  const [form] = Form.useForm<IntakeValues>();
  const create = useMutation({ mutationFn: (a: Parameters<typeof createCase>) => createCase(...a) });
  const [mode, setMode] = useState<'dispatch' | 'register'>('register');
  const busy = create.isPending ? mode : null;
  const [last, setLast] = useState<CaseDetail | null>(null);
  // One key per filled-in form: a double click or a retry after a timeout registers one case.
  const idempotencyKey = useRef(uuid());
  const leadTouched = useRef(false);
  // The type follows the category's kind until the operator picks one.
  const typeTouched = useRef(false);
  const categoryPath = Form.useWatch('categoryPath', form);
  const leadId = Form.useWatch('leadDepartmentId', form);
  const phone = Form.useWatch('submitterPhone', form);
  const title = Form.useWatch('title', form);
  const description = Form.useWatch('description', form);
  const creditCode = Form.useWatch('enterpriseCreditCode', form);
  const enterpriseName = Form.useWatch('enterpriseName', form);
  const similar = useSimilarCases({
    text: [title, description].filter(Boolean).join('\n'),
    phone: phone && phonePattern.test(phone) ? phone.trim() : undefined,
    creditCode: creditCode && creditCode.length === 18 ? creditCode.toUpperCase() : undefined,
    enterpriseName: enterpriseName?.trim() || undefined,
    categoryId: categoryPath?.length === 2 ? categoryPath[1] : undefined,
  });
  const category = categoryPath?.length ? org.category(categoryPath[categoryPath.length - 1]) : undefined;
  const suggested = category?.defaultLeadDepartmentId ?? null;
  // 受理类型: only the case types the chosen category takes are offered (the server refuses the others).
  const typeOptions = caseKinds.filter((k) => !category?.acceptedKinds.length || category.acceptedKinds.includes(k)).map((k) => ({ value: k, label: caseTypeLabels[k] }));

  const onCategory = (path: (string | number)[] | undefined) => {
    const cat = path?.length ? org.category(Number(path[path.length - 1])) : undefined;
    if (cat?.defaultLeadDepartmentId && !leadTouched.current) form.setFieldValue('leadDepartmentId', cat.defaultLeadDepartmentId);
    const refused = !!cat?.acceptedKinds.length && !cat.acceptedKinds.includes(form.getFieldValue('caseType'));
    if (cat && (!typeTouched.current || refused)) form.setFieldValue('caseType', cat.kind);
  };

  const submit = async (mode: 'dispatch' | 'register') => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const v = form.getFieldsValue(true) as IntakeValues;
    if (mode === 'dispatch' && !v.leadDepartmentId) {
      form.setFields([{ name: 'leadDepartmentId', errors: ['登记并派单时请选择主办单位'] }]);
      return;
    }
    setMode(mode);
    try {
      const created = await create.mutateAsync([{
        submitterName: v.submitterName, submitterPhone: v.submitterPhone, categoryId: v.categoryPath[v.categoryPath.length - 1],
        districtId: v.districtId, enterpriseName: v.enterpriseName?.trim() || undefined,
        enterpriseCreditCode: v.enterpriseCreditCode?.trim().toUpperCase() || undefined, title: v.title, description: v.description,
        urgency: v.urgency, caseType: v.caseType, channel: 'hotline',
        ...(mode === 'dispatch' ? { dispatch: { leadDepartmentId: v.leadDepartmentId!, coDepartmentIds: v.coDepartmentIds ?? [] } } : {}),
      }, idempotencyKey.current]);
      message.success(mode === 'dispatch' ? `已登记并派单：${created.code}` : `已登记：${created.code}`);
      setLast(created);
      idempotencyKey.current = uuid();
      leadTouched.current = false;
      typeTouched.current = false;
      form.resetFields();
      form.getFieldInstance('submitterPhone')?.focus?.();
      onCreated(created);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        const map: Record<string, string> = { categoryId: 'categoryPath', 'dispatch.leadDepartmentId': 'leadDepartmentId' };
        form.setFields(e.fieldErrors.map((f) => ({ name: (map[f.field] ?? f.field) as keyof IntakeValues, errors: [f.message] })));
      }
      message.error(errorText(e));
    }
  };

  // 直接答复: the call is registered and closed in one step with the entry cited (the lead unit is not needed).
  const [answering, setAnswering] = useState<number | null>(null);
  const answerWith = async (hit: { id: number; question: string }) => {
    try {
      await form.validateFields(['submitterPhone', 'submitterName', 'categoryPath', 'caseType', 'title', 'description']);
    } catch {
      message.warning('请先填写来电人、类别、标题和内容，再直接答复');
      return;
    }
    const v = form.getFieldsValue(true) as IntakeValues;
    setAnswering(hit.id);
    try {
      const done = await answerDirectly({
        entryId: hit.id,
        case: {
          submitterName: v.submitterName, submitterPhone: v.submitterPhone, categoryId: v.categoryPath[v.categoryPath.length - 1], districtId: v.districtId,
          enterpriseName: v.enterpriseName?.trim() || undefined, enterpriseCreditCode: v.enterpriseCreditCode?.trim().toUpperCase() || undefined,
          title: v.title, description: v.description, urgency: v.urgency, caseType: v.caseType, channel: 'hotline',
        },
      }, idempotencyKey.current);
      message.success(`已直接答复并办结：${done.code}`);
      const created = await getCase(done.caseId);
      setLast(created);
      idempotencyKey.current = uuid();
      leadTouched.current = false;
      typeTouched.current = false;
      form.resetFields();
      onCreated(created);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setAnswering(null);
    }
  };

  const clear = () => {
    form.resetFields();
    leadTouched.current = false;
    typeTouched.current = false;
    form.getFieldInstance('submitterPhone')?.focus?.();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit(e.shiftKey ? 'register' : 'dispatch');
    } else if (e.altKey && !e.ctrlKey && !e.metaKey) {
      if (e.code === 'KeyU') {
        e.preventDefault();
        const current = (form.getFieldValue('urgency') as Urgency | undefined) ?? 'normal';
        form.setFieldValue('urgency', urgencies[(urgencies.indexOf(current) + 1) % urgencies.length]);
      } else if (e.code === 'KeyS' && suggested) {
        e.preventDefault();
        form.setFieldValue('leadDepartmentId', suggested);
      } else if (e.code === 'KeyC') {
        e.preventDefault();
        clear();
      }
    }
  };

  return (
    <Card title="登记诉求" extra={<Typography.Text type="secondary">Ctrl+Enter 登记并派单</Typography.Text>} data-testid="intake-form">
      <div style={{ marginBottom: 12 }}><ShortcutLegend /></div>
      {last && (
        <Alert
          type="success" showIcon closable onClose={() => setLast(null)} style={{ marginBottom: 16 }}
          title={<span>上一件已登记：<Link to={`/cases/${last.id}`} data-testid="last-created-link">{last.code}</Link>（{last.title}）</span>}
        />
      )}
      <Form<IntakeValues> form={form} layout="vertical" initialValues={{ urgency: 'normal' }} onKeyDown={onKeyDown} onFinish={() => submit('dispatch')} requiredMark>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="联系电话" name="submitterPhone" rules={[{ required: true, message: '请输入联系电话' }, { pattern: phonePattern, message: '电话号码格式不正确' }]}>
              <Input autoFocus placeholder="来电号码" inputMode="tel" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="诉求人姓名" name="submitterName" rules={[{ required: true, whitespace: true, message: '请输入诉求人姓名' }, { max: 50, message: '姓名不超过 50 字' }]}>
              <Input placeholder="来电人姓名" />
            </Form.Item>
          </Col>
        </Row>
        <CallerHistory phone={phone} />
        <SimilarCases {...similar} />
        {canAnswer && <KnowledgePanel text={[title, description].filter(Boolean).join(' ')} onAnswer={(h) => void answerWith(h)} busyId={answering} />}
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item label="问题类别" name="categoryPath" rules={[{ required: true, message: '请选择问题类别' }, { validator: (_, v) => (!v || v.length === 2 ? Promise.resolve() : Promise.reject(new Error('请选择到第二级类别'))) }]}>
              <Cascader options={org.activeCategoryOptions} showSearch placeholder="输入关键词搜索类别" onChange={onCategory} aria-label="问题类别" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label="诉求类型" name="caseType" rules={[{ required: true, message: '请选择诉求类型' }]} extra="决定默认办理时限">
              <Select options={typeOptions} placeholder="随类别" aria-label="诉求类型"
                data-testid="intake-case-type" onChange={() => { typeTouched.current = true; }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="所属区县" name="districtId">
              <Select allowClear showSearch={{ filterOption: filterByLabel }} options={org.districtOptions} placeholder="选择县市区" aria-label="所属区县" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={13}>
            <Form.Item label="企业名称" name="enterpriseName" rules={[{ max: 100, message: '企业名称不超过 100 字' }]}>
              <Input placeholder="涉及企业（如有）" />
            </Form.Item>
          </Col>
          <Col span={11}>
            <Form.Item
              label="统一社会信用代码" name="enterpriseCreditCode"
              rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || isValidCreditCode(v.trim().toUpperCase()) ? Promise.resolve() : Promise.reject(new Error('统一社会信用代码不正确'))) }]}
            >
              <Input placeholder="18 位（如有）" maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="诉求标题" name="title" rules={[{ required: true, whitespace: true, message: '请输入诉求标题' }, { max: 100, message: '标题不超过 100 字' }]}>
          <Input placeholder="一句话概括问题" count={{ show: true, max: 100 }} />
        </Form.Item>
        <Form.Item label="诉求内容" name="description" rules={[{ required: true, whitespace: true, message: '请输入诉求内容' }, { max: 5000, message: '内容超过 5000 字，请精简或分件登记（超出部分不会被截断）' }]}>
          {/* No maxLength: a pasted text over the limit must not be cut silently; the count turns red and the rule says so. */}
          <Input.TextArea rows={4} placeholder="问题经过、涉及部门、诉求人期望" count={{ show: true, max: 5000 }} data-testid="intake-description" />
        </Form.Item>
        <Form.Item label="紧急程度" name="urgency" extra="Alt+U 切换">
          <Radio.Group optionType="button" options={urgencies.map((u) => ({ value: u, label: urgencyLabels[u] }))} />
        </Form.Item>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>派单</Divider>
        <Form.Item
          label="主办单位" name="leadDepartmentId"
          extra={suggested ? (
            <span data-testid="lead-suggestion">
              建议主办单位：{org.deptName(suggested)}（按问题类别）
              {leadId !== suggested && <Button type="link" size="small" onClick={() => form.setFieldValue('leadDepartmentId', suggested)}>采用建议（Alt+S）</Button>}
            </span>
          ) : '选择问题类别后给出建议主办单位'}
        >
          <Select allowClear showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="选择主办单位" aria-label="主办单位" onChange={() => { leadTouched.current = true; }} />
        </Form.Item>
        <Form.Item label="协办单位" name="coDepartmentIds" dependencies={['leadDepartmentId']} rules={[{ validator: (_, v: number[] | undefined) => (v?.includes(form.getFieldValue('leadDepartmentId')) ? Promise.reject(new Error('主办单位不能同时是协办单位')) : Promise.resolve()) }]}>
          <Select mode="multiple" allowClear showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="可选，多个协办单位" aria-label="协办单位" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy === 'dispatch'} disabled={busy === 'register'}>登记并派单</Button>
          <Button onClick={() => submit('register')} loading={busy === 'register'} disabled={busy === 'dispatch'} title="Ctrl+Shift+Enter">仅登记</Button>
          <Button onClick={clear} disabled={!!busy}>清空</Button>
        </Space>
      </Form>
    </Card>
  );
}
