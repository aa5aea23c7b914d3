import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import type { Open311Key } from '../../../contracts/open311.js';
import { errorText } from '../../api/client.js';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from '../../api/open311.js';
import { fmtTime } from '../../shared/format.js';

/** Open311 接口密钥: create (the key is shown once), list with last use, revoke. */
export function Open311KeysPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data, isFetching: loading, error } = useQuery({ queryKey: ['open311', 'keys'], queryFn: listOpen311Keys });
  useErrorToast(error);
  const keys: Open311Key[] = data?.items ?? [];
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ name: string; secret: string } | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const load = () => void qc.invalidateQueries({ queryKey: ['open311', 'keys'] });

  const create = async () => {
    const { name } = await form.validateFields();
    setBusy(true);
    try {
      const r = await createOpen311Key(name);
      setCreating(false);
      form.resetFields();
      setShown({ name: r.key.name, secret: r.secret });
      load();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: Open311Key) => {
    try {
      await revokeOpen311Key(k.id);
      message.success(`已停用「${k.name}」的密钥`);
      load();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const base = `${window.location.origin}/open311/v2`;
  return (
    <div data-testid="open311-keys">
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          第三方系统（城市 App、随手拍、其他热线）按 Open311 GeoReport v2 标准接入：服务目录 <Typography.Text code>{base}/services.json</Typography.Text>，
          提交诉求 <Typography.Text code>POST {base}/requests.json</Typography.Text>（需 api_key），查询公开诉求 <Typography.Text code>{base}/requests.json</Typography.Text>。
        </Typography.Paragraph>
        <Typography.Text type="secondary">每个接入系统一把密钥；经接口提交的诉求记录来源密钥。停用后立即失效。</Typography.Text>
      </Card>
      <Card title="接口密钥" extra={<Button type="primary" onClick={() => setCreating(true)} data-testid="open311-new-key">新建密钥</Button>}>
        <Table<Open311Key>
          rowKey="id" size="middle" loading={loading} dataSource={keys} pagination={false}
          columns={[
            { title: '接入系统', dataIndex: 'name' },
            { title: '密钥前缀', dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
            { title: '状态', dataIndex: 'revokedAt', render: (r: string | null) => (r ? <Tag>已停用 {fmtTime(r)}</Tag> : <Tag color="success">有效</Tag>) },
            { title: '创建', dataIndex: 'createdAt', render: (t: string, k) => `${fmtTime(t)}${k.createdByName ? ` · ${k.createdByName}` : ''}` },
            { title: '最近使用', dataIndex: 'lastUsedAt', render: (t: string | null) => (t ? fmtTime(t) : '从未使用') },
            { title: '提交诉求数', dataIndex: 'requestCount', align: 'right' },
            {
              title: '操作', key: 'op', render: (_, k) => (k.revokedAt ? null : (
                <Popconfirm title={`停用「${k.name}」的密钥？`} description="停用后该系统的提交立即被拒绝，无法恢复。" okText="停用" cancelText="取消" onConfirm={() => revoke(k)}>
                  <Button danger size="small" data-testid={`revoke-${k.id}`}>停用</Button>
                </Popconfirm>
              )),
            },
          ]}
        />
      </Card>
      <Modal title="新建接口密钥" open={creating} onOk={create} confirmLoading={busy} onCancel={() => setCreating(false)} okText="创建" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item label="接入系统名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写接入系统名称' }, { max: 60, message: '名称不超过 60 字' }]}>
            <Input autoFocus placeholder="例如：城市随手拍 App" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="密钥已创建" open={!!shown} onCancel={() => setShown(null)} footer={<Button type="primary" onClick={() => setShown(null)}>我已保存</Button>}>
        <Alert type="warning" showIcon title="密钥只显示这一次，关闭后无法再次查看，请立即复制并交给接入方。" style={{ marginBottom: 12 }} />
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>接入系统：{shown?.name}</Typography.Text>
          <Typography.Paragraph copyable={{ text: shown?.secret ?? '' }} code data-testid="open311-secret" style={{ wordBreak: 'break-all' }}>{shown?.secret}</Typography.Paragraph>
        </Space>
      </Modal>
    </div>
  );
}
