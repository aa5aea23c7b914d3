import { App, Button, Form, Input, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ApiError, errorText } from '../../api/client.js';
import { changeMyPassword, fetchMyPolicy } from '../../api/people.js';

/** Old password, new password twice; the policy's words above; a weak or reused password's reasons under the box. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const policy = useQuery({ queryKey: ['my-password-policy'], queryFn: fetchMyPolicy });
  const submit = async (v: { oldPassword: string; newPassword: string }) => {
    try {
      await changeMyPassword({ oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        const field = err.code === 'PASSWORD_WRONG' ? 'oldPassword' : 'newPassword';
        form.setFields([{ name: field, errors: [err.message, ...err.fieldErrors.map((f) => f.message)].filter((x, i, a) => a.indexOf(x) === i) }]);
      } else {
        message.error(errorText(err));
      }
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} data-testid="change-password-form">
      {policy.data && <Typography.Paragraph type="secondary">密码要求：{policy.data.description}</Typography.Paragraph>}
      <Form.Item name="oldPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" data-testid="old-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm" label="再次输入新密码" dependencies={['newPassword']}
        rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="change-password-submit">修改密码</Button>
    </Form>
  );
}
