import type { ReactNode } from 'react';
import { Alert, Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { CaseSummary } from '../../contracts/cases.js';
import { DeadlineText, StatusCell, SupervisionTag, UrgencyTag } from './case-tags.js';
import { fmtShortTime, fmtTime } from './format.js';
import { caseTypeLabels } from '../../domain/case/case-type.js';
import type { CaseList } from './use-case-list.js';
import { ExportButton } from './export-button.js';

const columns: ColumnsType<CaseSummary> = [
  { title: '编号', dataIndex: 'code', width: 176, render: (code: string, c) => <Link to={`/cases/${c.id}`} data-testid="case-link" style={{ whiteSpace: 'nowrap' }}>{code}</Link> },
  {
    // The title takes what the other columns leave: at 1440 px every column is in view, none scrolled away.
    title: '标题', dataIndex: 'title', ellipsis: true,
    render: (t: string, c) => (
      <div style={{ display: 'flex', alignItems: 'center', minWidth: 0 }}>
        {c.urgency !== 'normal' && <UrgencyTag urgency={c.urgency} />}
        {c.supervisionLevel !== 'none' && <SupervisionTag level={c.supervisionLevel} />}
        <Link to={`/cases/${c.id}`} title={t} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{t}</Link>
      </div>
    ),
  },
  { title: '类型', dataIndex: 'caseType', width: 56, render: (t: CaseSummary['caseType']) => <span data-testid="case-type">{caseTypeLabels[t]}</span> },
  { title: '问题类别', dataIndex: 'categoryName', width: 110, ellipsis: true },
  { title: '主办单位', dataIndex: 'leadDepartmentName', width: 126, ellipsis: true, render: (n: string | null) => n ?? <Typography.Text type="secondary">未派单</Typography.Text> },
  {
    title: '状态', dataIndex: 'status', width: 100,
    render: (_: unknown, c) => <StatusCell status={c.status} warningLevel={c.warningLevel} overdueClock={c.overdueClock} rating={c.rating} />,
  },
  { title: '答复期限', dataIndex: 'replyDeadline', width: 120, render: (_: unknown, c) => <DeadlineText deadline={c.replyDeadline} status={c.status} suspended={c.suspended} /> },
  { title: '登记时间', dataIndex: 'createdAt', width: 138, render: (t: string) => <span style={{ whiteSpace: 'nowrap' }}>{fmtTime(t)}</span> },
];

/** The case list used by every workbench and the 全部诉求 page, with cursor paging. */
const compactKeys = new Set(['code', 'title', 'status', 'createdAt']);
// A compact queue (beside the desk form) keeps its columns narrow so the title stays readable next to the checkbox
// and expand columns: status as its tag only, the registration time without the year.
const compactColumns: ColumnsType<CaseSummary> = columns.filter((c) => compactKeys.has(String((c as { dataIndex?: string }).dataIndex))).map((c) => {
  const key = String((c as { dataIndex?: string }).dataIndex);
  if (key === 'code') {
    return { ...c, width: 164, render: (code: string, r: CaseSummary) => <Link to={`/cases/${r.id}`} data-testid="case-link" style={{ whiteSpace: 'nowrap', fontSize: 13 }}>{code}</Link> };
  }
  if (key === 'status') return { ...c, width: 88 };
  if (key === 'createdAt') return { ...c, title: '登记', width: 96, render: (t: string) => <span title={fmtTime(t)}>{fmtShortTime(t)}</span> };
  return c;
});

export function CaseTable({ list, emptyText = '暂无诉求', compact = false, expand, selection }: {
  list: CaseList; emptyText?: string; compact?: boolean;
  /** Row checkboxes for batch work (the ids selected). */
  selection?: { keys: number[]; onChange(keys: number[]): void };
  /** Extra content under a row, opened with the row's expand button (e.g. the router's suggestions in the intake queue). */
  expand?: (c: CaseSummary, reload: () => void) => ReactNode;
}) {
  return (
    <div data-testid="case-table">
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {list.exportHref && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 8 }}>
          <ExportButton href={list.exportHref} empty={list.items.length === 0} loading={list.loading && list.items.length === 0} size="small" />
        </div>
      )}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        columns={compact ? compactColumns : columns}
        dataSource={list.items}
        loading={list.loading && list.items.length === 0}
        pagination={false}
        scroll={compact ? undefined : { x: 1080 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
        rowSelection={selection ? { selectedRowKeys: selection.keys, onChange: (k) => selection.onChange(k as number[]), columnWidth: 40 } : undefined}
        expandable={expand ? { expandedRowRender: (c) => expand(c, list.reload), rowExpandable: () => true } : undefined}
      />
      <div style={{ textAlign: 'center', marginTop: 12, minHeight: 32 }}>
        {list.hasMore ? (
          <Button onClick={list.loadMore} loading={list.loading}>加载更多</Button>
        ) : list.items.length > 0 ? (
          <Typography.Text type="secondary">已显示全部 {list.items.length} 条</Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
