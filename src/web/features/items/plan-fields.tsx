import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../api/client.js';
import { itemKeys } from '../../api/items.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';

// The plan's lists shared by 新建督办事项 and 修改督办事项: targets (name, value, measure, sites) and milestones (a date
// or N working days from the start). A row may carry a hidden id (targetId / milestoneId) when it is an existing one;
// a done milestone is shown but cannot change. The ids are hidden fields: the form hands back only the fields it has.

/** Saving either form: busy meanwhile; on success the items reload, `said` is shown and the item opens; a refusal is said. */
export function usePlanSave() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const save = async <T extends { id: number }>(write: () => Promise<T>, said: (saved: T) => string) => {
    setBusy(true);
    try {
      const saved = await write();
      await qc.invalidateQueries({ queryKey: itemKeys });
      message.success(said(saved));
      navigate(`/items/${saved.id}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
}

/** 责任领导, 牵头单位 and 配合单位, as both forms ask them. */
export function ResponsibilityFields({ leadTestId, leaderTestId }: { leadTestId: string; leaderTestId?: string }) {
  const org = useOrg();
  return (
    <Space size={16} wrap>
      <Form.Item name="leaderName" label="责任领导" rules={[{ required: true, whitespace: true, message: '请填写责任领导' }]}><Input style={{ width: 160 }} maxLength={50} data-testid={leaderTestId} /></Form.Item>
      <Form.Item name="leadDepartmentId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
        <Select showSearch options={org.handlingDepartmentGroups} filterOption={filterByLabel} style={{ width: 260 }} data-testid={leadTestId} />
      </Form.Item>
      <Form.Item name="coDepartmentIds" label="配合单位"><Select mode="multiple" showSearch options={org.handlingDepartmentGroups} filterOption={filterByLabel} style={{ width: 360 }} /></Form.Item>
    </Space>
  );
}

/** 报送周期 and 报送截止日 (the day only when reports are periodic); placed inside the caller's row. */
export function ScheduleFields() {
  return (
    <>
      <Form.Item name="frequency" label="报送周期"><Radio.Group options={[{ value: 'monthly', label: '每月' }, { value: 'quarterly', label: '每季度' }, { value: 'none', label: '不定期' }]} /></Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.frequency !== b.frequency}>
        {({ getFieldValue }) => getFieldValue('frequency') === 'none' ? null : (
          <Form.Item name="day" label="报送截止日"><InputNumber min={1} max={28} addonBefore="每期" addonAfter="日前" /></Form.Item>
        )}
      </Form.Item>
    </>
  );
}

/** 量化目标 (Form.List "targets"). */
export function TargetsField() {
  const form = Form.useFormInstance();
  return (
    <Card size="small" title="量化目标" style={{ marginBottom: 16 }}>
      <Form.List name="targets">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'targetId']} hidden><InputNumber /></Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '目标名称' }]}><Input placeholder="目标名称，如 希望小屋" style={{ width: 240 }} /></Form.Item>
                <Form.Item name={[f.name, 'value']} rules={[{ required: true, message: '目标值' }]}><InputNumber placeholder="目标值" min={0} style={{ width: 140 }} /></Form.Item>
                <Form.Item name={[f.name, 'measure']} rules={[{ required: true, whitespace: true, message: '单位' }]}><Input placeholder="计量单位，如 个" style={{ width: 120 }} /></Form.Item>
                <Form.Item name={[f.name, 'sites']}><Input.TextArea placeholder="点位地址（每行一个，可不填）" rows={1} style={{ width: 280 }} /></Form.Item>
                {form.getFieldValue(['targets', f.name, 'targetId']) == null ? <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} /> : null}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-target">添加目标</Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

/** 节点 (Form.List "milestones"); rows with done: true are read-only. */
export function MilestonesField() {
  const form = Form.useFormInstance();
  return (
    <Card size="small" title="节点" style={{ marginBottom: 16 }}>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const done = !!form.getFieldValue(['milestones', f.name, 'done']);
              return (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'milestoneId']} hidden><InputNumber /></Form.Item>
                <Form.Item name={[f.name, 'done']} hidden valuePropName="checked"><Input type="checkbox" /></Form.Item>
                <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '节点名称' }]}><Input placeholder="节点名称" style={{ width: 280 }} disabled={done} /></Form.Item>
                <Form.Item name={[f.name, 'mode']} initialValue="date"><Radio.Group disabled={done} options={[{ value: 'date', label: '指定日期' }, { value: 'days', label: '开始后工作日' }]} /></Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => getFieldValue(['milestones', f.name, 'mode']) === 'days' ? (
                    <Form.Item name={[f.name, 'workingDays']} rules={[{ required: true, message: '工作日数' }]}><InputNumber min={0} max={2000} addonAfter="个工作日" disabled={done} /></Form.Item>
                  ) : (
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: '节点日期' }]}><DatePicker disabled={done} /></Form.Item>
                  )}
                </Form.Item>
                {done ? <Tag color="success" style={{ marginTop: 6 }}>已完成</Tag> : null}
                {form.getFieldValue(['milestones', f.name, 'milestoneId']) == null ? <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} /> : null}
              </Space>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ mode: 'date' })} data-testid="add-milestone">添加节点</Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
