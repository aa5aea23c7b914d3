import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Tooltip } from 'antd';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Notification } from '../../api/notifications.js';
import { useNewNotices, useUnreadCount } from './live-notices.js';

/** The header bell: unread count updated live, a short pop-up for each new notice. */
export function NotificationBell() {
  const count = useUnreadCount();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const onNotice = useCallback((n: Notification) => {
    notification.info({ title: n.title, description: n.body, placement: 'topRight', duration: 6, onClick: () => navigate(n.link) });
  }, [notification, navigate]);
  useNewNotices(onNotice);
  return (
    <Tooltip title={count ? `${count} 条未读消息` : '消息'}>
      <Badge count={count} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label="消息" data-testid="notification-bell" onClick={() => navigate('/inbox')} />
      </Badge>
    </Tooltip>
  );
}
