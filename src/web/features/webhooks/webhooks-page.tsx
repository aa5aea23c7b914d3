import { App, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { eventTypeLabels, notifiableEventTypes, type NotifiableEventType } from '../../../contracts/notifications.js';
import { ApiError, errorText } from '../../api/client.js';
import { createWebhook, fetchWebhooks, updateWebhook, type Webhook } from '../../api/notifications.js';
import { fmtTime } from '../../shared/format.js';
import { DeliveriesDrawer } from './deliveries-drawer.js';

const eventOptions = notifiableEventTypes.map((t) => ({ value: t, label: `${eventTypeLabels[t]}（${t}）` }));

/** Webhook 管理 (admins): endpoints other systems register to receive signed case events. */
export default function WebhooksPage() {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { data, isFetching: loading, error } = useQuery({ queryKey: ['webhooks'], queryFn: fetchWebhooks });
  useErrorToast(error);
  const items = data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const [form] = Form.useForm<{ name: string; url: string; eventTypes: string[] }>();

  const load = () => void qc.invalidateQueries({ queryKey: ['webhooks'] });

  const showSecret = (w: Webhook) => modal.success({
    title: '请妥善保存签名密钥',
    width: 560,
    content: (
      <>
        <Typography.Paragraph>密钥只显示这一次。接收端用它校验请求头 <Typography.Text code>X-Yiwang-Signature</Typography.Text>（sha256=请求体的 HMAC-SHA256）。</Typography.Paragraph>
        <Typography.Paragraph copyable code>{w.secret}</Typography.Paragraph>
      </>
    ),
  });

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const w = await createWebhook({ name: v.name, url: v.url, eventTypes: v.eventTypes ?? [], isActive: true });
      setCreating(false);
      form.resetFields();
      load();
      showSecret(w);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WEBHOOK_URL_INVALID') form.setFields([{ name: 'url', errors: [err.message] }]);
      else message.error(errorText(err));
    }
  };

  const patch = async (w: Webhook, body: Parameters<typeof updateWebhook>[1]) => {
    try {
      const updated = await updateWebhook(w.id, body);
      load();
      if (body.rotateSecret) showSecret(updated);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card>
      <div className="yw-page-title">
        <Typography.Title level={3}>Webhook 推送</Typography.Title>
        <Typography.Text type="secondary">向外部系统推送诉求事件；签名校验，失败按指数退避自动重试</Typography.Text>
      </div>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setCreating(true)}>新增 Webhook</Button>
      </Space>
      <Table<Webhook>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '尚未配置 Webhook' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '地址', dataIndex: 'url', render: (u: string) => <Typography.Text code copyable>{u}</Typography.Text> },
          {
            title: '事件', dataIndex: 'eventTypes',
            render: (ts: string[]) => (ts.length ? ts.map((t) => <Tag key={t}>{eventTypeLabels[t as NotifiableEventType] ?? t}</Tag>) : <Tag color="blue">全部事件</Tag>),
          },
          { title: '密钥', dataIndex: 'secretHint' },
          { title: '启用', dataIndex: 'isActive', render: (on: boolean, w) => <Switch checked={on} onChange={(v) => void patch(w, { isActive: v })} /> },
          { title: '更新时间', dataIndex: 'updatedAt', render: fmtTime },
          {
            title: '操作', key: 'op',
            render: (_: unknown, w) => (
              <Space>
                <Button size="small" onClick={() => setViewing(w)}>推送记录</Button>
                <Button size="small" onClick={() => modal.confirm({ title: '更换签名密钥？', content: '更换后接收端须改用新密钥校验。', onOk: () => patch(w, { rotateSecret: true }) })}>更换密钥</Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={creating} title="新增 Webhook" okText="保存" cancelText="取消" onOk={() => void submit()} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input maxLength={100} placeholder="例如：市政务数据共享平台" /></Form.Item>
          <Form.Item
            name="url" label="推送地址"
            rules={[{ required: true, message: '请填写推送地址' }, { pattern: /^https?:\/\//i, message: '推送地址必须以 http:// 或 https:// 开头' }]}
          >
            <Input placeholder="https://example.gov.cn/hooks/yiwang" />
          </Form.Item>
          <Form.Item name="eventTypes" label="推送的事件" extra="不选则推送全部事件">
            <Select mode="multiple" options={eventOptions} allowClear placeholder="全部事件" />
          </Form.Item>
        </Form>
      </Modal>
      <DeliveriesDrawer webhook={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}
