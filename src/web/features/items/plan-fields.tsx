import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Space, Tag } from 'antd';

// The plan's lists shared by 新建督办事项 and 修改督办事项: targets (name, value, measure, sites) and milestones (a date
// or N working days from the start). A row may carry a hidden id (targetId / milestoneId) when it is an existing one;
// a done milestone is shown but cannot change. The ids are hidden fields: the form hands back only the fields it has.

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
