import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../api/client.js';
import { itemKeys } from '../../api/items.js';

/** 书面答复 an item's supervision order (the unit it was issued to). */
export function AnswerItemOrderModal({ itemId, orderId, onClose, answer }: {
  itemId: number; orderId: number; onClose(): void; answer(itemId: number, orderId: number, text: string): Promise<unknown>;
}) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onOk = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await answer(itemId, orderId, v.text);
      await qc.invalidateQueries({ queryKey: itemKeys });
      message.success('已答复');
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="书面答复督办单" okText="答复" cancelText="取消" onOk={onOk} onCancel={onClose} destroyOnHidden
      okButtonProps={{ loading: busy, 'data-testid': 'answer-ok' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="answer-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
