import { App, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { CalendarDayDto } from '../../../contracts/calendar.js';
import { deleteDay, saveDay } from '../../api/calendar.js';
import { errorText, ApiError } from '../../api/client.js';

interface Props {
  open: boolean;
  date: string | null;
  year: number;
  existing: CalendarDayDto | undefined;
  onClose: () => void;
  onSaved: () => void;
}

/** Add, change or remove one day of the selected year's arrangement. */
export function DayEditor({ open, date, year, existing, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (open) {
      form.setFieldsValue({ date: date ?? '', kind: existing?.kind ?? 'holiday', name: existing?.name ?? '' });
      setProblems([]);
    }
  }, [open, date, existing, form]);

  const done = (r: { recompute: { casesChanged: number } }) => {
    message.success(`已保存${r.recompute.casesChanged ? `，${r.recompute.casesChanged} 件诉求的期限已重新计算` : ''}`);
    onSaved();
  };
  const fail = (err: unknown) => {
    setProblems(err instanceof ApiError && err.fieldErrors.length ? err.fieldErrors.map((f) => f.message) : [errorText(err)]);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      done(await saveDay({ date: v.date.trim(), kind: v.kind, name: v.name ?? '', year: existing?.year ?? year }));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!existing) return;
    setBusy(true);
    try {
      done(await deleteDay(existing.date));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={existing ? `修改 ${existing.date}` : '新增日期'}
      onCancel={onClose}
      footer={
        <Space>
          {existing && <Button danger onClick={remove} loading={busy}>删除（恢复为普通日）</Button>}
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" onClick={submit} loading={busy}>保存</Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请输入日期' }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式应为 YYYY-MM-DD' }]}>
          <Input placeholder="2027-10-01" disabled={!!existing} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group options={[{ value: 'holiday', label: '放假' }, { value: 'makeup_workday', label: '调休上班（须为周六或周日）' }]} />
        </Form.Item>
        <Form.Item name="name" label="节日名称">
          <Input maxLength={50} placeholder="国庆节" />
        </Form.Item>
      </Form>
      {problems.length > 0 && (
        <ul data-testid="day-problems" style={{ color: '#b91c1c', paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
      )}
    </Modal>
  );
}
