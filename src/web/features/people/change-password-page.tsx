import { Button, Card, Typography } from 'antd';
import { useAuth, useUser } from '../../app/auth-context.js';
import { ChangePasswordForm } from './password-form.js';

/** A one-time or expired password: the only page the console shows until the person sets their own. */
export default function ChangePasswordPage() {
  const user = useUser();
  const { refresh, logout } = useAuth();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f5f9' }}>
      <Card style={{ width: 480 }} data-testid="forced-change-password">
        <Typography.Title level={4}>请修改密码</Typography.Title>
        <Typography.Paragraph>
          {user.displayName}，您正在使用一次性密码或密码已过期。为保障账号安全，请先设置新密码，然后才能继续使用平台。
        </Typography.Paragraph>
        <ChangePasswordForm onDone={() => void refresh()} />
        <Button type="link" style={{ paddingLeft: 0, marginTop: 12 }} onClick={() => void logout()}>退出登录</Button>
      </Card>
    </div>
  );
}
