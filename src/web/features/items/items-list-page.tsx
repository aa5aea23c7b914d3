import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ItemSummary, ItemsQuery } from '../../../contracts/items.js';
import { findItems, itemKeys } from '../../api/items.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { useCan } from '../../shared/can.js';
import { LedgerDownload } from './ledger-download.js';
import { itemSourceNames, LightDot, lightOptions, sourceOptions, StateTag, stateOptions } from './labels.js';

/** 督办事项 (/items: supervisors and leaders, every item) and 本单位督办事项 (/items/mine: the unit's items). */
export default function ItemsListPage({ scope = 'all' }: { scope?: 'all' | 'mine' }) {
  const can = useCan();
  const org = useOrg();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // The dashboard's drill-down opens the list filtered (?light=red&sourceKind=meeting&departmentId=3).
  const [q, setQ] = useState<Partial<ItemsQuery>>(() => ({
    page: 1, pageSize: 20,
    light: (params.get('light') as ItemsQuery['light']) ?? undefined,
    sourceKind: (params.get('sourceKind') as ItemsQuery['sourceKind']) ?? undefined,
    departmentId: params.get('departmentId') ? Number(params.get('departmentId')) : undefined,
    state: (params.get('state') as ItemsQuery['state']) ?? undefined,
  }));
  const query = { ...q, scope };
  const { data, isFetching } = useQuery({ queryKey: [...itemKeys, 'list', query], queryFn: () => findItems(query) });
  const set = (patch: Partial<ItemsQuery>) => setQ((old) => ({ ...old, ...patch, page: 1 }));
  return (
    <Card title={scope === 'mine' ? '本单位督办事项' : '督办事项'}
      extra={(
        <Space wrap>
          <LedgerDownload filters={query} empty={!isFetching && (data?.total ?? 0) === 0} />
          {scope === 'all' && can('item:manage') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/items/new')} data-testid="item-new">新建督办事项</Button> : null}
        </Space>
      )}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder="事项名称或编号" style={{ width: 220 }} onSearch={(v) => set({ q: v || undefined })} />
        <Select allowClear placeholder="来源" style={{ width: 150 }} options={sourceOptions} value={q.sourceKind} onChange={(v) => set({ sourceKind: v })} />
        <Input allowClear placeholder="责任领导" style={{ width: 140 }} onChange={(e) => set({ leader: e.target.value || undefined })} />
        {scope === 'all' ? (
          <Select allowClear showSearch placeholder="牵头或配合单位" style={{ width: 240 }} options={org.handlingDepartmentGroups} filterOption={filterByLabel}
            value={q.departmentId} onChange={(v) => set({ departmentId: v })} />
        ) : null}
        <Select allowClear placeholder="亮灯" style={{ width: 110 }} options={lightOptions} value={q.light} onChange={(v) => set({ light: v })} data-testid="filter-light" />
        <Select allowClear placeholder="状态" style={{ width: 110 }} options={stateOptions} value={q.state} onChange={(v) => set({ state: v })} />
      </Space>
      <Table<ItemSummary> rowKey="id" size="middle" loading={isFetching} dataSource={data?.items ?? []} scroll={{ x: 'max-content' }}
        pagination={{ current: q.page, pageSize: q.pageSize, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 项`, onChange: (page, pageSize) => setQ((o) => ({ ...o, page, pageSize })) }}
        columns={[
          { title: '亮灯', key: 'light', width: 80, render: (_, r) => <LightDot light={r.light} reasons={r.lightReasons} /> },
          {
            title: '事项', key: 'title', width: 250,
            render: (_, r) => (
              <div>
                <Space size={4} wrap><Link to={`/items/${r.id}`}>{r.title}</Link>{r.isDemo ? <Tag>演示</Tag> : null}</Space>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.code}</Typography.Text>
              </div>
            ),
          },
          { title: '来源', key: 'source', width: 96, render: (_, r) => itemSourceNames[r.sourceKind] },
          { title: '责任领导', dataIndex: 'leaderName', width: 130 },
          { title: '牵头单位', dataIndex: 'leadDepartmentName', width: 170 },
          {
            title: '下一节点', key: 'next', width: 180,
            render: (_, r) => (r.nextMilestone ? (
              <div>
                {r.nextMilestone.title}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.nextMilestone.dueDate} 前</Typography.Text>
              </div>
            ) : '—'),
          },
          { title: '目标完成', key: 'progress', width: 110, render: (_, r) => (r.progressShare === null ? '—' : <Progress percent={Math.round(r.progressShare * 100)} size="small" />) },
          {
            title: '状态', key: 'state', width: 110,
            render: (_, r) => (
              <div>
                <StateTag state={r.state} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>至 {r.endDate}</Typography.Text>
              </div>
            ),
          },
        ]} />
    </Card>
  );
}
