import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Row, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { HotspotSummary } from '../../../contracts/hotspots.js';
import { errorText } from '../../api/client.js';
import { hotspotKeys, listHotspots, runHotspots } from '../../api/hotspots.js';
import { useOrg } from '../../app/org-context.js';
import { DistrictHotspotMap } from './district-map.js';
import { cnDate, cnDateTime, cnMonth, kindLabels } from './labels.js';
import { HotspotParamsButton, paramsSentence } from './params-modal.js';
import { windowWords } from '../../../domain/hotspots/index.js';

// 热点发现 (督查室): the day's hot spots in the words a leader reads, strongest first, with what became of each; the
// map beside; 立即检测 reruns today's detection (the daily job runs it once by itself).

export function TakenUp({ h }: { h: HotspotSummary }) {
  if (!h.item && !h.topicMonth) return <Tag>待处置</Tag>;
  return (
    <Space size={4} wrap>
      {h.item && <Link to={`/items/${h.item.id}`}><Tag color="blue">治理任务 {h.item.code}</Tag></Link>}
      {h.topicMonth && <Tag color="purple">{cnMonth(h.topicMonth)}每月一题</Tag>}
    </Space>
  );
}

export default function HotspotsPage() {
  const [params, setParams] = useSearchParams();
  const org = useOrg();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const day = params.get('day') ?? undefined;
  const kind = params.get('kind') ?? undefined;
  const districtId = params.get('districtId') ? Number(params.get('districtId')) : undefined;
  const { data, isLoading } = useQuery({ queryKey: [...hotspotKeys, 'list', day, kind, districtId], queryFn: () => listHotspots({ day, kind, districtId }) });
  const when = data ? windowWords(data.params.windowDays) : '近两周';
  const run = useMutation({
    mutationFn: runHotspots,
    onSuccess: (r) => {
      message.success(`已检测 ${cnDate(r.day)}：${when}诉求 ${r.casesRead} 件，发现热点 ${r.found} 个`);
      void qc.invalidateQueries({ queryKey: hotspotKeys });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const set = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  const runButton = (
    <Button icon={<ReloadOutlined />} loading={run.isPending} disabled={!data?.canRun} onClick={() => run.mutate()} data-testid="hotspots-run">立即检测</Button>
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>热点发现</Typography.Title>
        <Space wrap>
          {data?.days.length ? (
            <Select aria-label="检测日" style={{ width: 180 }} value={data.day ?? undefined} onChange={(v) => set('day', v)}
              options={data.days.map((d) => ({ value: d, label: `${cnDate(d)}检测` }))} />
          ) : null}
          <HotspotParamsButton />
          {data?.canRun ? runButton : <Tooltip title="只有督查室和系统管理员可以立即检测">{runButton}</Tooltip>}
        </Space>
      </Space>
      <Typography.Text type="secondary">
        {data && paramsSentence(data.params)}
        {data?.lastRunAt && ` 最近一次检测于 ${cnDateTime(data.lastRunAt)}，读取${when}诉求 ${data.casesRead ?? 0} 件。`}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card size="small" title="热点分布（区县）"><DistrictHotspotMap tone="light" height={380} /></Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={data?.day ? `${cnDate(data.day)}检测结果` : '检测结果'}
            extra={(
              <Space wrap>
                <Segmented size="small" value={kind ?? 'all'} onChange={(v) => set('kind', v === 'all' ? undefined : String(v))}
                  options={[{ value: 'all', label: '全部' }, { value: 'spike', label: '数量激增' }, { value: 'cluster', label: '相似聚集' }]} />
                <Select allowClear size="small" placeholder="所在区县" style={{ width: 120 }} value={districtId} onChange={(v) => set('districtId', v)} options={org.districtOptions} />
              </Space>
            )}>
            <Table<HotspotSummary> rowKey="id" size="small" loading={isLoading} pagination={false} dataSource={data?.hotspots ?? []}
              locale={{ emptyText: <Empty description={data?.day ? '该检测日没有发现热点' : '尚未检测，请点击“立即检测”'} /> }}
              columns={[
                { title: '热点', dataIndex: 'summary', render: (s: string, h) => <Link to={`/hotspots/${h.id}`} data-testid="hotspot-link">{s}</Link> },
                { title: '类型', dataIndex: 'kind', width: 96, render: (k: HotspotSummary['kind']) => <Tag color={kindLabels[k].color}>{kindLabels[k].text}</Tag> },
                { title: when, dataIndex: 'recentCount', width: 80, align: 'right', render: (n: number) => `${n} 件` },
                { title: '处置', key: 'taken', width: 180, render: (_: unknown, h) => <TakenUp h={h} /> },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
