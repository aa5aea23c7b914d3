import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { SuggestionListItem } from '../../../contracts/suggestions.js';
import { ratingLabels } from '../../../domain/case/labels.js';
import { suggestionKindLabels, suggestionStatusLabels, unitRoleLabels } from '../../../domain/suggestions/labels.js';
import { listSuggestions, suggestionKeys } from '../../api/suggestions.js';
import { fmtDate } from '../../shared/format.js';
import { useCan } from '../../shared/can.js';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { ClassTag, LimitText, StatusTag } from './shared.js';

const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** 建议提案 list in the reader's scope; `mine` is the deputies' 我的建议 (the server scopes it to their own anyway). */
export function SuggestionListPage({ mine = false }: { mine?: boolean }) {
  const navigate = useNavigate();
  const can = useCan();
  const [filter, setFilter] = useState<{ year?: number; status?: string; kind?: string; page: number }>({ year: mine ? undefined : thisYear, page: 1 });
  const { data, isLoading, error } = useQuery({ queryKey: [...suggestionKeys, 'list', filter], queryFn: () => listSuggestions({ ...filter, pageSize: 20 }) });
  useErrorToast(error);
  const columns = [
    {
      title: '建议提案', dataIndex: 'title',
      render: (v: string, r: SuggestionListItem) => (
        <span><Typography.Text strong>{v}</Typography.Text><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{suggestionKindLabels[r.kind]} · {r.label}</Typography.Text></span>
      ),
    },
    ...(mine ? [] : [{ title: '提出人', dataIndex: 'proposers', width: 120, render: (v: string[]) => v.join('、') }]),
    { title: '承办单位', dataIndex: 'units', width: 220, render: (v: SuggestionListItem['units']) => v.length ? v.map((u) => `${u.departmentName}（${unitRoleLabels[u.role]}）`).join('、') : '—' },
    { title: '状态', dataIndex: 'status', width: 84, render: (v: SuggestionListItem['status']) => <StatusTag status={v} /> },
    { title: '答复期限', width: 124, render: (_: unknown, r: SuggestionListItem) => <Space direction="vertical" size={0}>{fmtDate(r.replyDeadline)}<LimitText item={r} /></Space> },
    { title: '分类', dataIndex: 'class', width: 136, render: (v: SuggestionListItem['class']) => <ClassTag value={v} /> },
    { title: '评价', dataIndex: 'rating', width: 76, render: (v: SuggestionListItem['rating']) => (v ? ratingLabels[v] : '—') },
  ];
  return (
    <Card
      title={mine ? '我的建议' : '建议提案办理'}
      extra={
        <Space>
          {can('suggestion:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/suggestions/new')} data-testid="suggestion-new">登记建议提案</Button>}
          {(can('suggestion:read-all') || can('suggestion:handle')) && <Button onClick={() => navigate('/suggestions/summary')}>年度汇总</Button>}
        </Space>
      }
    >
      {mine && <Typography.Paragraph type="secondary">这里列出您领衔或联名提出的建议（提案）。承办单位答复后，请在详情页对办理结果作出评价。</Typography.Paragraph>}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="年度" style={{ width: 110 }} value={filter.year} onChange={(year) => setFilter({ ...filter, year, page: 1 })}
          options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))} />
        <Select allowClear placeholder="办理状态" style={{ width: 130 }} value={filter.status} onChange={(status) => setFilter({ ...filter, status, page: 1 })}
          options={Object.entries(suggestionStatusLabels).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder="类别" style={{ width: 140 }} value={filter.kind} onChange={(kind) => setFilter({ ...filter, kind, page: 1 })}
          options={Object.entries(suggestionKindLabels).map(([value, label]) => ({ value, label }))} />
      </Space>
      <Table<SuggestionListItem>
        rowKey="id" size="middle" loading={isLoading} dataSource={data?.items ?? []} columns={columns}
        onRow={(r) => ({ onClick: () => navigate(`/suggestions/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': `suggestion-row-${r.id}` } as never)}
        pagination={{ current: filter.page, pageSize: 20, total: data?.total ?? 0, showTotal: (t) => `共 ${t} 件`, onChange: (page) => setFilter({ ...filter, page }) }}
        locale={{ emptyText: mine ? '暂无您提出的建议' : '暂无建议提案' }}
      />
    </Card>
  );
}
