import { Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CaseKind, CaseStatus } from '../../../domain/case/status.js';
import { useUser } from '../../app/auth-context.js';
import { CaseTable } from '../../shared/case-table.js';
import { useCaseList } from '../../shared/use-case-list.js';
import { CaseFilters, type CaseFilterValue } from './case-filters.js';
import { useIsDepartmentStaff } from '../../shared/can.js';

/** 全部诉求: every case the user may see, filters kept in the URL so a list can be shared. */
export default function CaseListPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filters: CaseFilterValue = useMemo(() => ({
    q: params.get('q') ?? undefined,
    status: (params.get('status') as CaseStatus | null) ?? undefined,
    categoryId: params.get('categoryId') ? Number(params.get('categoryId')) : undefined,
    caseType: (params.get('caseType') as CaseKind | null) ?? undefined,
    departmentId: params.get('departmentId') ? Number(params.get('departmentId')) : undefined,
  }), [params]);
  const list = useCaseList({ view: 'all', ...filters });
  const deptScoped = useIsDepartmentStaff();

  const onChange = (v: CaseFilterValue) => {
    const next = new URLSearchParams();
    for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== '') next.set(k, String(val));
    setParams(next, { replace: true });
  };

  return (
    <Card>
      <div className="yw-page-title">
        <Typography.Title level={3}>全部诉求</Typography.Title>
        {deptScoped && <Typography.Text type="secondary">仅显示交办给{user.departmentName}的诉求</Typography.Text>}
      </div>
      <CaseFilters value={filters} onChange={onChange} withDepartment={!deptScoped} />
      <CaseTable list={list} emptyText="没有符合条件的诉求" />
    </Card>
  );
}
