import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Space, Statistic, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { CentreRow } from '../../../contracts/supervision.js';
import { errorText } from '../../api/client.js';
import { getDepartmentPage, overdueUrl, supervisionKeys } from '../../api/supervision.js';
import { useUser } from '../../app/auth-context.js';
import { centreColumns } from './centre-columns.js';
import { OrdersTable } from './orders-table.js';
import { useCan } from '../../shared/can.js';

/** 单位督办页: /supervision/departments/:id (the office, leaders) and /supervision/mine (department staff). */
export default function DepartmentSupervisionPage() {
  const user = useUser();
  const can = useCan();
  const { id } = useParams();
  const departmentId = id ? Number(id) : user.departmentId;
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: [...supervisionKeys, 'department', departmentId], queryFn: () => getDepartmentPage(departmentId) });
  const load = () => void qc.invalidateQueries({ queryKey: supervisionKeys });

  if (error && !data) return <Result status="warning" title={errorText(error)} />;
  if (!data) return <Card><Skeleton active /></Card>;
  const overdue = data.cases.filter((c) => c.isOverdue).length;
  const openOrders = data.orders.filter((o) => o.state !== 'closed').length;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="department-page">
      <Card title={`${data.department.name} · 督办情况`}
        extra={<Space>
          <Button icon={<FileWordOutlined />} href={overdueUrl(departmentId, 'docx')}>超期清单（Word）</Button>
          <Button icon={<FileExcelOutlined />} href={overdueUrl(departmentId, 'xlsx')}>超期清单（Excel）</Button>
        </Space>}>
        <Space size={48}>
          <Statistic title="在办诉求" value={data.cases.length} />
          <Statistic title="已超期" value={overdue} valueStyle={overdue ? { color: '#cf1322' } : undefined} />
          <Statistic title="未办结督办单" value={openOrders} />
        </Space>
      </Card>
      <Card title="督办单" size="small"><OrdersTable orders={data.orders} onChanged={load} showCase /></Card>
      <Card title="在办诉求" size="small">
        <Table<CentreRow> rowKey="id" size="small" dataSource={data.cases} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }}
          columns={centreColumns({ canDecide: can('supervision:order'), onChanged: load, linkDepartments: false })} />
      </Card>
    </Space>
  );
}
