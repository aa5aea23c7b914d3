import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import { MilestonesField, ResponsibilityFields, ScheduleFields, TargetsField, usePlanSave } from './plan-fields.js';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import type { CreateItemInput } from '../../../contracts/items.js';
import { createItem } from '../../api/items.js';
import { sourceOptions } from './labels.js';

interface FormValues {
  title: string; sourceKind: CreateItemInput['sourceKind']; sourceRef?: string; sourceDate?: Dayjs; sourceWords?: string; leaderName: string;
  leadDepartmentId: number; coDepartmentIds?: number[]; description?: string; range: [Dayjs, Dayjs]; frequency: 'none' | 'monthly' | 'quarterly'; day?: number;
  targets?: { name: string; measure: string; value: number; sites?: string }[];
  milestones?: { title: string; mode: 'date' | 'days'; date?: Dayjs; workingDays?: number }[];
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 新建督办事项: source, leader, units, targets, milestones (a date or N working days from the start) and the report schedule. */
export default function ItemFormPage() {
  const [form] = Form.useForm<FormValues>();
  const navigate = useNavigate();
  const { busy, save } = usePlanSave();
  const submit = async (v: FormValues) => {
    const body: CreateItemInput = {
      title: v.title, sourceKind: v.sourceKind, sourceRef: v.sourceRef ?? '', sourceDate: v.sourceDate ? day(v.sourceDate) : null, sourceWords: v.sourceWords || null,
      leaderName: v.leaderName, leadDepartmentId: v.leadDepartmentId, coDepartmentIds: v.coDepartmentIds ?? [], description: v.description ?? '',
      startDate: day(v.range[0]), endDate: day(v.range[1]),
      schedule: v.frequency === 'none' ? { frequency: 'none' } : { frequency: v.frequency, day: v.day ?? 28 },
      targets: (v.targets ?? []).map((t) => ({ name: t.name, measure: t.measure, value: t.value, sites: (t.sites ?? '').split('\n').map((s) => s.trim()).filter(Boolean) })),
      milestones: (v.milestones ?? []).map((m) => ({ title: m.title, due: m.mode === 'days' ? { workingDays: m.workingDays ?? 0 } : { date: m.date ? day(m.date) : '' } })),
    };
    await save(() => createItem(body), (item) => `督办事项 ${item.code} 已创建`);
  };
  return (
    <Card title="新建督办事项">
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 960 }}
        initialValues={{ sourceKind: 'meeting', frequency: 'monthly', day: 28, targets: [], milestones: [] }}>
        <Form.Item name="title" label="事项名称" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}><Input maxLength={200} /></Form.Item>
        <Space size={16} wrap>
          <Form.Item name="sourceKind" label="来源" rules={[{ required: true }]}><Select options={sourceOptions} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="sourceRef" label="来源依据（会议、文件或批示）"><Input style={{ width: 320 }} maxLength={500} /></Form.Item>
          <Form.Item name="sourceDate" label="会议或批示日期"><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="sourceWords" label="原文摘录（会议纪要、批示原文）"><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
        <ResponsibilityFields leadTestId="item-lead" />
        <Form.Item name="description" label="工作要求"><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
        <Space size={16} wrap>
          <Form.Item name="range" label="开始日期 — 完成时限" rules={[{ required: true, message: '请选择起止日期' }]}><DatePicker.RangePicker data-testid="item-range" /></Form.Item>
          <ScheduleFields />
        </Space>
        <TargetsField />
        <MilestonesField />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="item-submit">创建督办事项</Button>
          <Button onClick={() => navigate('/items')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
