import { Button, Card, Cascader, Select, Space, Table, Tooltip, Typography } from 'antd';
import { overdueDefinition } from '../../../contracts/cases.js';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CentreQuery, CentreRow } from '../../../contracts/supervision.js';
import { errorText } from '../../api/client.js';
import { findCentreCases, supervisionKeys } from '../../api/supervision.js';
import { useOrg } from '../../app/org-context.js';
import { BulkInstructModal, BulkIssueModal } from './bulk-modals.js';
import { centreColumns } from './centre-columns.js';
import { useCan, useHasRole } from '../../shared/can.js';
import { ExportButton, exportUrl } from '../../shared/export-button.js';

type Filters = Partial<Omit<CentreQuery, 'limit'>>;

/** 督办中心 at /supervision: every case a department still holds, most urgent first, with bulk actions. */
export default function SupervisionCentrePage() {
  const org = useOrg();
  const [filters, setFilters] = useState<Filters>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [bulk, setBulk] = useState<'issue' | 'instruct' | null>(null);
  const qc = useQueryClient();
  const { data, isFetching: loading, error } = useQuery({
    queryKey: [...supervisionKeys, 'centre', filters],
    queryFn: () => findCentreCases({ ...filters, limit: 500 }),
    placeholderData: keepPreviousData,
  });
  const rows = data?.items ?? [];
  const load = () => void qc.invalidateQueries({ queryKey: supervisionKeys });

  const set = (patch: Filters) => { setSelected([]); setFilters((f) => ({ ...f, ...patch })); };
  const done = () => { setBulk(null); setSelected([]); load(); };
  const can = useCan();
  const hasRole = useHasRole();
  const isSupervisor = can('supervision:order');

  return (
    <Card title="督办中心" data-testid="supervision-centre"
      extra={<Space>
        <ExportButton href={exportUrl('/api/supervision/cases/export.xlsx', filters)} empty={rows.length === 0} loading={loading && !data} />
        <ExportButton word label="导出 Word" href={exportUrl('/api/supervision/cases/export.docx', filters)} empty={rows.length === 0} loading={loading && !data} />
        {isSupervisor && <Button type="primary" disabled={!selected.length} data-testid="bulk-issue" onClick={() => setBulk('issue')}>批量下发督办单{selected.length ? `（${selected.length}）` : ''}</Button>}
        {hasRole('leader') && <Button type="primary" disabled={!selected.length} data-testid="bulk-instruct" onClick={() => setBulk('instruct')}>领导批示{selected.length ? `（${selected.length}）` : ''}</Button>}
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder="承办单位" style={{ width: 220 }} showSearch optionFilterProp="label" options={org.handlingDepartmentGroups}
          value={filters.departmentId} onChange={(v) => set({ departmentId: v })} />
        <Cascader placeholder="问题类别" style={{ width: 220 }} options={org.categoryOptions} changeOnSelect
          onChange={(v) => set({ categoryId: v?.length ? Number(v[v.length - 1]) : undefined })} />
        <Select allowClear placeholder="时限" style={{ width: 120 }} value={filters.overdue} onChange={(v) => set({ overdue: v })}
          options={[{ value: 'overdue', label: '已超期' }, { value: 'due_soon', label: '即将到期' }]} />
        <Select allowClear placeholder="预警等级" style={{ width: 120 }} value={filters.level} onChange={(v) => set({ level: v })}
          options={[{ value: 'red', label: '红色预警' }, { value: 'yellow', label: '黄色预警' }, { value: 'none', label: '无预警' }]} />
        <Select allowClear placeholder="督办单" style={{ width: 140 }} value={filters.hasOpenOrder} onChange={(v) => set({ hasOpenOrder: v })}
          options={[{ value: 'true', label: '有未办结督办单' }, { value: 'false', label: '无督办单' }]} />
        <Typography.Text type="secondary" data-testid="centre-counts">
          共 {data?.total ?? 0} 件在办（已派单、办理中、已答复待审核）{data && data.total > rows.length ? `，列出最紧急的 ${rows.length} 件` : ''}；
          <Tooltip title={overdueDefinition}><Typography.Text type="danger" data-testid="centre-overdue">其中超期 {data?.overdueCount ?? 0} 件</Typography.Text></Tooltip>
        </Typography.Text>
      </Space>
      {error && <Typography.Text type="danger">{errorText(error)}</Typography.Text>}
      <Table<CentreRow>
        rowKey="id" size="middle" loading={loading} dataSource={rows} pagination={{ pageSize: 20, showSizeChanger: false }} scroll={{ x: 'max-content' }}
        rowSelection={isSupervisor || hasRole('leader') ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) } : undefined}
        columns={centreColumns({ canDecide: isSupervisor, onChanged: load, linkDepartments: true })}
      />
      {bulk === 'issue' && <BulkIssueModal caseIds={selected} onClose={() => setBulk(null)} onDone={done} />}
      {bulk === 'instruct' && <BulkInstructModal caseIds={selected} onClose={() => setBulk(null)} onDone={done} />}
    </Card>
  );
}
