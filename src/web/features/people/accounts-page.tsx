import { App, Button, Card, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Account } from '../../../contracts/people.js';
import { roles, type Role } from '../../../domain/case/status.js';
import { errorText } from '../../api/client.js';
import { fetchAccounts, resetAccountPassword, setAccountActive } from '../../api/people.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { useUser } from '../../app/auth-context.js';
import { fmtDate } from '../../shared/format.js';
import { roleLabels } from '../../shared/labels.js';
import { AccountDrawer } from './account-drawer.js';
import { ImportAccountsModal } from './import-modal.js';
import { OneTimePasswordModal } from './one-time-password-modal.js';
import { SessionsDrawer } from './sessions-drawer.js';

/** 账号管理: search, create, edit, roles, deactivate/reactivate, reset password, sessions, unlock, import. */
export default function AccountsPage() {
  const { message } = App.useApp();
  const me = useUser();
  const org = useOrg();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [departmentId, setDepartmentId] = useState<number | undefined>();
  const [status, setStatus] = useState<'active' | 'inactive' | 'all'>('active');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const query = { q: q || undefined, role, departmentId, status, offset: (page - 1) * pageSize, limit: pageSize };
  const { data, isFetching } = useQuery({ queryKey: ['accounts', query], queryFn: () => fetchAccounts(query) });
  const [editing, setEditing] = useState<Account | null | undefined>(undefined);
  const [otp, setOtp] = useState<{ username: string; password: string } | null>(null);
  const [sessionsOf, setSessionsOf] = useState<Account | null>(null);
  const [importing, setImporting] = useState(false);
  const reload = () => qc.invalidateQueries({ queryKey: ['accounts'] });

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const reset = async (a: Account) => {
    try {
      const r = await resetAccountPassword(a.id);
      setOtp({ username: a.username, password: r.oneTimePassword ?? '' });
      await reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card title="账号管理" extra={<Space><Button onClick={() => setImporting(true)}>导入账号</Button><Button type="primary" onClick={() => setEditing(null)} data-testid="account-new">新增账号</Button></Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="姓名、用户名或单位" allowClear style={{ width: 240 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="account-search" />
        <Select placeholder="角色" allowClear style={{ width: 160 }} value={role} onChange={(v) => { setRole(v); setPage(1); }} options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
        <Select placeholder="单位" allowClear showSearch filterOption={filterByLabel} style={{ width: 240 }} value={departmentId} onChange={(v) => { setDepartmentId(v); setPage(1); }} options={org.departments.map((d) => ({ value: d.id, label: d.name }))} />
        <Radio.Group value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }} optionType="button"
          options={[{ value: 'active', label: '启用' }, { value: 'inactive', label: '已停用' }, { value: 'all', label: '全部' }]} />
      </Space>
      <Table<Account>
        rowKey="id" size="middle" loading={isFetching} dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个账号`, showSizeChanger: false }}
        columns={[
          { title: '姓名', dataIndex: 'displayName', render: (v: string, r) => <>{v}{r.id === me.id && <Tag color="blue" style={{ marginLeft: 6 }}>本人</Tag>}</> },
          { title: '用户名', dataIndex: 'username' },
          { title: '单位', dataIndex: 'departmentName' },
          { title: '角色', dataIndex: 'roles', render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{roleLabels[r]}</Tag>) },
          { title: '状态', key: 's', width: 150, render: (_: unknown, r) => (
            <Space size={4} wrap>
              {r.isActive ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
              {r.mustChangePassword && r.isActive && <Tag color="orange">待改密码</Tag>}
            </Space>
          ) },
          { title: '在线会话', dataIndex: 'activeSessions', width: 90 },
          { title: '创建日期', dataIndex: 'createdAt', width: 110, render: (v: string) => fmtDate(v) },
          { title: '操作', key: 'op', width: 300, render: (_: unknown, r) => (
            <Space size={0} wrap>
              <Button type="link" size="small" onClick={() => setEditing(r)}>编辑</Button>
              <Popconfirm title={`重置「${r.displayName}」的密码？`} description="将生成一次性密码，此人已登录的会话全部结束。" okText="重置" cancelText="取消" onConfirm={() => reset(r)}>
                <Button type="link" size="small" data-testid={`reset-${r.username}`}>重置密码</Button>
              </Popconfirm>
              <Button type="link" size="small" onClick={() => setSessionsOf(r)}>会话与锁定</Button>
              {r.isActive
                ? <Popconfirm title={`停用「${r.displayName}」？`} description="停用后不能登录，历史记录保留。" okText="停用" cancelText="取消" onConfirm={() => act(() => setAccountActive(r.id, false), '已停用')}>
                    <Button type="link" size="small" danger>停用</Button>
                  </Popconfirm>
                : <Button type="link" size="small" onClick={() => act(() => setAccountActive(r.id, true), '已启用')}>启用</Button>}
            </Space>
          ) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>账号不会被删除：停用后历史记录中仍显示其姓名。</Typography.Paragraph>
      <AccountDrawer account={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)}
        onCreated={(username, password) => { setOtp({ username, password }); void reload(); }} onSaved={() => void reload()} />
      <OneTimePasswordModal value={otp} onClose={() => setOtp(null)} />
      <SessionsDrawer account={sessionsOf} onClose={() => setSessionsOf(null)} />
      <ImportAccountsModal open={importing} onClose={() => setImporting(false)} onImported={() => void reload()} />
    </Card>
  );
}
