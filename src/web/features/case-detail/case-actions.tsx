import { App, Button, Form, Modal, Space, Typography, type ButtonProps } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseDetail } from '../../../contracts/cases.js';
import type { CommandType } from '../../../domain/case/types.js';
import { runCommand } from '../../api/cases.js';
import { ApiError, errorText } from '../../api/client.js';
import { useUser } from '../../app/auth-context.js';
import { useOrg } from '../../app/org-context.js';
import { commandLabels } from '../../shared/labels.js';
import { useIsDepartmentStaff } from '../../shared/can.js';
import { commandSpecs } from './command-specs.js';

// The step that moves the case forward comes first and is the primary button.
const forward: CommandType[] = ['sign', 'dispatch', 'accept', 'reply', 'sub-reply', 'opinion', 'approve-reply', 'approve-return', 'approve-extension', 'rate', 'redo', 'close', 'resume', 'instruct'];

function CommandModal({ c, command, onClose, onDone }: { c: CaseDetail; command: CommandType; onClose(): void; onDone(next: CaseDetail): void }) {
  const org = useOrg();
  const user = useUser();
  const me = { isDepartmentStaff: useIsDepartmentStaff(), departmentId: user.departmentId };
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const spec = commandSpecs[command];
  const run = useMutation({ mutationFn: (body: Record<string, unknown>) => runCommand(c.id, command, body) });

  const onOk = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      const next = await run.mutateAsync(spec.body ? spec.body({ ...form.getFieldsValue(true), ...values }, c, me) : {});
      message.success(spec.success);
      onDone(next);
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.length) {
        form.setFields(e.fieldErrors.filter((f) => form.getFieldInstance(f.field) !== undefined).map((f) => ({ name: f.field, errors: [f.message] })));
      }
      message.error(errorText(e));
    }
  };

  return (
    <Modal
      open
      title={`${commandLabels[command]} · ${c.code}`}
      okText={`确认${commandLabels[command]}`}
      cancelText="取消"
      okButtonProps={{ danger: spec.danger, loading: run.isPending, 'data-testid': 'command-ok' } as ButtonProps}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
      width={spec.fields ? 600 : 440}
      maskClosable={false}
    >
      {spec.intro && <div style={{ marginBottom: 12 }}>{spec.intro(c)}</div>}
      <Form form={form} layout="vertical" initialValues={spec.initial?.(c, org, me)} preserve={false}>
        {spec.fields?.(c, org, me)}
      </Form>
    </Modal>
  );
}

/** The buttons the server allows for this user on this case, and nothing else. */
export function CaseActions({ c, onChanged }: { c: CaseDetail; onChanged(next: CaseDetail): void }) {
  const [open, setOpen] = useState<CommandType | null>(null);
  if (!c.allowedActions.length) return <Typography.Text type="secondary">当前没有需要您办理的操作</Typography.Text>;
  const ordered = [...c.allowedActions].sort((a, b) => (forward.includes(a) ? forward.indexOf(a) : 99) - (forward.includes(b) ? forward.indexOf(b) : 99));
  return (
    <>
      <Space wrap>
        {ordered.map((cmd, i) => (
          <Button key={cmd} type={i === 0 ? 'primary' : 'default'} danger={commandSpecs[cmd].danger} onClick={() => setOpen(cmd)} data-testid={`action-${cmd}`}>
            {commandLabels[cmd]}
          </Button>
        ))}
      </Space>
      {open && <CommandModal c={c} command={open} onClose={() => setOpen(null)} onDone={(next) => { setOpen(null); onChanged(next); }} />}
    </>
  );
}
