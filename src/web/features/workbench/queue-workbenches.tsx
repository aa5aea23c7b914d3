import { overdueDefinition } from '../../../contracts/cases.js';
import { Typography } from 'antd';
import { useUser } from '../../app/auth-context.js';
import { ViewTabs, type ViewTab } from './view-tabs.js';

const departmentTabs: ViewTab[] = [
  { view: 'to_sign', label: '待签收', empty: '没有待签收的诉求', batch: 'sign' },
  { view: 'handling', label: '办理中', empty: '没有办理中的诉求' },
  { view: 'due_soon', label: '即将超期', empty: '没有即将超期的诉求', danger: true },
  { view: 'overdue', label: '已超期', empty: '没有超期的诉求', danger: true, help: overdueDefinition },
];

export function DepartmentWorkbench() {
  const user = useUser();
  return (
    <div data-testid="workbench-department">
      <Typography.Title level={3} style={{ marginTop: 0 }}>部门待办</Typography.Title>
      <ViewTabs title={`${user.departmentName} · 交办诉求`} tabs={departmentTabs} />
    </div>
  );
}

const supervisorTabs: ViewTab[] = [
  { view: 'review', label: '待审核答复', empty: '没有待审核的答复', batch: 'approve-reply' },
  { view: 'returns', label: '退单申请', empty: '没有待审批的退单申请' },
  { view: 'extensions', label: '延期申请', empty: '没有待审批的延期申请' },
  { view: 'awaiting_rating', label: '待评价', empty: '没有待评价的诉求' },
  { view: 'overdue', label: '已超期', empty: '没有超期的诉求', danger: true, help: overdueDefinition },
  { view: 'all', label: '全部', empty: '暂无诉求' },
];

export function SupervisorWorkbench() {
  return (
    <div data-testid="workbench-supervisor">
      <Typography.Title level={3} style={{ marginTop: 0 }}>督办审核</Typography.Title>
      <ViewTabs title="一门督办 · 待处理事项" tabs={supervisorTabs} />
    </div>
  );
}
