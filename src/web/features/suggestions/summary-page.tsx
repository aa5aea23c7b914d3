import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { UnitSummary } from '../../../contracts/suggestions.js';
import { getYearSummary, suggestionKeys } from '../../api/suggestions.js';
import { ExportButton, exportUrl } from '../../shared/export-button.js';
import { useErrorToast } from '../../shared/use-error-toast.js';

const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const n = (v: number | undefined) => v ?? 0;

/** 年度办理情况汇总: per unit, by state, class, rating and on-time replies; a unit sees its own row. */
export function SummaryPage() {
  const [year, setYear] = useState(thisYear);
  const { data, isLoading, error } = useQuery({ queryKey: [...suggestionKeys, 'summary', year], queryFn: () => getYearSummary(year) });
  useErrorToast(error);
  const units = data?.units ?? [];
  return (
    <Card title="建议提案年度办理情况汇总" extra={
      <Space>
        <Select value={year} onChange={setYear} style={{ width: 110 }} options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))} />
        <ExportButton href={exportUrl('/api/suggestions/summary.xlsx', { year })} empty={units.length === 0} loading={isLoading} />
      </Space>
    }>
      <Table<UnitSummary> rowKey="departmentId" size="small" loading={isLoading} dataSource={units} pagination={false} scroll={{ x: 1200 }}
        locale={{ emptyText: `${year}年没有交办的建议提案` }}
        columns={[
          { title: '承办单位', dataIndex: 'departmentName', fixed: 'left', width: 200 },
          { title: '承办', dataIndex: 'total', width: 70 },
          { title: '办理中', width: 80, render: (_, u) => n(u.byStatus.assigned) + n(u.byStatus.handling) + n(u.byStatus.countersigning) },
          { title: '待评价', width: 80, render: (_, u) => n(u.byStatus.awaiting_rating) },
          { title: '已办结', width: 80, render: (_, u) => n(u.byStatus.closed) },
          { title: 'A类', width: 60, render: (_, u) => n(u.byClass.A) },
          { title: 'B类', width: 60, render: (_, u) => n(u.byClass.B) },
          { title: 'C类', width: 60, render: (_, u) => n(u.byClass.C) },
          { title: 'D类', width: 60, render: (_, u) => n(u.byClass.D) },
          { title: '满意', width: 60, render: (_, u) => n(u.byRating.satisfied) },
          { title: '基本满意', width: 90, render: (_, u) => n(u.byRating.basically) },
          { title: '不满意', width: 80, render: (_, u) => n(u.byRating.unsatisfied) },
          { title: '按期答复', dataIndex: 'onTime', width: 90 },
          { title: '逾期答复', dataIndex: 'late', width: 90 },
          { title: '按期答复率', width: 100, render: (_, u) => (u.replied ? `${((u.onTime / u.replied) * 100).toFixed(1)}%` : '—') },
        ]} />
    </Card>
  );
}
