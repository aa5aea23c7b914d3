import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Select, Space, Typography } from 'antd';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { DashboardSlice } from '../../../contracts/dashboard.js';
import { errorText } from '../../api/client.js';
import { findSliceCases } from '../../api/dashboard.js';
import { useOrg } from '../../app/org-context.js';
import { CaseTable } from '../../shared/case-table.js';
import type { CaseList } from '../../shared/use-case-list.js';
import { dashboardKeys } from './query-keys.js';
import { exportUrl } from '../../shared/export-button.js';
import { describeSlice, sliceFromSearch, sliceSearch } from './slice.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { caseKinds, type CaseKind } from '../../../domain/case/status.js';

/** The cases of one slice, keyset-paged, in the shape CaseTable takes; `total` is the figure the chart showed. */
function useSliceList(slice: DashboardSlice | null, pageSize = 50): CaseList & { total: number | null } {
  const q = useInfiniteQuery({
    queryKey: [...dashboardKeys.all, 'slice', slice, pageSize],
    queryFn: ({ pageParam }) => findSliceCases(slice!, { cursor: pageParam, limit: pageSize }),
    initialPageParam: null as string | null,
    getNextPageParam: (p) => p.nextCursor,
    enabled: slice !== null,
    placeholderData: keepPreviousData,
  });
  const pages = q.data?.pages ?? [];
  return {
    items: pages.flatMap((p) => p.items),
    hasMore: q.hasNextPage,
    loading: q.isFetching,
    error: q.error ? errorText(q.error) : null,
    loadMore: () => void q.fetchNextPage(),
    reload: () => void q.refetch(),
    // The figure the first page counted (the chart's number), kept while further pages load.
    total: pages[0]?.total ?? null,
    exportHref: slice ? exportUrl('/api/dashboard/cases/export.xlsx', slice) : undefined,
  };
}

/** 下钻: /dashboard/cases?measure=…&from=…&until=…&departmentId=…&categoryId=…&districtId=…&caseType=… */
export default function SlicePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const org = useOrg();
  const slice = sliceFromSearch(params);
  const list = useSliceList(slice);
  if (!slice) return <Result status="warning" title="链接缺少统计口径" />;
  const title = describeSlice(slice, { dept: (id) => org.deptName(id), category: (id) => org.category(id)?.name ?? `类别 #${id}` });
  return (
    <Card data-testid="dashboard-slice"
      title={<Space><Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} /><span data-testid="slice-title">{title}</span></Space>}
      extra={(
        <Select allowClear placeholder="全部类型" aria-label="诉求类型" style={{ width: 120 }} value={slice.caseType} data-testid="slice-case-type"
          options={caseKinds.map((k) => ({ value: k, label: caseTypeLabels[k] }))}
          onChange={(k?: CaseKind) => navigate(`/dashboard/cases?${sliceSearch({ ...slice, caseType: k })}`, { replace: true })} />
      )}>
      <Typography.Paragraph data-testid="slice-total">
        {list.total === null ? '统计中…' : <>{title}：共 <Typography.Text strong>{list.total}</Typography.Text> 件，逐件列于下表。</>}
      </Typography.Paragraph>
      <CaseTable list={list} emptyText="该项没有诉求" />
    </Card>
  );
}
