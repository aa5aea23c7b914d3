import { Alert, App, Form, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { PolicyDto, PolicyInput } from '../../../contracts/calendar.js';
import { savePolicy } from '../../api/calendar.js';
import { ApiError, errorText } from '../../api/client.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { caseKinds, type CaseKind } from '../../../domain/case/status.js';

export const urgencyOptions = [
  { value: 'normal', label: '一般' },
  { value: 'urgent', label: '紧急' },
  { value: 'emergency', label: '特急' },
];
const unitOptions = [{ value: 'days', label: '个工作日' }, { value: 'hours', label: '个工作小时' }];
const limits = [['sign', '签收时限'], ['opinion', '协办意见时限'], ['reply', '答复时限'], ['rating', '评价期限']] as const;

const blank = { value: 1, unit: 'days' };
/** The form's value for "every type" (a Select cannot hold null). */
const allTypes = 'all';
export const caseTypeOptions = [{ value: allTypes, label: '全部类型' }, ...caseKinds.map((k) => ({ value: k, label: caseTypeLabels[k] }))];

/** What a new policy starts from: a type's built-in reply limit when the admin starts from a type. */
export interface PolicyStart {
  caseType: CaseKind | null;
  replyDays: number;
}

/** Creates a new version of the policy for a category (or all), a case type (or all) and an urgency. */
export function PolicyForm({ open, initial, start, replyDaysOf, onClose, onSaved }: {
  open: boolean; initial: PolicyDto | null; start?: PolicyStart | null; replyDaysOf?: (k: CaseKind) => number | undefined; onClose: () => void; onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const org = useOrg();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (!open) return;
    setProblems([]);
    form.setFieldsValue(initial
      ? { ...initial, categoryId: initial.categoryId ?? 0, caseType: initial.caseType ?? allTypes, warningPercent: Math.round(initial.warningShare * 100) }
      : {
        categoryId: 0, caseType: start?.caseType ?? allTypes, urgency: 'normal', sign: blank, opinion: { value: 3, unit: 'days' },
        reply: { value: start?.replyDays ?? 15, unit: 'days' }, rating: { value: 5, unit: 'days' }, warningPercent: 80,
      });
  }, [open, initial, start, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: PolicyInput = {
      categoryId: v.categoryId === 0 ? null : v.categoryId, caseType: v.caseType === allTypes ? null : v.caseType, urgency: v.urgency,
      sign: v.sign, opinion: v.opinion, reply: v.reply, rating: v.rating, warningShare: v.warningPercent / 100,
    };
    setBusy(true);
    try {
      const r = await savePolicy(body);
      message.success(`已保存为新版本${r.recompute.casesChanged ? `，${r.recompute.casesChanged} 件诉求的期限已重新计算` : ''}`);
      onSaved();
    } catch (err) {
      setProblems(err instanceof ApiError && err.fieldErrors.length ? err.fieldErrors.map((f) => f.message) : [errorText(err)]);
    } finally {
      setBusy(false);
    }
  };

  const categoryOptions = [{ value: 0, label: '全部类别（默认）' }, ...org.categories.map((c) => ({ value: c.id, label: c.name }))];
  return (
    <Modal open={open} title={initial ? '修改时限策略' : '新增时限策略'} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={busy} width={560}>
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }}>
        <Form.Item name="categoryId" label="问题类别">
          <Select showSearch options={categoryOptions} filterOption={filterByLabel} disabled={!!initial} />
        </Form.Item>
        <Form.Item name="caseType" label="诉求类型" extra="同时设置了类别和类型的策略优先，其次是只按类别、只按类型的策略，最后是全部类别·全部类型。">
          <Select
            options={caseTypeOptions}
            disabled={!!initial}
            onChange={(k: string) => {
              const days = k === allTypes ? undefined : replyDaysOf?.(k as CaseKind);
              if (days !== undefined) form.setFieldValue(['reply', 'value'], days);
            }}
          />
        </Form.Item>
        <Form.Item name="urgency" label="紧急程度">
          <Select options={urgencyOptions} disabled={!!initial} />
        </Form.Item>
        {limits.map(([key, label]) => (
          <Form.Item key={key} label={label} required>
            <Space.Compact>
              <Form.Item name={[key, 'value']} noStyle rules={[{ required: true, message: '必填' }]}>
                <InputNumber min={0} max={365} step={1} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[key, 'unit']} noStyle>
                <Select options={unitOptions} style={{ width: 130 }} />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        ))}
        <Form.Item name="warningPercent" label="黄色预警" rules={[{ required: true, message: '必填' }]} extra="时限用去该比例时亮黄灯，到期亮红灯">
          <InputNumber min={1} max={99} addonAfter="%" style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} />}
    </Modal>
  );
}
