import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, type ButtonProps, type SelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order } from '../../../contracts/supervision.js';
import type { OrderAction, OrderLevel } from '../../../domain/supervision/types.js';
import { errorText } from '../../api/client.js';
import { answerOrder, closeOrder, raiseOrder, supervisionKeys, type OrderDeadline } from '../../api/supervision.js';
import { orderActionLabels, orderLevelLabels } from './labels.js';
import { attachmentField, attachmentsBody } from '../../shared/attachment-field.js';

const levels: OrderLevel[] = ['normal', 'yellow', 'red'];

/** Deadline as N working days or a date; the form keeps both and sends the chosen one. */
export function DeadlineFields({ optional = false }: { optional?: boolean }) {
  return (
    <>
      <Form.Item name="deadlineMode" label="办理时限" initialValue={optional ? 'keep' : 'days'}>
        <Radio.Group options={[...(optional ? [{ value: 'keep', label: '不变' }] : []), { value: 'days', label: '工作日数' }, { value: 'date', label: '指定日期' }]} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.deadlineMode !== b.deadlineMode}>
        {({ getFieldValue }) => getFieldValue('deadlineMode') === 'days' ? (
          <Form.Item name="workingDays" initialValue={3} rules={[{ required: true, message: '请填写工作日数' }]} extra="自今日起算，当日不计入">
            <InputNumber min={1} max={60} addonAfter="个工作日" />
          </Form.Item>
        ) : getFieldValue('deadlineMode') === 'date' ? (
          <Form.Item name="date" rules={[{ required: true, message: '请选择日期' }]} extra="当日下班（17:30）前答复">
            <DatePicker />
          </Form.Item>
        ) : null}
      </Form.Item>
    </>
  );
}

export function deadlineOf(v: { deadlineMode?: string; workingDays?: number; date?: Dayjs }): OrderDeadline | undefined {
  if (v.deadlineMode === 'days') return { workingDays: v.workingDays ?? 3 };
  if (v.deadlineMode === 'date' && v.date) return { date: v.date.format('YYYY-MM-DD') };
  return undefined;
}

/** A level picker for Form.Item: value, onChange and id come from the form and must reach the Select. */
export function LevelSelect({ above, ...rest }: { above?: OrderLevel } & SelectProps<OrderLevel>) {
  const allowed = above ? levels.filter((l) => levels.indexOf(l) > levels.indexOf(above)) : levels;
  return <Select {...rest} options={allowed.map((l) => ({ value: l, label: `${orderLevelLabels[l].text}督办` }))} style={{ width: 160 }} />;
}

/**
 * A modal's submit: keeps the button busy and shows the server's Chinese error; the modal stays open on failure.
 * Any supervision write changes orders and cases, so both are reloaded after it.
 */
export function useModalSubmit() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: (work: () => Promise<void>) => work(),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: supervisionKeys }), qc.invalidateQueries({ queryKey: ['cases'] })]),
    onError: (e) => void message.error(errorText(e)),
  });
  const run = (work: () => Promise<void>) => m.mutateAsync(work).catch(() => undefined);
  return { busy: m.isPending, run, message };
}

/** What an order demands: level, written demands and the deadline (issuing one order or many). */
export function OrderContentFields({ placeholder }: { placeholder?: string }) {
  return (
    <>
      <Form.Item name="level" label="督办等级"><LevelSelect /></Form.Item>
      <Form.Item name="demands" label="督办要求" rules={[{ required: true, whitespace: true, message: '请填写督办要求' }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount placeholder={placeholder} />
      </Form.Item>
      <DeadlineFields />
    </>
  );
}

/** One modal for the three actions on an order; shows only what the server offered. */
export function OrderActionModal({ order, action, onClose, onDone }: { order: Order; action: OrderAction; onClose(): void; onDone(o: Order): void }) {
  const [form] = Form.useForm();
  const { busy, run, message } = useModalSubmit();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      const next = action === 'answer' ? await answerOrder(order.id, v.text, attachmentsBody(v).attachments)
        : action === 'raise' ? await raiseOrder(order.id, { level: v.level, reason: v.reason, deadline: deadlineOf(v) })
          : await closeOrder(order.id, v.reason || undefined);
      message.success(`${orderActionLabels[action]}成功`);
      onDone(next);
    });
  };
  return (
    <Modal open title={`${orderActionLabels[action]} · ${order.code}`} okText="确认" cancelText="取消" onOk={onOk} onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'order-action-ok' } as ButtonProps} destroyOnHidden maskClosable={false}>
      <Form form={form} layout="vertical" preserve={false}>
        {action === 'answer' && (
          <Form.Item name="text" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
            <Input.TextArea rows={6} maxLength={5000} showCount placeholder="办理情况、整改措施及结果" />
          </Form.Item>
        )}
        {action === 'answer' && attachmentField(order.caseId)}
        {action === 'raise' && (
          <>
            <Form.Item name="level" label="提升至" rules={[{ required: true, message: '请选择等级' }]}><LevelSelect above={order.level} /></Form.Item>
            <Form.Item name="reason" label="提升理由" rules={[{ required: true, whitespace: true, message: '请填写理由' }]}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
            <DeadlineFields optional />
          </>
        )}
        {action === 'close' && (
          <Form.Item name="reason" label="办结意见" rules={order.state === 'answered' ? [] : [{ required: true, whitespace: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} maxLength={5000} placeholder={order.state === 'answered' ? '答复已认可' : ''} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
