import { AuditOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, errorText } from '../../api/client.js';
import { lockoutText } from './lockout-text.js';
import { usePublicSettings } from '../../api/settings.js';
import { useAuth } from '../../app/auth-context.js';

interface LoginForm { username: string; password: string }

export default function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const city = usePublicSettings();
  if (user) return <Navigate to={from} replace />;
  // An empty platform (no account yet, no demo asked for) is set up on the first-start page.
  if (city && !city.initialised) return <Navigate to="/setup" replace />;

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login({ username: v.username.trim(), password: v.password });
      navigate(from, { replace: true });
    } catch (e) {
      // Wrong password, throttling (LOGIN_THROTTLED) and the lock come back as codes with their own Chinese messages.
      setError(e instanceof ApiError ? lockoutText(errorText(e), e.code, e.details, new Date()) : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #0f1f3d 0%, #1d4ed8 100%)' }}>
      <div style={{ width: 400 }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
          <AuditOutlined style={{ fontSize: 44, color: '#93c5fd' }} />
          <div style={{ fontSize: 28, fontWeight: 600, letterSpacing: 6, marginTop: 8 }}>一网督办</div>
          <div style={{ opacity: 0.8, marginTop: 4 }} data-testid="site-title">{city?.siteTitle ?? '\u00a0'}</div>
        </div>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>账号登录</Typography.Title>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoFocus autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>登录</Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            连续多次输入错误密码，账号将被临时锁定。如忘记密码，请联系系统管理员。
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
