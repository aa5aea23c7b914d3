import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import type { Account } from '../../../contracts/people.js';
import { roles } from '../../../domain/case/status.js';
import { errorText } from '../../api/client.js';
import { createAccount, updateAccount } from '../../api/people.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { roleLabels } from '../../shared/labels.js';

const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

/** Create (account null) or edit an account: name, unit, roles (the first is the primary), e-mail, mobile. */
export function AccountDrawer({ account, open, onClose, onCreated, onSaved }: {
  account: Account | null; open: boolean; onClose: () => void; onCreated: (username: string, password: string) => void; onSaved: () => void;
}) {
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (account) form.setFieldsValue({ username: account.username, displayName: account.displayName, departmentId: account.departmentId, roles: account.roles, email: account.email ?? '', mobile: account.mobile ?? '' });
  }, [open, account, form]);
  const unitOptions = org.departments.map((d) => ({ value: d.id, label: d.name }));
  const submit = async (v: { username: string; displayName: string; departmentId: number; roles: Account['roles']; email: string; mobile: string }) => {
    try {
      if (account) {
        await updateAccount(account.id, { displayName: v.displayName, departmentId: v.departmentId, roles: v.roles, email: v.email || null, mobile: v.mobile || null });
        message.success('已保存');
        onSaved();
      } else {
        const r = await createAccount({ username: v.username, displayName: v.displayName, departmentId: v.departmentId, roles: v.roles, email: v.email || null, mobile: v.mobile || null });
        onCreated(r.account.username, r.oneTimePassword ?? '');
      }
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Drawer title={account ? `编辑账号：${account.displayName}` : '新增账号'} open={open} onClose={onClose} width={460} destroyOnHidden
      extra={<Space><Button onClick={onClose}>取消</Button><Button type="primary" onClick={() => form.submit()} data-testid="account-save">保存</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="account-form">
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[A-Za-z0-9._-]{2,64}$/, message: '只能包含字母、数字、点、下划线和连字符，2–64 位' }]}>
          <Input disabled={!!account} data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}><Input data-testid="account-name" /></Form.Item>
        <Form.Item name="departmentId" label="所属单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select showSearch options={unitOptions} filterOption={filterByLabel} placeholder="输入单位名称搜索" data-testid="account-unit" />
        </Form.Item>
        <Form.Item name="roles" label="角色" extra="可选多个角色，第一个为主要角色。" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Select mode="multiple" options={roleOptions} data-testid="account-roles" />
        </Form.Item>
        <Form.Item name="email" label="电子邮箱" rules={[{ type: 'email', message: '邮箱格式不正确' }]}><Input /></Form.Item>
        <Form.Item name="mobile" label="手机号" rules={[{ pattern: /^1\d{10}$/, message: '手机号为 11 位数字' }]}><Input /></Form.Item>
      </Form>
    </Drawer>
  );
}
