import { Form, Modal, Select, type ButtonProps } from 'antd';
import { issueOrder } from '../../api/supervision.js';
import { deadlineOf, OrderContentFields, useModalSubmit } from './order-forms.js';

/** 下发督办单 for one case, to one of the departments the server offers. */
export function IssueOrderModal({ caseId, targets, onClose, onDone }: { caseId: number; targets: { id: number; name: string }[]; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm();
  const { busy, run, message } = useModalSubmit();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await issueOrder(caseId, { departmentId: v.departmentId, level: v.level, demands: v.demands, deadline: deadlineOf(v)! });
      message.success('督办单已下发');
      onDone();
    });
  };
  return (
    <Modal open title="下发督办单" okText="下发" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden maskClosable={false}
      okButtonProps={{ loading: busy, 'data-testid': 'issue-order-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ departmentId: targets[0]?.id, level: 'normal' }}>
        <Form.Item name="departmentId" label="承办单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={targets.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
        <OrderContentFields placeholder="例如：请于期限内办结并书面答复办理结果" />
      </Form>
    </Modal>
  );
}
