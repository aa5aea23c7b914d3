import { DatePicker, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useParams, useSearchParams } from 'react-router-dom';
import { useUser } from '../../app/auth-context.js';
import { OverviewBoard, OverviewLoading, useOverview } from './overview-board.js';

/** 部门看板: /dashboard/department (one's own department) and /dashboard/department/:id (leaders, supervisors). */
export default function DepartmentDashboardPage() {
  const user = useUser();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const departmentId = id ? Number(id) : user.departmentId;
  const { data, error } = useOverview({ month, departmentId });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard-department">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{data?.scope.departmentName ?? ''} · 部门看板</Typography.Title>
        <DatePicker picker="month" allowClear value={month ? dayjs(`${month}-01`) : null} aria-label="统计月份"
          disabledDate={(d) => d.isAfter(dayjs(), 'month')} placeholder="本月"
          onChange={(d) => setParams(d ? { month: d.format('YYYY-MM') } : {})} />
      </Space>
      <Typography.Text type="secondary">本单位口径：受理、办结、满意度按当前主办单位计；超期按本单位自己的签收、协办意见、答复时限计。</Typography.Text>
      {data ? <OverviewBoard o={data} /> : <OverviewLoading error={error} />}
    </Space>
  );
}
