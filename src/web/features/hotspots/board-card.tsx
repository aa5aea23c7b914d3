import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { hotspotKeys, listHotspots } from '../../api/hotspots.js';
import { DistrictHotspotMap } from './district-map.js';
import { cnDate, kindLabels } from './labels.js';

// The dashboard's 热点分布 card (people with hotspot:read, city scope): the district map and the strongest hot spots
// of the latest detection, each opening its page.

export function HotspotBoardCard() {
  const { data } = useQuery({ queryKey: [...hotspotKeys, 'list', 'board'], queryFn: () => listHotspots({}) });
  const top = (data?.hotspots ?? []).slice(0, 6);
  return (
    <Card size="small" data-testid="dashboard-hotspots" title={`当前热点${data?.day ? `（${cnDate(data.day)}检测）` : ''}`} extra={<Link to="/hotspots">热点发现</Link>}>
      <Row gutter={16}>
        <Col xs={24} xl={10}><DistrictHotspotMap tone="light" height={320} /></Col>
        <Col xs={24} xl={14}>
          {top.length ? (
            <List size="small" dataSource={top} renderItem={(h) => (
              <List.Item>
                <span><Tag color={kindLabels[h.kind].color}>{kindLabels[h.kind].text}</Tag><Link to={`/hotspots/${h.id}`}>{h.summary}</Link></span>
              </List.Item>
            )} />
          ) : <Empty description="当前没有热点" />}
        </Col>
      </Row>
    </Card>
  );
}
