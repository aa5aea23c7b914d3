import { BarChartOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CaseView } from '../../../contracts/cases.js';
import { useUser } from '../../app/auth-context.js';
import { CaseTable } from '../../shared/case-table.js';
import { useCaseList, useViewCount } from '../../shared/use-case-list.js';
import { CaseFilters, type CaseFilterValue } from '../cases/case-filters.js';

const tiles: { view: CaseView; label: string; color: string }[] = [
  { view: 'intake', label: '待受理', color: '#b45309' },
  { view: 'to_sign', label: '待签收', color: '#1d4ed8' },
  { view: 'handling', label: '办理中', color: '#0369a1' },
  { view: 'overdue', label: '已超期', color: '#dc2626' },
  { view: 'review', label: '待审核答复', color: '#7c3aed' },
  { view: 'closed', label: '已办结', color: '#15803d' },
];

function Tile({ view, label, color, active, onClick }: { view: CaseView; label: string; color: string; active: boolean; onClick(): void }) {
  const count = useViewCount({ view });
  return (
    <Card hoverable size="small" onClick={onClick} style={{ borderColor: active ? color : undefined, borderWidth: active ? 2 : 1 }} data-testid={`tile-${view}`}>
      <Statistic title={label} value={count ?? '—'} styles={{ content: { color, fontWeight: 600 } }} />
    </Card>
  );
}

/** 领导总览 (and the admin's read-only view): headline counts, then every case with filters. */
export default function LeaderWorkbench() {
  const user = useUser();
  const navigate = useNavigate();
  const [view, setView] = useState<CaseView>('all');
  const [filters, setFilters] = useState<CaseFilterValue>({});
  const list = useCaseList({ view, ...filters });
  return (
    <div data-testid="workbench-leader">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>{user.role === 'leader' ? '领导总览' : '诉求总览'}</Typography.Title>
        <Space>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/dashboard')}>数据看板</Button>
          <Button icon={<FundProjectionScreenOutlined />} onClick={() => window.open('/bigscreen', '_blank', 'noopener')}>大屏</Button>
        </Space>
      </Space>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {tiles.map((t) => (
          <Col key={t.view} xs={12} md={8} xl={4}>
            <Tile {...t} active={view === t.view} onClick={() => setView(view === t.view ? 'all' : t.view)} />
          </Col>
        ))}
      </Row>
      <Card title={view === 'all' ? '全部诉求' : tiles.find((t) => t.view === view)?.label} extra={<Typography.Text type="secondary">点击上方统计卡片可筛选，再次点击取消</Typography.Text>}>
        <CaseFilters value={filters} onChange={setFilters} withDepartment />
        <CaseTable list={list} emptyText="没有符合条件的诉求" />
      </Card>
    </div>
  );
}
