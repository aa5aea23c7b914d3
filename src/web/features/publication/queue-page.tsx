import { Button, Card, Cascader, Input, message, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { QueuePage, QueueQuery } from '../../../contracts/publication.js';
import { publicationStatusLabels } from '../../../contracts/publication.js';
import { errorText } from '../../api/client.js';
import { bulkApprovePublications, findPublicationQueue } from '../../api/publication.js';
import { useOrg } from '../../app/org-context.js';
import { fmtTime } from '../../shared/format.js';

type Item = QueuePage['items'][number];
type View = QueueQuery['view'];
const views: { key: View; label: string }[] = [
  { key: 'pending', label: '待审核' }, { key: 'reply', label: '答复待审' }, { key: 'approved', label: '已公开' },
  { key: 'rejected', label: '不予公开' }, { key: 'withdrawn', label: '已撤回' },
];

/** 公开审核 at /publication: candidates (consenting, dispatched cases), replies to review, and past decisions. */
export default function PublicationQueuePage() {
  const org = useOrg();
  const [view, setView] = useState<View>('pending');
  const [filters, setFilters] = useState<{ departmentId?: number; categoryId?: number; q?: string }>({});
  const [selected, setSelected] = useState<number[]>([]);
  const qc = useQueryClient();
  const q = useInfiniteQuery({
    queryKey: ['publication', 'queue', view, filters],
    queryFn: ({ pageParam }) => findPublicationQueue({ view, ...filters, cursor: pageParam ?? undefined, limit: 50 }),
    initialPageParam: null as string | null,
    getNextPageParam: (r) => r.nextCursor,
    placeholderData: keepPreviousData,
  });
  const pages = q.data?.pages ?? [];
  const items: Item[] = pages.flatMap((p) => p.items);
  const counts: Record<string, number> = pages[pages.length - 1]?.counts ?? {};
  const cursor = q.hasNextPage;
  const loading = q.isFetching;
  const error = q.error ? errorText(q.error) : null;
  const load = () => void qc.invalidateQueries({ queryKey: ['publication'] });
  // A new view or filter starts with nothing selected.
  const [selectedFor, setSelectedFor] = useState({ view, filters });
  if (selectedFor.view !== view || selectedFor.filters !== filters) {
    setSelectedFor({ view, filters });
    setSelected([]);
  }

  const bulkApprove = () => {
    Modal.confirm({
      title: `按自动遮盖稿公开 ${selected.length} 件？`,
      content: '将使用系统自动遮盖后的标题、内容和答复直接公开。需要修改文字或人工遮盖的，请逐件审核。',
      okText: '批量公开', cancelText: '取消',
      onOk: async () => {
        try {
          const r = await bulkApprovePublications(selected);
          const failed = r.results.filter((x) => !x.ok);
          if (failed.length) message.warning(`公开 ${r.results.length - failed.length} 件，${failed.length} 件未公开：${failed[0].message}`);
          else message.success(`已公开 ${r.results.length} 件`);
          setSelected([]);
          load();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  };

  return (
    <Card title="公开审核" data-testid="publication-queue"
      extra={(view === 'pending' || view === 'reply') && (
        <Button type="primary" disabled={!selected.length} onClick={bulkApprove} data-testid="bulk-approve">
          批量公开{selected.length ? `（${selected.length}）` : ''}
        </Button>
      )}>
      <Tabs activeKey={view} onChange={(k) => setView(k as View)}
        items={views.map((v) => ({ key: v.key, label: `${v.label}${counts[v.key] != null ? ` ${counts[v.key]}` : ''}` }))} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder="编号或标题" style={{ width: 240 }} onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))} />
        <Select allowClear placeholder="主办单位" style={{ width: 220 }} showSearch optionFilterProp="label" options={org.handlingDepartmentGroups}
          value={filters.departmentId} onChange={(v) => setFilters((f) => ({ ...f, departmentId: v }))} />
        <Cascader placeholder="问题类别" style={{ width: 220 }} options={org.categoryOptions} changeOnSelect
          onChange={(v) => setFilters((f) => ({ ...f, categoryId: v?.length ? Number(v[v.length - 1]) : undefined }))} />
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table<Item>
        rowKey="caseId" size="middle" loading={loading} dataSource={items} pagination={false} scroll={{ x: 1100 }}
        rowSelection={view === 'pending' || view === 'reply' ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) } : undefined}
        columns={[
          { title: '编号', dataIndex: 'code', width: 190, render: (code: string, r) => <Link to={`/publication/${r.caseId}`} data-testid={`review-${code}`}>{code}</Link> },
          { title: '标题（原文）', dataIndex: 'title', ellipsis: true },
          { title: '类别', dataIndex: 'categoryName', width: 130 },
          { title: '主办单位', dataIndex: 'departmentName', width: 180, render: (v: string | null) => v ?? '—' },
          { title: '识别到的个人信息', dataIndex: 'detected', width: 130, render: (n: number) => (n ? <Tag color="orange">{n} 处</Tag> : <Tag>无</Tag>) },
          { title: '状态', width: 150, render: (_: unknown, r) => <Space size={4}><Tag color={r.publicationStatus === 'approved' ? 'green' : r.publicationStatus === 'pending' ? 'blue' : 'default'}>{publicationStatusLabels[r.publicationStatus]}</Tag>{r.replyPending && <Tag color="gold">答复待审</Tag>}</Space> },
          { title: view === 'pending' ? '进入队列' : '审核时间', width: 160, render: (_: unknown, r) => fmtTime(view === 'pending' ? r.candidateAt : r.reviewedAt ?? r.candidateAt) },
        ]}
      />
      {cursor && <div style={{ textAlign: 'center', marginTop: 16 }}><Button loading={loading} onClick={() => void q.fetchNextPage()}>加载更多</Button></div>}
    </Card>
  );
}
