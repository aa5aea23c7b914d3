import { App, Button, Card, Checkbox, Col, Descriptions, Form, Input, Row, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { UpdateMyAccount } from '../../../contracts/people.js';
import { errorText } from '../../api/client.js';
import { fetchMyAccount, saveMyAccount } from '../../api/people.js';
import { fmtTime } from '../../shared/format.js';
import { roleLabels } from '../../shared/labels.js';
import { ChangePasswordForm } from './password-form.js';

/** 我的账号: every person's own password, contact addresses and which notices also come by e-mail or text message. */
export default function MyAccountPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['my-account'], queryFn: fetchMyAccount });
  const [form] = Form.useForm();
  useEffect(() => {
    if (data) form.setFieldsValue({ email: data.email ?? '', mobile: data.mobile ?? '', notify: [...(data.notifyEmail ? ['email'] : []), ...(data.notifySms ? ['sms'] : [])] });
  }, [data, form]);
  const save = async (v: { email: string; mobile: string; notify: string[] }) => {
    const body: UpdateMyAccount = { email: v.email || null, mobile: v.mobile || null, notifyEmail: v.notify.includes('email'), notifySms: v.notify.includes('sms') };
    try {
      await saveMyAccount(body);
      await qc.invalidateQueries({ queryKey: ['my-account'] });
      message.success('已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="my-account">
      <Card title="我的账号">
        {data && (
          <Descriptions column={2} size="small">
            <Descriptions.Item label="姓名">{data.displayName}</Descriptions.Item>
            <Descriptions.Item label="用户名">{data.username}</Descriptions.Item>
            <Descriptions.Item label="单位">{data.departmentName}</Descriptions.Item>
            <Descriptions.Item label="角色">{data.roles.map((r) => <Tag key={r}>{roleLabels[r]}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label="密码修改时间">{fmtTime(data.passwordChangedAt)}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="联系方式与通知">
            <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 420 }}>
              <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '邮箱格式不正确' }]}><Input /></Form.Item>
              <Form.Item name="mobile" label="手机号" rules={[{ pattern: /^1\d{10}$/, message: '手机号为 11 位数字' }]}><Input /></Form.Item>
              <Form.Item name="notify" label="除站内消息外，还通过以下方式通知我" extra="短信仅用于红牌、升级督办等紧急事项。">
                <Checkbox.Group options={[{ value: 'email', label: '电子邮件' }, { value: 'sms', label: '短信' }]} />
              </Form.Item>
              <Button type="primary" htmlType="submit">保存</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="修改密码">
            <ChangePasswordForm onDone={() => void qc.invalidateQueries({ queryKey: ['my-account'] })} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
