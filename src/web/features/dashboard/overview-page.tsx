import { DesktopOutlined } from '@ant-design/icons';
import { Button, DatePicker, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useIsDepartmentStaff } from '../../shared/can.js';
import { useOrg } from '../../app/org-context.js';
import { OverviewBoard, OverviewLoading, useOverview } from './overview-board.js';


/** 领导总览 (/dashboard): the whole city; department staff go to their own page. */
export default function OverviewPage() {
  const departmentStaff = useIsDepartmentStaff();
  const org = useOrg();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const { data, error } = useOverview({ month });
  if (departmentStaff) return <Navigate to="/dashboard/department" replace />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard-overview">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>数据看板 · 全市总览</Typography.Title>
        <Space wrap>
          <DatePicker picker="month" allowClear value={month ? dayjs(`${month}-01`) : null} aria-label="统计月份"
            disabledDate={(d) => d.isAfter(dayjs(), 'month')} placeholder="本月"
            onChange={(d) => setParams(d ? { month: d.format('YYYY-MM') } : {})} />
          <Select showSearch={{ optionFilterProp: 'label' }} placeholder="查看单位看板" style={{ width: 220 }} aria-label="查看单位看板"
            options={org.handlingDepartmentGroups} onChange={(id: number) => navigate(`/dashboard/department/${id}`)} />
          <Link to="/bigscreen"><Button icon={<DesktopOutlined />}>大屏</Button></Link>
        </Space>
      </Space>
      {data ? <OverviewBoard o={data} /> : <OverviewLoading error={error} />}
    </Space>
  );
}
