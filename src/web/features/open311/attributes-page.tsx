import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  open311DatatypeLabels, type Open311AdminAttribute, type Open311AdminService, type Open311AttributeChange, type Open311AttributeInput,
} from '../../../contracts/open311-attributes.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { attributeChanges, createAttribute, deleteAttribute, listAttributes, listOpen311Services, reorderAttributes, updateAttribute } from './api.js';
import { AttributeForm } from './attribute-form.js';

const changeLabels: Record<Open311AttributeChange['change'], string> = { created: '新增', updated: '修改', deleted: '删除', reordered: '调整顺序' };
const fieldLabels: Record<string, string> = {
  code: '代码', description: '说明', datatype: '类型', required: '必填', variable: '需要填写', datatypeDescription: '填写提示', values: '选项',
};

function changeText(c: Open311AttributeChange): string {
  if (c.change === 'reordered') return `${(c.before as string[]).join('、')} → ${(c.after as string[]).join('、')}`;
  if (c.change !== 'updated') return c.code ?? '';
  const before = c.before as Record<string, unknown>;
  const after = c.after as Record<string, unknown>;
  const changed = Object.keys(fieldLabels).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return `${c.code}（改了${changed.map((k) => fieldLabels[k]).join('、') || '无变化'}）`;
}

/** 服务属性: the extra questions each Open311 service (a leaf category) asks, published in its service definition. */
export function AttributesPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [services, setServices] = useState<Open311AdminService[]>([]);
  const [items, setItems] = useState<Open311AdminAttribute[] | null>(null);
  const [changes, setChanges] = useState<Open311AttributeChange[]>([]);
  const [editing, setEditing] = useState<Open311AdminAttribute | null | undefined>(undefined);
  const code = params.get('service') ?? undefined;
  const service = useMemo(() => services.find((s) => s.code === code), [services, code]);

  const loadServices = useCallback(() => {
    listOpen311Services().then((r) => setServices(r.items)).catch((e) => message.error(errorText(e)));
  }, [message]);
  useEffect(loadServices, [loadServices]);

  const load = useCallback(async () => {
    if (!service) return setItems(null);
    try {
      const [list, history] = await Promise.all([listAttributes(service.categoryId), attributeChanges(service.categoryId)]);
      setItems(list.items);
      setChanges(history.items);
    } catch (e) {
      message.error(errorText(e));
    }
  }, [service, message]);
  useEffect(() => void load(), [load]);

  const after = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      message.error(errorText(e));
    }
    await load();
    loadServices();
  };

  const save = async (body: Open311AttributeInput) => {
    if (!service) return;
    if (editing) await updateAttribute(editing.id, body);
    else await createAttribute(service.categoryId, body);
    setEditing(undefined);
    message.success(`属性「${body.code}」已保存`);
    await load();
    loadServices();
  };

  const move = (index: number, delta: number) => {
    if (!service || !items) return;
    const ids = items.map((a) => a.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id);
    void after(() => reorderAttributes(service.categoryId, ids), '顺序已调整');
  };

  const publicUrl = service ? `/open311/v2/services/${service.code}.json` : '';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="open311-attributes">
      <Card>
        <Typography.Paragraph type="secondary">
          每个末级问题类别是一项 Open311 服务。为服务设置的属性发布在服务定义中，接入方提交诉求时按属性校验（必填、选项、数字、日期），回答附在诉求描述后。
        </Typography.Paragraph>
        <Form layout="inline">
          <Form.Item label="服务类型" htmlFor="open311-service">
            <Select
              id="open311-service" showSearch style={{ width: 420 }} placeholder="输入类别名称或代码搜索" value={service?.code}
              onChange={(v: string) => setParams({ service: v })}
              filterOption={(input, o) => String(o?.search ?? '').toLowerCase().includes(input.toLowerCase())}
              options={services.map((s) => ({
                value: s.code, search: `${s.group} ${s.name} ${s.code}`,
                label: `${s.group ? `${s.group} · ` : ''}${s.name}（${s.code}）${s.attributeCount ? ` · ${s.attributeCount} 个属性` : ''}`,
              }))}
            />
          </Form.Item>
          {service && <Typography.Link href={publicUrl} target="_blank" data-testid="open311-definition-link">查看公开的服务定义</Typography.Link>}
        </Form>
      </Card>
      {!service ? <Card><Empty description="请选择一项服务" /></Card> : (
        <>
          <Card title={`${service.name} 的属性`} extra={<Button type="primary" onClick={() => setEditing(null)} data-testid="attribute-new">新增属性</Button>}>
            <Table<Open311AdminAttribute>
              rowKey="id" size="middle" loading={!items} dataSource={items ?? []} pagination={false}
              locale={{ emptyText: '此服务还没有属性，接入方只需填写通用字段' }}
              columns={[
                { title: '顺序', dataIndex: 'order', width: 60 },
                { title: '代码', dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
                { title: '说明（提问）', dataIndex: 'description' },
                { title: '类型', dataIndex: 'datatype', render: (d: Open311AdminAttribute['datatype']) => open311DatatypeLabels[d] },
                {
                  title: '填写', key: 'req', render: (_, a) => (!a.variable ? <Tag>仅说明</Tag> : a.required ? <Tag color="red">必填</Tag> : <Tag>选填</Tag>),
                },
                { title: '选项', dataIndex: 'values', render: (v: Open311AdminAttribute['values']) => v.map((x) => `${x.key}=${x.name}`).join('；') },
                {
                  title: '操作', key: 'op', width: 220, render: (_, a, i) => (
                    <Space size={4}>
                      <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={`上移 ${a.code}`} />
                      <Button size="small" icon={<ArrowDownOutlined />} disabled={i === (items?.length ?? 0) - 1} onClick={() => move(i, 1)} aria-label={`下移 ${a.code}`} />
                      <Button size="small" onClick={() => setEditing(a)} data-testid={`attribute-edit-${a.code}`}>修改</Button>
                      <Popconfirm title={`删除属性「${a.code}」？`} description="接入方此后不能再提交此属性；已收到的回答保留在诉求中。" okText="删除" cancelText="取消"
                        onConfirm={() => after(() => deleteAttribute(a.id), `属性「${a.code}」已删除`)}>
                        <Button size="small" danger data-testid={`attribute-delete-${a.code}`}>删除</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card title="变更记录" size="small">
            <Table<Open311AttributeChange>
              rowKey="id" size="small" dataSource={changes} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: '暂无变更' }}
              columns={[
                { title: '时间', dataIndex: 'changedAt', width: 170, render: (t: string) => fmtTime(t) },
                { title: '操作人', dataIndex: 'changedBy', width: 140, render: (n: string | null) => n ?? '—' },
                { title: '操作', dataIndex: 'change', width: 90, render: (c: Open311AttributeChange['change']) => changeLabels[c] },
                { title: '内容', key: 'what', render: (_, c) => changeText(c) },
              ]}
            />
          </Card>
        </>
      )}
      <AttributeForm editing={editing} onClose={() => setEditing(undefined)} onSave={save} />
    </Space>
  );
}
