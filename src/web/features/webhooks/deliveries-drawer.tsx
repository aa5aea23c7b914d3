import { App, Button, Drawer, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { errorText } from '../../api/client.js';
import { fetchWebhookDeliveries, replayWebhookDelivery, type Webhook, type WebhookDelivery } from '../../api/notifications.js';
import { fmtTime } from '../../shared/format.js';

const statusTags: Record<WebhookDelivery['status'], { color: string; label: string }> = {
  pending: { color: 'processing', label: '待重试' },
  sent: { color: 'success', label: '已送达' },
  dead: { color: 'error', label: '已放弃' },
};

/** The delivery log of one endpoint: every attempt with its answer, and a replay button. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const qc = useQueryClient();
  const { data, isFetching: loading, error } = useQuery({
    queryKey: ['webhooks', 'deliveries', webhook?.id, page],
    queryFn: () => fetchWebhookDeliveries(webhook!.id, { page, pageSize: 20 }),
    enabled: !!webhook,
    placeholderData: keepPreviousData,
  });
  useErrorToast(error);
  const load = () => void qc.invalidateQueries({ queryKey: ['webhooks', 'deliveries', webhook?.id] });

  const replay = async (d: WebhookDelivery) => {
    try {
      await replayWebhookDelivery(d.id);
      message.success('已加入重新推送队列');
      setTimeout(load, 1500);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Drawer open={!!webhook} onClose={onClose} size="large" title={webhook ? `推送记录 · ${webhook.name}` : ''} extra={<Button onClick={load}>刷新</Button>}>
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (d) => (
            <>
              <Table
                rowKey="attempt"
                size="small"
                pagination={false}
                dataSource={d.log}
                columns={[
                  { title: '第几次', dataIndex: 'attempt', width: 70 },
                  { title: '时间', dataIndex: 'at', render: fmtTime },
                  { title: '结果', dataIndex: 'ok', render: (ok: boolean) => (ok ? <Tag color="success">成功</Tag> : <Tag color="error">失败</Tag>) },
                  { title: 'HTTP 状态', dataIndex: 'statusCode', render: (c: number | null) => c ?? '—' },
                  { title: '错误', dataIndex: 'error', render: (e: string | null) => e ?? '' },
                  { title: '耗时', dataIndex: 'durationMs', render: (ms: number) => `${ms} ms` },
                ]}
              />
              <Typography.Paragraph copyable code style={{ marginTop: 8, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{d.body}</Typography.Paragraph>
            </>
          ),
        }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 80 },
          { title: '事件', dataIndex: 'eventType' },
          { title: '诉求', dataIndex: 'caseId', render: (id: number) => <a href={`/cases/${id}`}>#{id}</a> },
          { title: '状态', dataIndex: 'status', render: (s: WebhookDelivery['status']) => <Tag color={statusTags[s].color}>{statusTags[s].label}</Tag> },
          { title: '尝试次数', dataIndex: 'attempts', width: 90 },
          { title: '下次重试', dataIndex: 'nextAttemptAt', render: fmtTime },
          { title: '创建时间', dataIndex: 'createdAt', render: fmtTime },
          { title: '操作', key: 'op', render: (_: unknown, d) => <Button size="small" onClick={() => void replay(d)}>重新推送</Button> },
        ]}
      />
    </Drawer>
  );
}
