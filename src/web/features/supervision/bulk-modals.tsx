import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { BulkResult } from '../../../contracts/supervision.js';
import { bulkInstruct, bulkIssueOrders } from '../../api/supervision.js';
import { deadlineOf, OrderContentFields, useModalSubmit } from './order-forms.js';

function useReport() {
  const { message, modal } = App.useApp();
  return (r: BulkResult, what: string) => {
    const failed = r.results.filter((x) => !x.ok);
    const ok = r.results.length - failed.length;
    if (!failed.length) return void message.success(`已${what} ${ok} 件`);
    modal.warning({
      title: `${what}：成功 ${ok} 件，未成功 ${failed.length} 件`,
      content: <ul style={{ paddingLeft: 18 }}>{failed.map((f) => <li key={f.caseId}>诉求 #{f.caseId}：{f.message}</li>)}</ul>,
    });
  };
}

/** Bulk: one order per selected case, to its lead department. */
export function BulkIssueModal({ caseIds, onClose, onDone }: { caseIds: number[]; onClose(): void; onDone(): void }) {
  const [form] = Form.useForm();
  const { busy, run } = useModalSubmit();
  const report = useReport();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      report(await bulkIssueOrders({ caseIds, level: v.level, demands: v.demands, deadline: deadlineOf(v)! }), '下发督办单');
      onDone();
    });
  };
  return (
    <Modal open title={`向 ${caseIds.length} 件诉求的主办单位下发督办单`} okText="下发" cancelText="取消" onOk={onOk} onCancel={onClose}
      okButtonProps={{ loading: busy }} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ level: 'normal' }}>
        <OrderContentFields />
      </Form>
    </Modal>
  );
}

/** Bulk: the same leader's instruction (领导批示) on each selected case. */
export function BulkInstructModal({ caseIds, onClose, onDone }: { caseIds: number[]; onClose(): void; onDone(): void }) {
  const [text, setText] = useState('');
  const { busy, run } = useModalSubmit();
  const report = useReport();
  const onOk = () => run(async () => {
    report(await bulkInstruct({ caseIds, text }), '批示');
    onDone();
  });
  return (
    <Modal open title={`对 ${caseIds.length} 件诉求作出批示`} okText="批示" cancelText="取消" onOk={onOk} onCancel={onClose}
      okButtonProps={{ loading: busy, disabled: !text.trim() }} destroyOnHidden>
      <Input.TextArea rows={4} maxLength={5000} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder="批示内容" />
    </Modal>
  );
}
