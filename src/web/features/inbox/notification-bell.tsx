import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { fetchNotifications, markAllNotificationsRead, markNotificationRead, type Notification } from '../../api/notifications.js';
import { fmtTime } from '../../shared/format.js';
import { notificationKeys, setUnread, useNewNotices, useUnreadCount } from './live-notices.js';

const previewSize = 6;

/** The newest unread notices under the bell: read one (opens its case), all at once, or go to the inbox. */
function BellPreview({ count, close }: { count: number; close: () => void }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { data, isLoading } = useQuery({
    queryKey: [...notificationKeys.list, 'preview'],
    queryFn: () => fetchNotifications({ page: 1, pageSize: previewSize, unread: '1' }),
  });
  const done = (unreadCount: number) => { setUnread(qc, unreadCount); void qc.invalidateQueries({ queryKey: notificationKeys.list }); };
  const readOne = useMutation({ mutationFn: markNotificationRead, onSuccess: (r) => done(r.unreadCount) });
  const readAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: (r) => done(r.unreadCount) });
  const open = (n: Notification) => { readOne.mutate(n.id); close(); navigate(n.link); };
  return (
    <div style={{ width: 380 }} data-testid="bell-preview">
      <List<Notification>
        size="small" loading={isLoading} dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未读消息" /> }}
        renderItem={(n) => (
          <List.Item style={{ cursor: 'pointer', padding: '8px 4px' }} onClick={() => open(n)} data-testid="bell-item">
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong ellipsis={{ tooltip: n.title }} style={{ display: 'block', maxWidth: 360 }}>{n.title}</Typography.Text>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>{n.body}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(n.createdAt)}</Typography.Text>
            </div>
          </List.Item>
        )}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 8 }}>
        <Button size="small" disabled={!count} title={count ? undefined : '没有未读消息'} loading={readAll.isPending} onClick={() => readAll.mutate()} data-testid="bell-read-all">全部标为已读</Button>
        <Button size="small" type="link" onClick={() => { close(); navigate('/inbox'); }}>查看全部消息{count > previewSize ? `（未读 ${count} 条）` : ''}</Button>
      </Space>
    </div>
  );
}

/** The header bell: unread count updated live, a preview of the newest unread notices, a pop-up for each new one. */
export function NotificationBell() {
  const count = useUnreadCount();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { notification } = App.useApp();
  const onNotice = useCallback((n: Notification) => {
    notification.info({ title: n.title, description: n.body, placement: 'topRight', duration: 6, onClick: () => navigate(n.link) });
  }, [notification, navigate]);
  useNewNotices(onNotice);
  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} destroyOnHidden
      title={count ? `${count} 条未读消息` : '消息'} content={<BellPreview count={count} close={() => setOpen(false)} />}>
      <Badge count={count} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label="消息" data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
