import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { CaseSummary } from '../../../contracts/cases.js';
import type { DashboardSlice } from '../../../contracts/dashboard.js';
import { errorText } from '../../api/client.js';
import { findSliceCases } from '../../api/dashboard.js';
import { useOrg } from '../../app/org-context.js';
import { CaseTable } from '../../shared/case-table.js';
import type { CaseList } from '../../shared/use-case-list.js';
import { describeSlice, sliceFromSearch } from './slice.js';

/** The cases of one slice, keyset-paged, in the shape CaseTable takes; `total` is the figure the chart showed. */
function useSliceList(slice: DashboardSlice | null, pageSize = 50): CaseList & { total: number | null } {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(slice);
  const seq = useRef(0);
  useEffect(() => {
    if (key === 'null') return;
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    findSliceCases(JSON.parse(key), { limit: pageSize })
      .then((p) => { if (mine === seq.current) { setItems(p.items); setCursor(p.nextCursor); setTotal(p.total); } })
      .catch((e) => mine === seq.current && setError(errorText(e)))
      .finally(() => mine === seq.current && setLoading(false));
  }, [key, pageSize, tick]);
  const loadMore = useCallback(() => {
    if (!cursor) return;
    const mine = ++seq.current;
    setLoading(true);
    findSliceCases(JSON.parse(key), { cursor, limit: pageSize })
      .then((p) => { if (mine === seq.current) { setItems((prev) => [...prev, ...p.items]); setCursor(p.nextCursor); } })
      .catch((e) => mine === seq.current && setError(errorText(e)))
      .finally(() => mine === seq.current && setLoading(false));
  }, [cursor, key, pageSize]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { items, hasMore: !!cursor, loading, error, loadMore, reload, total };
}

/** 下钻: /dashboard/cases?measure=…&from=…&until=…&departmentId=…&categoryId=…&districtId=… */
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
      title={<Space><Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} /><span data-testid="slice-title">{title}</span></Space>}>
      <Typography.Paragraph data-testid="slice-total">
        {list.total === null ? '统计中…' : <>共 <Typography.Text strong>{list.total}</Typography.Text> 件，与图中数字一致。</>}
      </Typography.Paragraph>
      <CaseTable list={list} emptyText="该项没有诉求" />
    </Card>
  );
}
