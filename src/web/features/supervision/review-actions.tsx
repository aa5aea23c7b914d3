import { Button, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CentreRow } from '../../../contracts/supervision.js';
import { runCommand } from '../../api/cases.js';
import { useModalSubmit } from './order-forms.js';

/**
 * Pending extension and return requests in the centre. Extensions are decided inline with the lifecycle's own
 * commands; a return needs the new lead department, so it links to the case page where that form lives.
 */
export function ReviewActions({ row, canDecide, onChanged }: { row: CentreRow; canDecide: boolean; onChanged(): void }) {
  const { run: submit, message } = useModalSubmit();
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState('');
  const run = (cmd: 'approve-extension' | 'deny-extension', body: Record<string, unknown> = {}) => submit(async () => {
    await runCommand(row.id, cmd, body);
    message.success(cmd === 'approve-extension' ? '已同意延期' : '已驳回延期');
    setDenying(false);
    onChanged();
  });
  if (!row.pendingExtension && !row.pendingReturn) return null;
  return (
    <Space size={4} wrap>
      {row.pendingExtension && canDecide && (
        <>
          <Popconfirm title="同意该延期申请？" okText="同意" cancelText="取消" onConfirm={() => run('approve-extension')}>
            <Button size="small" type="link" data-testid="approve-extension">同意延期</Button>
          </Popconfirm>
          <Button size="small" type="link" danger onClick={() => setDenying(true)}>驳回延期</Button>
        </>
      )}
      {row.pendingExtension && !canDecide && <Link to={`/cases/${row.id}`}>延期待审</Link>}
      {row.pendingReturn && <Link to={`/cases/${row.id}`}>审核退单</Link>}
      {denying && (
        <Modal open title={`驳回延期 · ${row.code}`} okText="驳回" okButtonProps={{ danger: true, disabled: !reason.trim() }} cancelText="取消"
          onOk={() => run('deny-extension', { reason })} onCancel={() => setDenying(false)} destroyOnHidden>
          <Input.TextArea rows={3} maxLength={5000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="驳回理由" />
        </Modal>
      )}
    </Space>
  );
}
