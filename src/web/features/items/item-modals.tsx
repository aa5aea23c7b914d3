import { App, Checkbox, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ItemDetail } from '../../../contracts/items.js';
import { errorText } from '../../api/client.js';
import { closeItem, issueItemOrder, itemKeys, reportProgress, reviewReport } from '../../api/items.js';
import { DeadlineFields, deadlineOf, LevelSelect } from '../supervision/order-forms.js';
import { warningText } from './labels.js';
import { EvidenceInput, type UploadedEvidence } from './evidence-field.js';

/** A modal's submit: busy button, the server's Chinese error, the item reloaded after success. */
function useSubmit() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: (work: () => Promise<void>) => work(),
    onSuccess: () => qc.invalidateQueries({ queryKey: itemKeys }),
    onError: (e) => void message.error(errorText(e)),
  });
  return { busy: m.isPending, run: (work: () => Promise<void>) => m.mutateAsync(work).catch(() => undefined), message };
}

/** 报送进展: text, figures per target, the milestones finished. */
export function ReportModal({ item, onClose }: { item: ItemDetail; onClose(): void }) {
  const [form] = Form.useForm();
  const { busy, run, message } = useSubmit();
  const open = item.milestones.filter((m) => !m.doneAt);
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      const figures = item.targets.flatMap((t) => (typeof v[`t${t.id}`] === 'number' ? [{ targetId: t.id, value: v[`t${t.id}`] as number }] : []));
      const fileIds = ((v.files ?? []) as UploadedEvidence[]).map((f) => f.id);
      const r = await reportProgress(item.id, { text: v.text, figures, milestoneIds: v.milestoneIds ?? [], fileIds });
      if (r.warnings.length) message.warning(r.warnings.map((w) => warningText(w.code)).join('；'));
      else message.success('进展已报送');
      onClose();
    });
  };
  return (
    <Modal open title="报送进展" okText="报送" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden maskClosable={false} width={640}
      okButtonProps={{ loading: busy, 'data-testid': 'report-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label="进展情况" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="report-text" />
        </Form.Item>
        {item.targets.map((t) => (
          <Form.Item key={t.id} name={`t${t.id}`} label={`${t.name}（目标 ${t.value} ${t.measure}，累计完成）`}>
            <InputNumber min={0} addonAfter={t.measure} style={{ width: 240 }} data-testid={`figure-${t.id}`} />
          </Form.Item>
        ))}
        {open.length ? (
          <Form.Item name="milestoneIds" label="本期完成的节点">
            <Checkbox.Group options={open.map((m) => ({ value: m.id, label: `${m.title}（${m.dueDate}）` }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="files" label="佐证材料"><EvidenceInput itemId={item.id} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 退回进展报告 with a reason. */
export function ReturnReportModal({ itemId, reportId, onClose }: { itemId: number; reportId: number; onClose(): void }) {
  const [form] = Form.useForm();
  const { busy, run, message } = useSubmit();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await reviewReport(itemId, reportId, { decision: 'return', reason: v.reason });
      message.success('已退回');
      onClose();
    });
  };
  return (
    <Modal open title="退回进展报告" okText="退回" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden okButtonProps={{ loading: busy, danger: true }}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, message: '请填写退回理由' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 下发督办单 on an item, to its lead unit or a co-unit. */
export function ItemOrderModal({ item, onClose }: { item: ItemDetail; onClose(): void }) {
  const [form] = Form.useForm();
  const { busy, run, message } = useSubmit();
  const units = [{ value: item.leadDepartmentId, label: `${item.leadDepartmentName}（牵头）` }, ...item.coDepartments.map((d) => ({ value: d.id, label: `${d.name}（配合）` }))];
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await issueItemOrder(item.id, { departmentId: v.departmentId, level: v.level, demands: v.demands, deadline: deadlineOf(v)! });
      message.success('督办单已下发');
      onClose();
    });
  };
  return (
    <Modal open title="下发督办单" okText="下发" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden maskClosable={false}
      okButtonProps={{ loading: busy, 'data-testid': 'item-order-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ departmentId: item.leadDepartmentId, level: 'yellow' }}>
        <Form.Item name="departmentId" label="被督办单位" rules={[{ required: true }]}><Select options={units} /></Form.Item>
        <Form.Item name="level" label="督办等级"><LevelSelect /></Form.Item>
        <Form.Item name="demands" label="督办要求" rules={[{ required: true, whitespace: true, message: '请填写督办要求' }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="item-order-demands" />
        </Form.Item>
        <DeadlineFields />
      </Form>
    </Modal>
  );
}

/** 销号 on evidence. */
export function CloseItemModal({ item, onClose }: { item: ItemDetail; onClose(): void }) {
  const [form] = Form.useForm();
  const { busy, run, message } = useSubmit();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(async () => {
      await closeItem(item.id, v.evidence);
      message.success('已销号');
      onClose();
    });
  };
  return (
    <Modal open title={`销号：${item.title}`} okText="确认销号" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden
      okButtonProps={{ loading: busy, 'data-testid': 'close-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="evidence" label="完成情况及佐证材料" rules={[{ required: true, whitespace: true, message: '销号须填写完成情况和佐证材料说明' }]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="close-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
