import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { CatalogueCategory } from '../../../contracts/catalogue.js';
import { errorText } from '../../api/client.js';
import { setCategoryStatus } from './api.js';

/** 停用 / 启用 a category with a reason and the date it holds from (today or earlier). */
export function StatusModal({ target, onClose, onDone }: { target: CatalogueCategory | null; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string; date: Dayjs }>();
  const [saving, setSaving] = useState(false);
  const activating = target ? !target.isActive : false;
  useEffect(() => {
    if (target) form.setFieldsValue({ reason: '', date: dayjs() });
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await setCategoryStatus(target.id, activating, { reason: v.reason, version: target.version, effectiveDate: v.date.format('YYYY-MM-DD') });
      message.success(activating ? '已启用' : '已停用');
      onDone();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={!!target} title={`${activating ? '启用' : '停用'}类别：${target?.name ?? ''}`} onCancel={onClose} onOk={() => void submit()}
      okText={activating ? '启用' : '停用'} okButtonProps={{ danger: !activating, 'data-testid': 'status-ok' } as never} confirmLoading={saving} destroyOnHidden>
      {!activating && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`停用后受理台、网站和 Open311 不再提供该类别；已有诉求（在办 ${target?.openCases ?? 0} 件）照常办理，名称保留。`} />
      )}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
          <Input.TextArea rows={3} maxLength={500} aria-label="原因" />
        </Form.Item>
        <Form.Item name="date" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} aria-label="生效日期" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
