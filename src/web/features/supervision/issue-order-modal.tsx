import { App, Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/client.js';
import { issueOrder } from '../../api/supervision.js';
import { DeadlineFields, deadlineOf, LevelSelect } from './order-forms.js';

/** 下发督办单 for one case, to one of the departments the server offers. */
export function IssueOrderModal({ caseId, targets, onClose, onDone }: { caseId: number; targets: { id: number; name: string }[]; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await issueOrder(caseId, { departmentId: v.departmentId, level: v.level, demands: v.demands, deadline: deadlineOf(v)! });
      message.success('督办单已下发');
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="下发督办单" okText="下发" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden maskClosable={false}
      okButtonProps={{ loading: busy, 'data-testid': 'issue-order-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ departmentId: targets[0]?.id, level: 'normal' }}>
        <Form.Item name="departmentId" label="承办单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={targets.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
        <Form.Item name="level" label="督办等级"><LevelSelect /></Form.Item>
        <Form.Item name="demands" label="督办要求" rules={[{ required: true, whitespace: true, message: '请填写督办要求' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="例如：请于期限内办结并书面答复办理结果" />
        </Form.Item>
        <DeadlineFields />
      </Form>
    </Modal>
  );
}
