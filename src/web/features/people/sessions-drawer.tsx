import { App, Button, Drawer, Empty, Popconfirm, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account, AccountSession } from '../../../contracts/people.js';
import { errorText } from '../../api/client.js';
import { endAccountSessions, fetchAccountSessions, unlockAccount } from '../../api/people.js';
import { fmtTime } from '../../shared/format.js';

/** A person's sign-in sessions: end one or all (强制下线); lift a sign-in lock early (解除锁定). */
export function SessionsDrawer({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['account-sessions', account?.id];
  const { data, isFetching } = useQuery({ queryKey: key, queryFn: () => fetchAccountSessions(account!.id), enabled: !!account });
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await qc.invalidateQueries({ queryKey: key });
      await qc.invalidateQueries({ queryKey: ['accounts'] });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Drawer title={account ? `登录会话：${account.displayName}（${account.username}）` : ''} open={!!account} onClose={onClose} width={560}
      extra={account && (
        <Space>
          <Button onClick={() => run(() => unlockAccount(account.id), '已解除登录锁定')} data-testid="unlock">解除锁定</Button>
          <Popconfirm title="结束此人全部登录会话？" okText="强制下线" cancelText="取消" onConfirm={() => run(() => endAccountSessions(account.id), '已强制下线')}>
            <Button danger disabled={!data?.items.length} data-testid="end-all-sessions">全部强制下线</Button>
          </Popconfirm>
        </Space>
      )}>
      <Table<AccountSession>
        rowKey="id" size="small" loading={isFetching} pagination={false} dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description="当前没有登录会话" /> }}
        columns={[
          { title: '登录时间', dataIndex: 'createdAt', render: (v: string, r) => <>{fmtTime(v)} {r.current && <Tag color="blue">当前会话</Tag>}</> },
          { title: '到期时间', dataIndex: 'expiresAt', render: (v: string) => fmtTime(v) },
          { title: '操作', key: 'op', width: 100, render: (_: unknown, r) => (
            <Popconfirm title="结束这个会话？" okText="强制下线" cancelText="取消" onConfirm={() => run(() => endAccountSessions(account!.id, r.id), '已强制下线')}>
              <Button type="link" danger size="small">强制下线</Button>
            </Popconfirm>
          ) },
        ]}
      />
    </Drawer>
  );
}
