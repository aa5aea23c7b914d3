import { Alert, App, Button, Checkbox, Descriptions, Drawer, Empty, Form, Input, Select, Space, Table, Tabs, Tag, TreeSelect, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CatalogueCategory, CategoryChange, CategoryFormValues as Values, CategoryPolicy } from '../../../contracts/catalogue.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { fmtTime } from '../../shared/format.js';
import { listIndicators } from '../indicators/api.js';
import { categoryDetail, createCategory, moveCategory, updateCategory } from './api.js';
import { acceptedText, changeLabels, kindOptions, kindText, urgencyLabels } from './labels.js';
import { categoryTree, unitTree } from './unit-tree.js';

/** Create (initial null) or edit a category; the edit drawer also shows its history, policies and routing rules. */
export function CategoryDrawer({ open, initial, parentId, all, onClose, onSaved }: {
  open: boolean; initial: CatalogueCategory | null; parentId: number | null; all: CatalogueCategory[]; onClose(): void; onSaved(): void;
}) {
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const units = useMemo(() => unitTree(org.departments), [org.departments]);
  const parents = useMemo(() => categoryTree(all, initial?.id ?? null), [all, initial]);
  const indicators = useQuery({ queryKey: ['indicators', 'list', 'national'], queryFn: () => listIndicators(), enabled: open });
  const indicatorOptions = useMemo(() => (indicators.data?.items ?? []).filter((i) => i.parentId === null).map((i) => ({ value: i.code, label: i.name })), [indicators.data]);
  const detail = useQuery({ queryKey: ['catalogue', 'detail', initial?.id, initial?.version], queryFn: () => categoryDetail(initial!.id), enabled: open && !!initial });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initial ? {
      code: initial.code, name: initial.name, parentId: initial.parentId, kind: initial.kind, acceptedKinds: initial.acceptedKinds,
      leadDepartmentId: initial.leadDepartmentId, coDepartmentIds: initial.coDepartmentIds, tags: initial.tags, indicatorCodes: initial.indicatorCodes,
    } : { code: '', name: '', parentId, kind: 'complaint', acceptedKinds: [], leadDepartmentId: null, coDepartmentIds: [], tags: [], indicatorCodes: [] });
  }, [open, initial, parentId, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      name: v.name, kind: v.kind as never, acceptedKinds: (v.acceptedKinds ?? []) as never[], leadDepartmentId: v.leadDepartmentId ?? null,
      coDepartmentIds: v.coDepartmentIds ?? [], tags: v.tags ?? [], indicatorCodes: v.indicatorCodes ?? [],
    };
    setSaving(true);
    try {
      if (!initial) {
        await createCategory({ ...fields, code: v.code.trim(), parentId: v.parentId ?? null });
        message.success('已新增类别');
      } else {
        const saved = await updateCategory(initial.id, { ...fields, version: initial.version });
        if ((v.parentId ?? null) !== initial.parentId) await moveCategory(initial.id, { parentId: v.parentId ?? null, version: saved.category.version });
        message.success('已保存');
      }
      onSaved();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const formPane = (
    <Form form={form} layout="vertical" requiredMark={false} data-testid="category-form">
      {initial && initial.warnings.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={initial.warnings.join('；')} />}
      <Space size={16} style={{ display: 'flex' }} align="start">
        <Form.Item name="code" label="类别编码" style={{ width: 220 }} extra={initial ? '编码创建后不可修改（Open311 服务代码）' : '字母、数字、点、横线，如 water.pressure'}
          rules={[{ required: true, whitespace: true, message: '请填写类别编码' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, message: '只能由字母、数字、点、横线和下划线组成' }]}>
          <Input disabled={!!initial} maxLength={40} aria-label="类别编码" />
        </Form.Item>
        <Form.Item name="name" label="类别名称" style={{ width: 300 }} rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]}>
          <Input maxLength={60} aria-label="类别名称" />
        </Form.Item>
      </Space>
      <Form.Item name="parentId" label="上级类别（不选为一级分组）">
        <TreeSelect treeData={parents} allowClear showSearch treeNodeFilterProp="title" placeholder="无（一级分组）" treeDefaultExpandAll={false} aria-label="上级类别" />
      </Form.Item>
      <Form.Item name="leadDepartmentId" label="默认牵头单位（受理时建议主办）">
        <TreeSelect treeData={units} allowClear showSearch treeNodeFilterProp="title" placeholder="未设置" aria-label="默认牵头单位" />
      </Form.Item>
      <Form.Item name="coDepartmentIds" label="默认协办单位">
        <TreeSelect treeData={units} multiple allowClear showSearch treeNodeFilterProp="title" placeholder="未设置" aria-label="默认协办单位" />
      </Form.Item>
      <Form.Item name="acceptedKinds" label="受理类型（不勾选为不限）">
        <Checkbox.Group options={kindOptions} />
      </Form.Item>
      <Form.Item name="kind" label="默认诉求类型" rules={[{ required: true }]}>
        <Select options={kindOptions} style={{ width: 160 }} aria-label="默认诉求类型" />
      </Form.Item>
      <Form.Item name="tags" label="标签（回车添加）">
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} placeholder="如：获得电力" aria-label="标签" />
      </Form.Item>
      <Form.Item name="indicatorCodes" label="关联评价指标（本类别的诉求计入这些指标）">
        <Select mode="multiple" allowClear options={indicatorOptions} placeholder="未关联" aria-label="关联评价指标" optionFilterProp="label" />
      </Form.Item>
      <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="category-save">保存</Button>
    </Form>
  );

  const d = detail.data;
  const historyPane = (
    <Table<CategoryChange> size="small" rowKey="id" loading={detail.isPending} dataSource={d?.history ?? []} pagination={false}
      columns={[
        { title: '生效日期', dataIndex: 'effectiveDate', width: 110 },
        { title: '变更', key: 'a', width: 90, render: (_, h) => <Tag>{changeLabels[h.action] ?? h.action}</Tag> },
        { title: '内容', key: 'c', render: (_, h) => <ChangeText change={h} /> },
        { title: '操作人', key: 'by', width: 180, render: (_, h) => `${h.changedBy ?? '—'} ${fmtTime(h.changedAt)}` },
      ]} />
  );
  const policiesPane = (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        适用的办理时限策略（本类别专有的优先，没有时用“全部类别”的策略）。时限在 <Link to="/admin/policies">办理时限</Link> 页面修改。
      </Typography.Paragraph>
      <Table<CategoryPolicy> size="small" rowKey="id" dataSource={d?.policies ?? []} pagination={false} locale={{ emptyText: '未设置策略，按默认时限执行' }}
        columns={[
          { title: '紧急程度', key: 'u', render: (_, p) => urgencyLabels[p.urgency] ?? p.urgency },
          { title: '签收', dataIndex: 'sign' },
          { title: '答复', dataIndex: 'reply' },
          { title: '范围', key: 's', render: (_, p) => (p.scope === 'category' ? <Tag color="blue">本类别</Tag> : <Tag>全部类别</Tag>) },
        ]} />
      <Typography.Text strong>引用本类别的派单规则</Typography.Text>
      {d?.rules.length ? d.rules.map((r) => <div key={r.id}><Link to="/routing">{r.name}</Link>{r.isActive ? '' : '（已停用）'}</div>) : <Empty description="没有派单规则引用本类别" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Space>
  );

  return (
    <Drawer open={open} onClose={onClose} size={760} title={initial ? `问题类别：${initial.name}` : '新增问题类别'} destroyOnHidden>
      {initial ? (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="状态">{initial.isActive ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}</Descriptions.Item>
            <Descriptions.Item label="在办诉求">{initial.openCases} 件</Descriptions.Item>
            <Descriptions.Item label="受理类型">{acceptedText(initial.acceptedKinds)}</Descriptions.Item>
          </Descriptions>
          <Tabs items={[
            { key: 'edit', label: '基本信息', children: formPane },
            { key: 'history', label: '变更历史', children: historyPane },
            { key: 'policies', label: '时限与派单规则', children: policiesPane },
          ]} />
        </>
      ) : formPane}
    </Drawer>
  );
}

/** What a change did, in words: the fields that differ between before and after. */
function ChangeText({ change }: { change: CategoryChange }) {
  const org = useOrg();
  const before = (change.before ?? {}) as Record<string, unknown>;
  const after = (change.after ?? {}) as Record<string, unknown>;
  const labels: Record<string, string> = {
    name: '名称', parentId: '上级类别', kind: '默认类型', acceptedKinds: '受理类型', leadDepartmentId: '牵头单位', coDepartmentIds: '协办单位', tags: '标签', isActive: '状态',
  };
  const show = (k: string, v: unknown): string => {
    if (k === 'parentId') return v == null ? '（一级）' : org.category(v as number)?.name ?? String(v);
    if (k === 'kind') return kindText(String(v));
    if (k === 'acceptedKinds') return acceptedText((v as string[]) ?? []);
    if (k === 'leadDepartmentId') return v == null ? '未设置' : org.deptName(v as number);
    if (k === 'coDepartmentIds') return ((v as number[]) ?? []).map((id) => org.deptName(id)).join('、') || '无';
    if (k === 'tags') return ((v as string[]) ?? []).join('、') || '无';
    if (k === 'isActive') return v ? '启用' : '停用';
    return String(v ?? '');
  };
  const keys = Object.keys(labels).filter((k) => change.before == null ? k === 'name' : JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return (
    <div>
      {keys.map((k) => <div key={k}>{labels[k]}：{change.before == null ? '' : `${show(k, before[k])} → `}{show(k, after[k])}</div>)}
      {change.reason && <Typography.Text type="secondary">原因：{change.reason}</Typography.Text>}
    </div>
  );
}
