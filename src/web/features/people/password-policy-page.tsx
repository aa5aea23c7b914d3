import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Switch, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { passwordClasses, passwordClassLabels } from '../../../domain/access/password-policy.js';
import { errorText } from '../../api/client.js';
import { fetchPasswordPolicy, savePasswordPolicy } from '../../api/people.js';
import { fmtTime } from '../../shared/format.js';

/** 密码策略 (等保三级): length, character classes, no reuse of the last N, optional expiry. */
export default function PasswordPolicyPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['password-policy'], queryFn: fetchPasswordPolicy });
  const [form] = Form.useForm();
  const expires = Form.useWatch('expires', form);
  useEffect(() => {
    if (data) form.setFieldsValue({ ...data, expires: data.maxAgeDays != null, maxAgeDays: data.maxAgeDays ?? 90 });
  }, [data, form]);
  const save = async (v: { minLength: number; requiredClasses: (typeof passwordClasses)[number][]; historyCount: number; expires: boolean; maxAgeDays: number }) => {
    try {
      await savePasswordPolicy({ minLength: v.minLength, requiredClasses: v.requiredClasses, historyCount: v.historyCount, maxAgeDays: v.expires ? v.maxAgeDays : null });
      await qc.invalidateQueries({ queryKey: ['password-policy'] });
      message.success('密码策略已保存');
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card title="密码策略">
      <Alert type="info" showIcon style={{ marginBottom: 16, maxWidth: 640 }} message="按网络安全等级保护（三级）要求设置。新策略对之后修改、重置和导入的密码生效；设置有效期后，超期的密码须在下次登录时修改。" />
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
        <Form.Item name="minLength" label="最小长度" rules={[{ required: true }]}><InputNumber min={8} max={64} addonAfter="位" /></Form.Item>
        <Form.Item name="requiredClasses" label="须包含的字符类型">
          <Checkbox.Group options={passwordClasses.map((c) => ({ value: c, label: passwordClassLabels[c] }))} />
        </Form.Item>
        <Form.Item name="historyCount" label="不得与最近几次使用过的密码相同" extra="0 表示不检查"><InputNumber min={0} max={24} addonAfter="次" /></Form.Item>
        <Form.Item name="expires" label="密码有效期" valuePropName="checked"><Switch checkedChildren="启用" unCheckedChildren="不过期" /></Form.Item>
        {expires && <Form.Item name="maxAgeDays" label="有效天数" rules={[{ required: true }]}><InputNumber min={1} max={3650} addonAfter="天" /></Form.Item>}
        <Button type="primary" htmlType="submit">保存</Button>
      </Form>
      {data && <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>当前策略：{data.description}{data.updatedAt && `（${fmtTime(data.updatedAt)} 修改）`}</Typography.Paragraph>}
    </Card>
  );
}
