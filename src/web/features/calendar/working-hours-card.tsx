import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { saveWorkingHours } from '../../api/calendar.js';
import { ApiError, errorText } from '../../api/client.js';

const clock = { pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, message: '格式应为 HH:MM' };

/** Working periods of a working day (Asia/Shanghai); day-counted limits end at the close of the last period. */
export function WorkingHoursCard({ periods, onSaved }: { periods: Array<[string, string]>; onSaved: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  useEffect(() => form.setFieldsValue({ periods: periods.map(([start, end]) => ({ start, end })) }), [periods, form]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await saveWorkingHours(v.periods.map((p: { start: string; end: string }) => [p.start, p.end]));
      message.success(`工作时间已保存${r.recompute.casesChanged ? `，${r.recompute.casesChanged} 件诉求的期限已重新计算` : ''}`);
      onSaved();
    } catch (err) {
      message.error(err instanceof ApiError && err.fieldErrors.length ? err.fieldErrors.map((f) => f.message).join('；') : errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="工作时间" size="small" extra={<Typography.Text type="secondary">时区：北京时间（Asia/Shanghai）</Typography.Text>}>
      <Form form={form} layout="inline">
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <Space orientation="vertical">
              {fields.map((f) => (
                <Space key={f.key}>
                  <Form.Item name={[f.name, 'start']} rules={[{ required: true, message: '必填' }, clock]}><Input style={{ width: 90 }} placeholder="08:30" /></Form.Item>
                  至
                  <Form.Item name={[f.name, 'end']} rules={[{ required: true, message: '必填' }, clock]}><Input style={{ width: 90 }} placeholder="12:00" /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ start: '', end: '' })} disabled={fields.length >= 6}>增加时段</Button>
                <Button type="primary" onClick={submit} loading={busy}>保存工作时间</Button>
              </Space>
            </Space>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
