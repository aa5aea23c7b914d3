import { App, Cascader, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { Rule, RuleInput } from '../../../contracts/routing.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { createRule, updateRule } from './api.js';

interface Values {
  name: string;
  isActive: boolean;
  categoryPaths: number[][];
  districtIds: number[];
  keywords: string[];
  keywordMode: 'any' | 'all';
  locations: string[];
  leadDepartmentId: number;
  coDepartmentIds: number[];
}

/** New or changed routing rule; the server answers with the flags (never fires, conflicts) it found on save. */
export function RuleForm({ open, initial, onClose, onSaved }: { open: boolean; initial: Rule | null; onClose(): void; onSaved(rule: Rule): void }) {
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const areaOptions = org.departments.filter((d) => d.kind === 'district' || d.kind === 'park' || d.kind === 'town').map((d) => ({ value: d.id, label: d.name }));

  useEffect(() => {
    if (!open) return;
    const pathOf = (id: number) => {
      const c = org.category(id);
      return c?.parentId ? [c.parentId, id] : [id];
    };
    form.setFieldsValue(initial ? {
      name: initial.name, isActive: initial.isActive, categoryPaths: initial.categoryIds.map(pathOf), districtIds: initial.districtIds,
      keywords: initial.keywords, keywordMode: initial.keywordMode, locations: initial.locations,
      leadDepartmentId: initial.leadDepartmentId, coDepartmentIds: initial.coDepartmentIds,
    } : { name: '', isActive: true, categoryPaths: [], districtIds: [], keywords: [], keywordMode: 'any', locations: [], coDepartmentIds: [] } as Partial<Values>);
  }, [open, initial, form, org]);

  const submit = async () => {
    const v = await form.validateFields();
    const body: RuleInput = {
      name: v.name, isActive: v.isActive, categoryIds: (v.categoryPaths ?? []).map((p) => p[p.length - 1]), districtIds: v.districtIds ?? [],
      keywords: v.keywords ?? [], keywordMode: v.keywordMode, locations: v.locations ?? [], leadDepartmentId: v.leadDepartmentId, coDepartmentIds: v.coDepartmentIds ?? [],
    };
    setSaving(true);
    try {
      const saved = initial ? await updateRule(initial.id, { ...body, version: initial.version }) : await createRule(body);
      if (saved.flags.length) message.warning(`已保存，但规则有问题：${saved.flags.map((f) => f.message).join('；')}`, 8);
      else message.success('已保存');
      onSaved(saved);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={initial ? `修改规则（当前 v${initial.version}）` : '新建派单规则'} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText="保存" width={720} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="name" label="规则名称" rules={[{ required: true, whitespace: true, message: '请填写规则名称' }]}>
          <Input maxLength={100} placeholder="如：燃气报装 → 华润燃气" />
        </Form.Item>
        <Form.Item label="条件（全部满足时命中；至少设置一项）" style={{ marginBottom: 0 }}>
          <Form.Item name="categoryPaths" label="问题类别（任一）">
            <Cascader options={org.categoryOptions} multiple changeOnSelect placeholder="不限" showCheckedStrategy={Cascader.SHOW_CHILD} />
          </Form.Item>
          <Form.Item name="districtIds" label="所属区县 / 园区 / 乡镇（任一；区县包含其下乡镇街道）">
            <Select mode="multiple" options={areaOptions} placeholder="不限" optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="keywords" label="关键词（标题或内容中出现；回车添加）">
            <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="如：燃气报装、天然气开户" open={false} />
          </Form.Item>
          <Form.Item name="keywordMode" label="关键词匹配">
            <Radio.Group options={[{ value: 'any', label: '出现任一即可' }, { value: 'all', label: '须全部出现' }]} />
          </Form.Item>
          <Form.Item name="locations" label="企业所在地（地址或企业名称中出现；任一）">
            <Select mode="tags" tokenSeparators={[',', '，', '、']} placeholder="如：高新区、白沙洲工业园" open={false} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="leadDepartmentId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
          <Select showSearch options={org.handlingDepartmentGroups} optionFilterProp="label" placeholder="选择主办单位" />
        </Form.Item>
        <Form.Item name="coDepartmentIds" label="协办单位">
          <Select mode="multiple" options={org.handlingDepartmentGroups} optionFilterProp="label" placeholder="无" />
        </Form.Item>
        <Form.Item name="isActive" label="启用" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
