import { App, Badge, Button, Card, List, Segmented, Space, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { noticeTypeLabel } from '../../../contracts/notifications.js';
import { errorText } from '../../api/client.js';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead, type Notification } from '../../api/notifications.js';
import { fmtTime } from '../../shared/format.js';
import { notificationKeys, setUnread } from './live-notices.js';

type Filter = 'all' | 'unread';

/** 消息: the user's notices, newest first; opening one marks it read and goes to the case. */
export default function InboxPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const qc = useQueryClient();

  // A new notice arriving live marks this list stale (live-notices.ts), so it puts itself at the top.
  const { data, isFetching: loading, error } = useQuery({
    queryKey: [...notificationKeys.list, filter, page],
    queryFn: async () => {
      const r = await fetchNotifications({ page, pageSize, unread: filter === 'unread' ? '1' : undefined });
      setUnread(qc, r.unreadCount);
      return r;
    },
    placeholderData: keepPreviousData,
  });
  useEffect(() => {
    if (error) message.error(errorText(error));
  }, [error, message]);

  const markRead = useMutation({
    mutationFn: markNotificationRead,
    onSuccess: (r) => {
      setUnread(qc, r.unreadCount);
      void qc.invalidateQueries({ queryKey: notificationKeys.list });
    },
  });
  const markAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });

  const open = async (n: Notification) => {
    if (!n.readAt) await markRead.mutateAsync(n.id).catch(() => null);
    navigate(n.link);
  };
  const readAll = async () => {
    try {
      const r = await markAll.mutateAsync();
      message.success(r.updated ? `已将 ${r.updated} 条消息标为已读` : '没有未读消息');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card>
      <div className="yw-page-title">
        <Typography.Title level={3}>消息</Typography.Title>
        <Typography.Text type="secondary">派单、预警、催办、督办与审核提醒</Typography.Text>
      </div>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Segmented<Filter>
          value={filter}
          onChange={(v) => { setFilter(v); setPage(1); }}
          options={[{ value: 'all', label: '全部' }, { value: 'unread', label: `未读${data?.unreadCount ? `（${data.unreadCount}）` : ''}` }]}
        />
        <Button onClick={readAll} disabled={!data?.unreadCount}>全部标为已读</Button>
      </Space>
      <List<Notification>
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: filter === 'unread' ? '没有未读消息' : '暂无消息' }}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            data-testid="notice"
            style={{ cursor: 'pointer', background: n.readAt ? undefined : '#f0f7ff', paddingInline: 12 }}
            onClick={() => void open(n)}
            extra={<Typography.Text type="secondary">{fmtTime(n.createdAt)}</Typography.Text>}
          >
            <List.Item.Meta
              avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
              title={<Space><Typography.Text strong={!n.readAt}>{n.title}</Typography.Text><Typography.Text type="secondary" style={{ fontSize: 12 }}>{noticeTypeLabel(n.eventType)}</Typography.Text></Space>}
              description={n.body}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
