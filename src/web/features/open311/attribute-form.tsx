import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import {
  open311DatatypeLabels, open311Datatypes, open311ListDatatypes, type Open311AdminAttribute, type Open311AttributeInput, type Open311Datatype,
} from '../../../contracts/open311-attributes.js';
import { ApiError, errorText } from '../../api/client.js';

interface Values {
  code: string;
  description: string;
  datatype: Open311Datatype;
  required: boolean;
  variable: boolean;
  datatypeDescription?: string;
  values?: { key: string; name: string }[];
}

// Which form field an API refusal belongs to, so the message shows beside it.
const fieldOfCode: Record<string, keyof Values> = { OPEN311_ATTRIBUTE_CODE_TAKEN: 'code' };

/** Add or edit one attribute of a service. `editing`: undefined = closed, null = new. */
export function AttributeForm({ editing, onClose, onSave }: {
  editing: Open311AdminAttribute | null | undefined;
  onClose: () => void;
  onSave: (body: Open311AttributeInput) => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const datatype = Form.useWatch('datatype', form);
  const variable = Form.useWatch('variable', form);
  const isList = !!datatype && open311ListDatatypes.includes(datatype);

  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    form.setFieldsValue(editing
      ? { ...editing, values: editing.values.length ? editing.values : undefined }
      : { datatype: 'string', required: false, variable: true, datatypeDescription: '' });
  }, [editing, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await onSave({
        code: v.code, description: v.description, datatype: v.datatype, required: v.variable ? v.required : false, variable: v.variable,
        datatypeDescription: v.datatypeDescription ?? '', values: open311ListDatatypes.includes(v.datatype) ? v.values ?? [] : [],
      });
    } catch (err) {
      const field = err instanceof ApiError ? fieldOfCode[err.code] : undefined;
      if (field) form.setFields([{ name: field, errors: [err instanceof ApiError ? err.message : ''] }]);
      else message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={editing ? `修改属性「${editing.code}」` : '新增属性'} open={editing !== undefined} onOk={submit} onCancel={onClose}
      confirmLoading={busy} okText="保存" cancelText="取消" width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'attribute-save' } as ButtonProps}
    >
      <Form form={form} layout="vertical" data-testid="attribute-form">
        <Form.Item label="属性代码" name="code" extra="接入方提交时使用 attribute[代码]=值；以字母开头，只含字母、数字和下划线"
          rules={[{ required: true, message: '请填写属性代码' }, { pattern: /^[A-Za-z][A-Za-z0-9_]*$/, message: '属性代码须以字母开头，只含字母、数字和下划线' }, { max: 40, message: '属性代码不超过 40 个字符' }]}>
          <Input placeholder="例如：receipt" autoFocus />
        </Form.Item>
        <Form.Item label="属性说明（提问）" name="description" rules={[{ required: true, whitespace: true, message: '请填写属性说明（提问）' }, { max: 200, message: '属性说明不超过 200 字' }]}>
          <Input placeholder="例如：是否有收费票据" />
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item label="数据类型" name="datatype" rules={[{ required: true, message: '请选择数据类型' }]}>
            <Select style={{ width: 160 }} options={open311Datatypes.map((d) => ({ value: d, label: `${open311DatatypeLabels[d]}（${d}）` }))} />
          </Form.Item>
          <Form.Item label="需要填写" name="variable" valuePropName="checked" tooltip="关闭时此属性只作说明，接入方无需填写">
            <Switch />
          </Form.Item>
          <Form.Item label="必填" name="required" valuePropName="checked">
            <Switch disabled={variable === false} />
          </Form.Item>
        </Space>
        <Form.Item label="填写提示" name="datatypeDescription" rules={[{ max: 200, message: '填写提示不超过 200 字' }]}>
          <Input placeholder="例如：请选择一项；金额以元为单位" />
        </Form.Item>
        {isList && (
          <Form.List name="values" rules={[{ validator: async (_, list?: unknown[]) => { if (!list?.length) throw new Error('单选、多选类型的属性须至少有一个选项'); } }]}>
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label="选项" required>
                <Typography.Text type="secondary">接入方提交选项值，工作人员在诉求中看到选项名称。</Typography.Text>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'key']} noStyle rules={[{ required: true, message: '请填写选项值' }, { pattern: /^[A-Za-z0-9_.-]+$/, message: '选项值只能含字母、数字、下划线、连字符和点' }]}>
                      <Input placeholder="选项值，如 yes" style={{ width: 180 }} aria-label={`选项值 ${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, whitespace: true, message: '请填写选项名称' }]}>
                      <Input placeholder="选项名称，如 是" style={{ width: 240 }} aria-label={`选项名称 ${i + 1}`} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={`删除选项 ${i + 1}`} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', name: '' })} style={{ marginTop: 8 }} disabled={fields.length >= 100} data-testid="attribute-add-value">
                  增加选项
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}
