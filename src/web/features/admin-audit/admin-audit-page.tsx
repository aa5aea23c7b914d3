import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AdminAuditEntry, AdminAuditVerify } from '../../../contracts/admin-audit.js';
import { adminActionLabels, adminActions, adminTargetLabels, adminTargetTypes } from '../../../domain/admin-audit/actions.js';
import { fieldChanges } from '../../../domain/admin-audit/diff.js';
import { errorText } from '../../api/client.js';
import { auditExportUrl, fetchAudit, fetchAuditActors, verifyAudit, type AuditFilters } from '../../api/settings.js';
import { fmtTime } from '../../shared/format.js';
import { useErrorToast } from '../../shared/use-error-toast.js';

const pageSize = 50;

function Changes({ entry }: { entry: AdminAuditEntry }) {
  const changes = fieldChanges(entry.before, entry.after);
  if (changes.length === 0) return <Typography.Text type="secondary">无字段变化</Typography.Text>;
  return (
    <div style={{ fontSize: 12, lineHeight: 1.7 }}>
      {changes.slice(0, 12).map((c) => (
        <div key={c.field}>
          <Typography.Text type="secondary">{c.field}：</Typography.Text>
          <Typography.Text delete={c.before !== '—'} type={c.before !== '—' ? 'danger' : undefined}>{c.before}</Typography.Text>
          {' → '}
          <Typography.Text type="success">{c.after}</Typography.Text>
        </div>
      ))}
      {changes.length > 12 && <Typography.Text type="secondary">……另有 {changes.length - 12} 项变化，导出可查看全部</Typography.Text>}
    </div>
  );
}

/** 安全审计: every administrative change, newest first, with filters, export and the chain check (admin). */
export default function AdminAuditPage() {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [actor, setActor] = useState<number | undefined>();
  const [action, setAction] = useState<string | undefined>();
  const [targetType, setTargetType] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<AdminAuditVerify | null>(null);
  const filters: AuditFilters = {
    from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'), actorUserId: actor, action, targetType, q: q.trim() || undefined,
  };
  const actors = useQuery({ queryKey: ['admin-audit-actors'], queryFn: fetchAuditActors });
  const list = useInfiniteQuery({
    queryKey: ['admin-audit', filters],
    queryFn: ({ pageParam }) => fetchAudit({ ...filters, before: pageParam, limit: pageSize }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  useErrorToast(list.error);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const verify = async () => {
    setVerifying(true);
    try {
      setVerified(await verifyAudit());
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      title="安全审计"
      extra={(
        <Space>
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">校验</Button>
          <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} data-testid="audit-export">导出</Button>
        </Space>
      )}
    >
      {verified && (
        <Alert type={verified.ok ? 'success' : 'error'} showIcon closable onClose={() => setVerified(null)} title={verified.message} style={{ marginBottom: 16 }} data-testid="audit-verify-result" />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} placeholder={['开始日期', '结束日期']} />
        <Select allowClear placeholder="操作人" style={{ width: 200 }} value={actor} onChange={setActor} showSearch optionFilterProp="label"
          options={(actors.data?.items ?? []).filter((a) => a.userId !== null).map((a) => ({ value: a.userId!, label: a.name }))} />
        <Select allowClear placeholder="操作" style={{ width: 180 }} value={action} onChange={setAction} showSearch optionFilterProp="label"
          options={adminActions.map((a) => ({ value: a, label: adminActionLabels[a] }))} />
        <Select allowClear placeholder="对象类型" style={{ width: 140 }} value={targetType} onChange={setTargetType}
          options={adminTargetTypes.map((t) => ({ value: t, label: adminTargetLabels[t] }))} />
        <Input.Search allowClear placeholder="对象名称包含" style={{ width: 200 }} onSearch={setQ} />
      </Space>
      <Table<AdminAuditEntry>
        size="small"
        rowKey="seq"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: '没有符合条件的记录' }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          { title: '时间', key: 'at', width: 140, render: (_, r) => fmtTime(r.at) },
          { title: '操作人', dataIndex: 'actorName', width: 150 },
          { title: '来源地址', key: 'address', width: 120, render: (_, r) => r.address ?? '—' },
          { title: '操作', key: 'action', width: 130, render: (_, r) => <Tag color="blue">{r.actionLabel}</Tag> },
          { title: '对象', key: 'target', width: 170, render: (_, r) => <span>{r.targetTypeLabel}{r.targetName ? `：${r.targetName}` : ''}</span> },
          { title: '变更前 → 变更后', key: 'changes', render: (_, r) => <Changes entry={r} /> },
        ]}
      />
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>加载更多</Button>
        </div>
      )}
    </Card>
  );
}
