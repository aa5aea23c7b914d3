import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { FollowUpQueueItem } from '../../../contracts/followups.js';
import { errorText } from '../../api/client.js';
import { getFollowUpQueue } from '../../api/followups.js';
import { fmtTime } from '../../shared/format.js';
import { channelLabels } from '../../shared/labels.js';
import { FollowUpModal, failureReasonLabels } from './follow-up-modal.js';

const stateTags: Record<FollowUpQueueItem['state'], { color: string; label: string }> = {
  due: { color: 'processing', label: '待回访' },
  retry_later: { color: 'default', label: '稍后重拨' },
  exhausted: { color: 'error', label: '已达重拨上限' },
};

/** 电话回访: phone cases awaiting a rating; the operator calls and records each call. */
export function FollowUpPanel() {
  const { message } = App.useApp();
  const [filter, setFilter] = useState<'open' | 'exhausted'>('open');
  const [calling, setCalling] = useState<FollowUpQueueItem | null>(null);
  const qc = useQueryClient();
  const { data, isFetching: loading, error } = useQuery({ queryKey: ['followups', filter], queryFn: () => getFollowUpQueue(filter) });
  useEffect(() => {
    if (error) message.error(errorText(error));
  }, [error, message]);
  // A recorded call changes the queue and the case (rating, status).
  const load = () => Promise.all([qc.invalidateQueries({ queryKey: ['followups'] }), qc.invalidateQueries({ queryKey: ['cases'] })]);

  return (
    <Card
      title={<Space>电话回访{data && <Tag color="blue" data-testid="followup-count">{data.items.length}</Tag>}</Space>}
      style={{ marginTop: 16 }} data-testid="followup-panel"
      extra={<Segmented size="small" value={filter} onChange={(v) => setFilter(v as 'open' | 'exhausted')} options={[{ value: 'open', label: '待回访' }, { value: 'exhausted', label: '已达上限' }]} />}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        电话、来信登记的诉求答复后由话务员回访评价；未接通 {data?.retryHours ?? 2} 小时后可重拨，本轮未接通 {data?.maxAttempts ?? 3} 次后移出队列，评价期限届满自动办结（未评价）。
      </Typography.Paragraph>
      <Table<FollowUpQueueItem>
        rowKey="caseId" size="small" loading={loading} dataSource={data?.items ?? []} pagination={false}
        locale={{ emptyText: filter === 'open' ? '没有待回访的诉求' : '没有达到重拨上限的诉求' }}
        onRow={(r) => ({ 'data-testid': `followup-row-${r.caseId}` } as object)}
        columns={[
          { title: '编号', dataIndex: 'code', render: (c: string, r) => <Link to={`/cases/${r.caseId}`}>{c}</Link> },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          { title: '诉求人', key: 'who', render: (_, r) => <span>{r.submitterName}<br /><Typography.Text type="secondary">{r.submitterPhone}</Typography.Text></span> },
          { title: '来源', dataIndex: 'channel', render: (c: FollowUpQueueItem['channel']) => channelLabels[c] },
          { title: '评价期限', dataIndex: 'ratingDeadline', render: fmtTime },
          {
            title: '状态', key: 'state', render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Tag color={stateTags[r.state].color}>{stateTags[r.state].label}</Tag>
                {r.attempts > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>未接通 {r.attempts} 次{r.lastFailureReason ? `（${failureReasonLabels[r.lastFailureReason]}）` : ''}</Typography.Text>}
                {r.retryAfter && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(r.retryAfter)} 后重拨</Typography.Text>}
              </Space>
            ),
          },
          { title: '操作', key: 'op', render: (_, r) => <Button size="small" type={r.state === 'due' ? 'primary' : 'default'} onClick={() => setCalling(r)} data-testid={`followup-call-${r.caseId}`}>登记回访</Button> },
        ]}
      />
      <FollowUpModal item={calling} onClose={() => setCalling(null)} onSaved={() => { setCalling(null); void load(); }} />
    </Card>
  );
}
