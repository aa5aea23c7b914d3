import { Button, Card, DatePicker, Form, Input, Result, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import type { ItemDetail } from '../../../contracts/items.js';
import { errorText } from '../../api/client.js';
import { editItem, getItem, itemKeys } from '../../api/items.js';
import { MilestonesField, ResponsibilityFields, ScheduleFields, TargetsField, usePlanSave } from './plan-fields.js';

interface EditValues {
  title: string; description?: string; leaderName: string; leadDepartmentId: number; coDepartmentIds?: number[]; endDate: Dayjs;
  frequency: 'none' | 'monthly' | 'quarterly'; day?: number;
  targets?: { targetId?: number; name: string; measure: string; value: number; sites?: string }[];
  milestones?: { milestoneId?: number; done?: boolean; title: string; mode: 'date' | 'days'; date?: Dayjs; workingDays?: number }[];
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function initialValues(item: ItemDetail): EditValues {
  return {
    title: item.title, description: item.description, leaderName: item.leaderName, leadDepartmentId: item.leadDepartmentId, coDepartmentIds: item.coDepartmentIds,
    endDate: dayjs(item.endDate), frequency: item.schedule.frequency, day: item.schedule.day ?? 28,
    targets: item.targets.map((t) => ({ targetId: t.id, name: t.name, measure: t.measure, value: t.value, sites: t.sites.join('\n') })),
    milestones: item.milestones.map((m) => ({
      milestoneId: m.id, done: !!m.doneAt, title: m.title, mode: m.dueWorkingDays != null ? 'days' : 'date', date: dayjs(m.dueDate), workingDays: m.dueWorkingDays ?? undefined,
    })),
  };
}

/** 修改督办事项 (督查室): the plan of an open item; each save is one 修改事项 entry in the item's record. */
export default function ItemEditPage() {
  const id = Number(useParams().id);
  const { data: item, error } = useQuery({ queryKey: [...itemKeys, 'detail', id], queryFn: () => getItem(id) });
  if (error && !item) return <Result status="warning" title={errorText(error)} />;
  if (!item) return <Card><Skeleton active /></Card>;
  if (item.state === 'closed') return <Result status="info" title="督办事项已销号，不能再修改" />;
  return <EditForm item={item} />;
}

function EditForm({ item }: { item: ItemDetail }) {
  const [form] = Form.useForm<EditValues>();
  const navigate = useNavigate();
  const { busy, save } = usePlanSave();
  const submit = async (v: EditValues) => {
    const body = {
      title: v.title, description: v.description ?? '', leaderName: v.leaderName, leadDepartmentId: v.leadDepartmentId, coDepartmentIds: v.coDepartmentIds ?? [],
      endDate: day(v.endDate), schedule: v.frequency === 'none' ? { frequency: 'none' } : { frequency: v.frequency, day: v.day ?? 28 },
      targets: (v.targets ?? []).map((t) => ({ targetId: t.targetId, name: t.name, measure: t.measure, value: t.value, sites: (t.sites ?? '').split('\n').map((s) => s.trim()).filter(Boolean) })),
      milestones: (v.milestones ?? []).filter((m) => !m.done).map((m) => ({
        milestoneId: m.milestoneId, title: m.title, due: m.mode === 'days' ? { workingDays: m.workingDays ?? 0 } : { date: m.date ? day(m.date) : '' },
      })),
    };
    await save(async () => {
      await editItem(item.id, body);
      return { id: item.id };
    }, () => '督办事项已修改');
  };
  return (
    <Card title={`修改督办事项：${item.code}`}>
      <Form<EditValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 960 }} initialValues={initialValues(item)} data-testid="item-edit-form">
        <Form.Item name="title" label="事项名称" rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}><Input maxLength={200} data-testid="edit-title" /></Form.Item>
        <ResponsibilityFields leadTestId="edit-lead" leaderTestId="edit-leader" />
        <Form.Item name="description" label="工作要求"><Input.TextArea rows={2} maxLength={5000} /></Form.Item>
        <Space size={16} wrap>
          <Form.Item label="开始日期"><Input value={item.startDate} disabled style={{ width: 140 }} /></Form.Item>
          <Form.Item name="endDate" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}><DatePicker allowClear={false} /></Form.Item>
          <ScheduleFields />
        </Space>
        <TargetsField />
        <MilestonesField />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="edit-submit">保存修改</Button>
          <Button onClick={() => navigate(`/items/${item.id}`)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
