import { App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { UnitNode } from '../../../contracts/org-units.js';
import { unitKindLabels, unitKinds } from '../../../domain/org/units.js';
import { errorText } from '../../api/client.js';

// The organisation's forms: every change asks for the date it takes effect (today by default, never later).

export const kindOptions = unitKinds.map((k) => ({ value: k, label: unitKindLabels[k] }));
const codeRule = { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, message: '单位编码只能由字母、数字、“-”和“_”组成，最长 32 位' };
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

export function DateField() {
  return (
    <Form.Item name="effectiveOn" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
      <DatePicker disabledDate={notFuture} allowClear={false} />
    </Form.Item>
  );
}

const dateOf = (v: { effectiveOn?: Dayjs }) => (v.effectiveOn ? v.effectiveOn.format('YYYY-MM-DD') : undefined);

/** What a form gives its submit: the fields as entered, the date as YYYY-MM-DD. */
export type FormValues = Record<string, unknown> & { effectiveOn?: string };

/**
 * A modal form whose submit calls `onSubmit`; a refusal shows in Chinese as a message and keeps it open. `onSubmit` may
 * answer the success message itself (a string), or `false` when it handled the outcome (no success message).
 */
export function UnitModal({ title, open, onClose, onSubmit, initial, children, okText = '确定' }: {
  title: string; open: boolean; onClose: () => void; onSubmit: (values: FormValues) => Promise<unknown>;
  initial?: Record<string, unknown>; children: React.ReactNode; okText?: string;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const said = await onSubmit({ ...values, effectiveOn: dateOf(values) });
      if (said !== false) message.success(typeof said === 'string' ? said : `${title}成功`);
      form.resetFields();
      onClose();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} open={open} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={okText} cancelText="取消" destroyOnHidden width={560}>
      <Form form={form} layout="vertical" initialValues={{ effectiveOn: dayjs(), ...initial }} preserve={false}>
        {children}
        <DateField />
      </Form>
    </Modal>
  );
}

export function UnitFields({ withParent, units }: { withParent?: boolean; units?: UnitNode[] }) {
  return (
    <>
      <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { max: 100, message: '单位名称最长 100 字' }]}>
        <Input placeholder="如：市教育局" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="code" label="单位编码" rules={[{ required: true, message: '请填写单位编码' }, codeRule]}>
            <Input placeholder="如：jyj" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select options={kindOptions} placeholder="请选择" />
          </Form.Item>
        </Col>
      </Row>
      {withParent && units && (
        <Form.Item name="parentId" label="上级单位">
          <Select allowClear showSearch optionFilterProp="label" placeholder="无（顶级单位）"
            options={units.filter((u) => u.isActive).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="phone" label="联系电话（对外服务电话）" rules={[{ max: 40, message: '联系电话最长 40 位' }]}>
            <Input placeholder="如：0734-12345" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="sortOrder" label="排序" extra="数字小的排在前">
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 拆分: one or more new units; the open cases and accounts go to one of them; the original may be retired. */
export function SplitFields() {
  return (
    <>
      <Form.List name="units" initialValue={[{}]}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'name']} label={i === 0 ? '新单位名称' : undefined} rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
                  <Input placeholder="新单位名称" />
                </Form.Item>
                <Form.Item name={[f.name, 'code']} label={i === 0 ? '单位编码' : undefined} rules={[{ required: true, message: '请填写单位编码' }, codeRule]}>
                  <Input placeholder="编码" style={{ width: 120 }} />
                </Form.Item>
                {fields.length > 1 && <Button type="link" onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 30 : 0 }}>删除</Button>}
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({})} block style={{ marginBottom: 16 }}>再设一个新单位</Button>
          </>
        )}
      </Form.List>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => (
          <Form.Item name="openWorkTo" label="在办诉求和账号转给">
            <Select allowClear placeholder="留在原单位"
              options={(getFieldValue('units') ?? []).map((u: { name?: string }, i: number) => ({ value: i, label: u?.name || `新单位 ${i + 1}` }))} />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="retire" valuePropName="checked" initialValue={false}>
        <Checkbox>拆分后撤销原单位（须指定承接在办诉求的新单位）</Checkbox>
      </Form.Item>
    </>
  );
}
