import { Alert, Button, Card, Cascader, DatePicker, Empty, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { searchCountCap, searchFields, type SearchField, type SearchHit } from '../../../contracts/search.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { caseKinds, caseStatuses, ratings } from '../../../domain/case/status.js';
import { useUser } from '../../app/auth-context.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { errorText } from '../../api/client.js';
import { searchCases, searchKey, type SearchCasesQuery } from '../../api/search.js';
import { useIsDepartmentStaff } from '../../shared/can.js';
import { StatusCell, SupervisionTag, UrgencyTag } from '../../shared/case-tags.js';
import { fmtTime } from '../../shared/format.js';
import { channelLabels, ratingLabels, statusLabels } from '../../shared/labels.js';

// 查询: one box for a tracking-code fragment, a phone (whole or last four), a name, an enterprise or words of the text,
// with every filter, the count and the results newest first. The query sits in the URL, so a search can be shared.

const fieldLabels: Record<SearchField, string> = { auto: '自动识别', code: '诉求编号', phone: '来电号码', name: '诉求人', enterprise: '企业名称/信用代码', text: '诉求内容' };
const placeholders: Record<SearchField, string> = {
  auto: '编号片段、电话（完整或尾号四位）、姓名、企业名称或信用代码、内容词语',
  code: '编号中的任意 3 位以上，如 7K2Q9',
  phone: '完整号码，或尾号四位',
  name: '诉求人姓名，至少两个字',
  enterprise: '企业名称中的词，或 18 位统一社会信用代码',
  text: '诉求标题或内容中的词语，空格分隔，须全部包含',
};
const numberKeys = ['districtId', 'departmentId', 'categoryId'] as const;
const textKeys = ['q', 'field', 'from', 'to', 'caseType', 'channel', 'status', 'warningLevel', 'rating'] as const;
const pageSize = 50;

// Widths fit 1440 px beside the menu with the title keeping most of the row; the enterprise sits under the submitter.
const columns: ColumnsType<SearchHit> = [
  {
    title: '编号', dataIndex: 'code', width: 184,
    render: (code: string, c) => <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }} data-testid="search-code">{code}</Link>,
  },
  {
    title: '标题', dataIndex: 'title', ellipsis: true,
    render: (t: string, c) => (
      <div style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
        {c.urgency !== 'normal' && <UrgencyTag urgency={c.urgency} />}
        {c.supervisionLevel !== 'none' && <SupervisionTag level={c.supervisionLevel} />}
        <Link to={`/cases/${c.id}`} title={t} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{t}</Link>
      </div>
    ),
  },
  {
    title: '诉求人 / 企业', key: 'submitter', width: 168,
    render: (_: unknown, c) => (
      <div style={{ minWidth: 0 }}>
        <div>{c.submitterName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.submitterPhone}</Typography.Text></div>
        {c.enterpriseName && <Typography.Text type="secondary" ellipsis={{ tooltip: c.enterpriseName }} style={{ fontSize: 12, maxWidth: 150 }}>{c.enterpriseName}</Typography.Text>}
      </div>
    ),
  },
  { title: '类型', dataIndex: 'caseType', width: 56, render: (t: SearchHit['caseType']) => caseTypeLabels[t] },
  { title: '类别', dataIndex: 'categoryName', width: 100, ellipsis: true },
  { title: '主办单位', dataIndex: 'leadDepartmentName', width: 128, ellipsis: true, render: (n: string | null) => n ?? <Typography.Text type="secondary">未派单</Typography.Text> },
  {
    title: '状态', dataIndex: 'status', width: 104,
    render: (_: unknown, c) => <StatusCell status={c.status} warningLevel={c.warningLevel} rating={c.rating} />,
  },
  { title: '登记时间', dataIndex: 'createdAt', width: 136, render: (t: string) => fmtTime(t) },
];

/** The filters in the URL, as the query the API takes. */
function queryOf(params: URLSearchParams): SearchCasesQuery {
  const q: Record<string, string | number> = {};
  for (const k of textKeys) { const v = params.get(k); if (v) q[k] = v; }
  for (const k of numberKeys) { const v = Number(params.get(k)); if (v > 0) q[k] = v; }
  return q as SearchCasesQuery;
}

export default function SearchPage() {
  const user = useUser();
  const org = useOrg();
  const deptScoped = useIsDepartmentStaff();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryOf(params), [params]);
  const set = (patch: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  const r = useInfiniteQuery({
    queryKey: searchKey(query),
    queryFn: ({ pageParam }) => searchCases({ ...query, limit: pageSize, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const items = r.data?.pages.flatMap((p) => p.items) ?? [];
  const total = r.data?.pages[0]?.total;
  const field = (query.field ?? 'auto') as SearchField;
  const categoryPath = query.categoryId != null
    ? [org.category(query.categoryId)?.parentId, query.categoryId].filter((x): x is number => x != null)
    : undefined;
  const range: [Dayjs, Dayjs] | null = query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null;

  return (
    <Card>
      <div className="yw-page-title">
        <Typography.Title level={3}>查询</Typography.Title>
        <Typography.Text type="secondary">{deptScoped ? `仅查询交办给${user.departmentName}的诉求` : '查询全部诉求'}</Typography.Text>
      </div>
      <Space.Compact style={{ width: '100%', maxWidth: 760, marginBottom: 12 }}>
        <Select<SearchField> value={field} style={{ width: 150 }} onChange={(f) => set({ field: f === 'auto' ? undefined : f })} aria-label="查询方式"
          options={searchFields.map((f) => ({ value: f, label: fieldLabels[f] }))} data-testid="search-field" />
        <Input.Search
          key={params.get('q') ?? ''} allowClear enterButton="查询" defaultValue={query.q} placeholder={placeholders[field]} maxLength={50}
          onSearch={(v) => set({ q: v.trim() || undefined })} aria-label="查询内容" data-testid="search-box"
        />
      </Space.Compact>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={range} placeholder={['登记开始日期', '登记结束日期']} aria-label="登记日期"
          onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select<number> allowClear placeholder="全部区县" style={{ width: 130 }} value={query.districtId} options={org.districtOptions}
          onChange={(v) => set({ districtId: v })} aria-label="区县" />
        {!deptScoped && (
          <Select<number> allowClear showSearch={{ filterOption: filterByLabel }} placeholder="全部主办单位" style={{ width: 200 }}
            value={query.departmentId} options={org.handlingDepartmentGroups} onChange={(v) => set({ departmentId: v })} aria-label="主办单位" />
        )}
        <Cascader allowClear changeOnSelect showSearch placeholder="全部类别" style={{ width: 200 }} options={org.categoryOptions} value={categoryPath}
          onChange={(path) => set({ categoryId: path?.length ? Number(path[path.length - 1]) : undefined })} aria-label="问题类别" />
        <Select allowClear placeholder="全部类型" style={{ width: 110 }} value={query.caseType} onChange={(v) => set({ caseType: v })} aria-label="诉求类型"
          options={caseKinds.map((k) => ({ value: k, label: caseTypeLabels[k] }))} />
        <Select allowClear placeholder="全部渠道" style={{ width: 120 }} value={query.channel} onChange={(v) => set({ channel: v })} aria-label="渠道"
          options={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder="全部状态" style={{ width: 130 }} value={query.status} onChange={(v) => set({ status: v })} aria-label="状态"
          options={caseStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} data-testid="search-status" />
        <Select allowClear placeholder="预警" style={{ width: 110 }} value={query.warningLevel} onChange={(v) => set({ warningLevel: v })} aria-label="预警"
          options={[{ value: 'yellow', label: '黄色预警' }, { value: 'red', label: '红色预警' }]} />
        <Select allowClear placeholder="评价" style={{ width: 120 }} value={query.rating} onChange={(v) => set({ rating: v })} aria-label="评价"
          options={ratings.map((k) => ({ value: k, label: ratingLabels[k] }))} />
        {params.size > 0 && <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>清空条件</Button>}
      </Space>
      {r.error && <Alert type="error" showIcon title={errorText(r.error)} style={{ marginBottom: 12 }} data-testid="search-error" />}
      <div style={{ marginBottom: 8, minHeight: 22 }} data-testid="search-total">
        {total && (total.capped
          ? <Typography.Text>{total.count.toLocaleString('zh-CN')} 件以上（为保证速度未全部计数，最多数到 {searchCountCap.toLocaleString('zh-CN')} 件），可增加条件缩小范围</Typography.Text>
          : <Typography.Text>共 {total.count.toLocaleString('zh-CN')} 件</Typography.Text>)}
      </div>
      <Table<SearchHit>
        rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} loading={r.isFetching && items.length === 0}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的诉求" /> }} data-testid="search-results"
      />
      <div style={{ textAlign: 'center', marginTop: 12, minHeight: 32 }}>
        {r.hasNextPage ? <Button onClick={() => void r.fetchNextPage()} loading={r.isFetchingNextPage}>加载更多</Button>
          : items.length > 0 ? <Typography.Text type="secondary">已显示全部 {items.length} 条</Typography.Text> : null}
      </div>
    </Card>
  );
}
