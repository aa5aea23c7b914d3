import { AuditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { isCityName, isDivisionCode } from '../../../domain/settings/city.js';
import { errorText } from '../../api/client.js';
import { publicSettingsKey, setupPlatform, usePublicSettings } from '../../api/settings.js';

interface SetupForm {
  cityName: string;
  divisionCode: string;
  hotlineName?: string;
  adminUsername: string;
  adminDisplayName?: string;
  adminPassword: string;
  confirm: string;
}

/** 初始化: the first start of an empty platform (no account yet): the city and the first administrator. */
export default function SetupPage() {
  const city = usePublicSettings();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ cityName: string; adminUsername: string } | null>(null);

  if (city?.initialised && !done) return <Navigate to="/login" replace />;

  const onFinish = async (v: SetupForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await setupPlatform({
        cityName: v.cityName.trim(), divisionCode: v.divisionCode.trim(), hotlineName: v.hotlineName?.trim() || undefined,
        adminUsername: v.adminUsername.trim(), adminDisplayName: v.adminDisplayName?.trim() || undefined, adminPassword: v.adminPassword,
      });
      setDone(r);
      await qc.invalidateQueries({ queryKey: publicSettingsKey });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'linear-gradient(135deg, #0f1f3d 0%, #1d4ed8 100%)', padding: 24 }}>
      <div style={{ width: 520 }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
          <AuditOutlined style={{ fontSize: 44, color: '#93c5fd' }} />
          <div style={{ fontSize: 28, fontWeight: 600, letterSpacing: 6, marginTop: 8 }}>一网督办</div>
          <div style={{ opacity: 0.8, marginTop: 4 }}>首次启动：初始化平台</div>
        </div>
        <Card>
          {done ? (
            <Result status="success" title="初始化完成" subTitle={`${done.cityName}的平台已建立，请用管理员账号 ${done.adminUsername} 登录。`}
              extra={<Button type="primary" onClick={() => navigate('/login', { replace: true })} data-testid="setup-go-login">前往登录</Button>} />
          ) : (
            <>
              <Typography.Title level={4} style={{ marginTop: 0 }}>初始化</Typography.Title>
              <Typography.Paragraph type="secondary">
                数据库中还没有任何账号。请填写本市的基本信息并设置第一位系统管理员；初始化只能进行一次，之后可在“城市设置”中修改。
              </Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
              <Form<SetupForm> layout="vertical" onFinish={onFinish} requiredMark={false} initialValues={{ hotlineName: '12345' }}>
                <Form.Item label="城市名称" name="cityName" rules={[{ required: true, message: '请填写城市名称' }, { validator: (_, v) => (!v || isCityName(String(v).trim()) ? Promise.resolve() : Promise.reject(new Error('城市名称应为 2 至 20 个汉字，例如“示例市”'))) }]}>
                  <Input placeholder="例如：示例市" />
                </Form.Item>
                <Form.Item label="行政区划代码" name="divisionCode" rules={[{ required: true, message: '请填写行政区划代码' }, { validator: (_, v) => (!v || isDivisionCode(String(v).trim()) ? Promise.resolve() : Promise.reject(new Error('行政区划代码应为 6 位数字，例如 430100'))) }]}>
                  <Input placeholder="例如：430100" maxLength={6} />
                </Form.Item>
                <Form.Item label="热线名称" name="hotlineName">
                  <Input placeholder="12345" />
                </Form.Item>
                <Form.Item label="管理员用户名" name="adminUsername" rules={[{ required: true, message: '请填写管理员用户名' }, { pattern: /^[A-Za-z0-9._-]{3,32}$/, message: '3 至 32 位字母、数字、点、横线或下划线' }]}>
                  <Input autoComplete="username" />
                </Form.Item>
                <Form.Item label="管理员姓名" name="adminDisplayName">
                  <Input placeholder="系统管理员" />
                </Form.Item>
                <Form.Item label="管理员密码" name="adminPassword" extra="至少 12 位，同时包含字母和数字；只在这里设置一次，请妥善保管" rules={[{ required: true, message: '请设置密码' }, { validator: (_, v) => (!v || (String(v).length >= 12 && /[A-Za-z]/.test(v) && /\d/.test(v)) ? Promise.resolve() : Promise.reject(new Error('密码至少 12 位，且需同时包含字母和数字'))) }]}>
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
                <Form.Item label="确认密码" name="confirm" dependencies={['adminPassword']} rules={[{ required: true, message: '请再次输入密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('adminPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}>
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block size="large" loading={busy}>初始化平台</Button>
              </Form>
            </>
          )}
        </Card>
      </div>
    </div>
  );
}
