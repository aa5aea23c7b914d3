import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { IndicatorList } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { unitTree } from '../catalogue/unit-tree.js';
import { createIndicator, updateIndicator } from './api.js';
import { directionLabels } from './labels.js';

type Item = IndicatorList['items'][number];

/** Create or edit a first-level indicator or a sub-measure (分项) of the year's system. */
export function IndicatorDrawer({ open, year, system, initial, parentId, onClose, onSaved }: {
  open: boolean; year: number; system: 'national' | 'province'; initial: Item | null; parentId: number | null; onClose(): void; onSaved(): void;
}) {
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const units = useMemo(() => unitTree(org.departments), [org.departments]);
  const isMeasure = parentId !== null;
  useEffect(() => {
    form.setFieldsValue(initial ?? { code: '', name: '', definition: '', unit: '', direction: 'higher', weight: 0, leadDepartmentId: null, responsibleDepartmentIds: [] });
  }, [initial, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      name: v.name, definition: v.definition ?? '', unit: v.unit ?? '', direction: v.direction, weight: v.weight ?? 0,
      leadDepartmentId: isMeasure ? null : v.leadDepartmentId ?? null, responsibleDepartmentIds: v.responsibleDepartmentIds ?? [],
      targetProvinceBest: v.targetProvinceBest ?? null, targetBenchmark: v.targetBenchmark ?? null, targetCommitment: v.targetCommitment ?? null,
    };
    setSaving(true);
    try {
      if (initial) await updateIndicator(initial.id, { ...fields, version: initial.version });
      else await createIndicator({ ...fields, year, system, code: v.code, parentId });
      message.success('已保存');
      onSaved();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} size={640} destroyOnHidden title={`${initial ? '编辑' : '新增'}${isMeasure ? '分项（二级指标）' : '一级指标'} · ${year} 年度`}>
      <Form form={form} layout="vertical" requiredMark={false} data-testid="indicator-form">
        <Space size={16} style={{ display: 'flex' }}>
          <Form.Item name="code" label="指标编码" style={{ width: 200 }} rules={[{ required: true, message: '请填写指标编码' }, { pattern: /^[A-Za-z0-9._-]{1,40}$/, message: '只能由字母、数字、点、横线和下划线组成' }]}>
            <Input disabled={!!initial} aria-label="指标编码" />
          </Form.Item>
          <Form.Item name="name" label="指标名称" style={{ width: 300 }} rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
            <Input maxLength={60} aria-label="指标名称" />
          </Form.Item>
        </Space>
        <Form.Item name="definition" label="定义"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Space size={16} style={{ display: 'flex' }}>
          <Form.Item name="unit" label="计量单位"><Input style={{ width: 140 }} maxLength={20} placeholder="如：个工作日" aria-label="计量单位" /></Form.Item>
          <Form.Item name="direction" label="方向"><Select style={{ width: 140 }} options={Object.entries(directionLabels).map(([value, label]) => ({ value, label }))} aria-label="方向" /></Form.Item>
          <Form.Item name="weight" label="权重"><InputNumber min={0} max={100} aria-label="权重" /></Form.Item>
        </Space>
        {!isMeasure && (
          <>
            <Form.Item name="leadDepartmentId" label="牵头单位" rules={[{ required: true, message: '一级指标必须指定牵头单位' }]}>
              <TreeSelect treeData={units} showSearch treeNodeFilterProp="title" placeholder="请选择" aria-label="牵头单位" />
            </Form.Item>
            <Form.Item name="responsibleDepartmentIds" label="责任单位">
              <TreeSelect treeData={units} multiple showSearch treeNodeFilterProp="title" placeholder="未设置" aria-label="责任单位" />
            </Form.Item>
          </>
        )}
        {isMeasure && (
          <Space size={16} style={{ display: 'flex' }}>
            <Form.Item name="targetProvinceBest" label="省内最优"><InputNumber aria-label="省内最优" /></Form.Item>
            <Form.Item name="targetBenchmark" label="标杆城市"><InputNumber aria-label="标杆城市" /></Form.Item>
            <Form.Item name="targetCommitment" label="本市承诺目标"><InputNumber aria-label="本市承诺目标" /></Form.Item>
          </Space>
        )}
        <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="indicator-save">保存</Button>
      </Form>
    </Drawer>
  );
}
