import { Button, Card, Select, Space, Table, Tabs, Tag, Tooltip, Typography, Upload, App } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { indicatorSystemLabels, indicatorSystems, type IndicatorList } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { useCan } from '../../shared/can.js';
import { fileToBase64 } from '../catalogue/api.js';
import { copyYear, exportIndicatorsUrl, importIndicators, listIndicators } from './api.js';
import { IndicatorDrawer } from './indicator-drawer.js';
import { directionLabels, LightTag } from './labels.js';
import { PressesPanel } from './presses-panel.js';

type Item = IndicatorList['items'][number];
type Row = Item & { children?: Item[] };

/** 营商环境评价指标 (/indicators): the year's system with each indicator's light; the registry for the 营商办. */
export default function IndicatorsPage() {
  const can = useCan();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [system, setSystem] = useState<'national' | 'province'>('national');
  const [year, setYear] = useState<number | undefined>();
  const [editing, setEditing] = useState<{ item: Item | null; parentId: number | null } | null>(null);
  const q = useQuery({ queryKey: ['indicators', 'list', system, year], queryFn: () => listIndicators({ system, year }) });
  const data = q.data;
  const manage = can('indicator:manage');
  const rows: Row[] = (data?.items ?? []).filter((i) => i.parentId === null).map((p) => ({ ...p, children: data!.items.filter((c) => c.parentId === p.id) }));
  const refresh = () => void qc.invalidateQueries({ queryKey: ['indicators'] });

  const copyNext = () => {
    if (!data) return;
    modal.confirm({
      title: `把 ${data.year} 年的指标体系复制到 ${data.year + 1} 年？`, content: '复制后可在新年度里修改，本年度的指标和数据不受影响。', okText: '复制',
      onOk: async () => {
        try {
          const r = await copyYear({ system, fromYear: data.year, toYear: data.year + 1 });
          message.success(`已复制 ${r.copied} 项指标`);
          setYear(data.year + 1);
          refresh();
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };
  const importFile = async (file: File) => {
    if (!data) return false;
    try {
      const r = await importIndicators({ year: data.year, system, fileName: file.name, contentBase64: await fileToBase64(file) });
      message.success(`导入完成：新增 ${r.created} 项，更新 ${r.updated} 项`);
      refresh();
    } catch (err) {
      message.error(errorText(err));
    }
    return false;
  };

  const registry = (
    <Card
      title={<Space>
        <Select value={system} onChange={(v) => { setSystem(v); setYear(undefined); }} style={{ width: 180 }} aria-label="指标体系"
          options={indicatorSystems.map((s) => ({ value: s, label: indicatorSystemLabels[s] }))} />
        <Select value={data?.year} onChange={setYear} style={{ width: 120 }} aria-label="评价年度"
          options={(data?.years.length ? data.years : data ? [data.year] : []).map((y) => ({ value: y, label: `${y} 年度` }))} />
      </Space>}
      extra={manage && (
        <Space>
          <Button type="primary" onClick={() => setEditing({ item: null, parentId: null })}>新增一级指标</Button>
          <Button onClick={copyNext} disabled={!data?.items.length}>复制到下一年度</Button>
          <Button href={data ? exportIndicatorsUrl(data.year, system) : undefined} disabled={!data?.items.length}>导出 Excel</Button>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => importFile(f)}><Button>导入 Excel</Button></Upload>
        </Space>
      )}>
      <Table<Row> rowKey="id" size="middle" loading={q.isPending} dataSource={rows} pagination={false} expandable={{ defaultExpandAllRows: false }}
        locale={{ emptyText: '本年度尚未登记指标' }}
        columns={[
          { title: '指标', key: 'name', render: (_, r) => (r.parentId === null
            ? <Space><Link to={`/indicators/${r.id}`}>{r.name}</Link>{r.isMine && <Tag color="blue">本单位牵头</Tag>}</Space>
            : <span>{r.name}{r.unit ? `（${r.unit}）` : ''}</span>) },
          { title: '编码', dataIndex: 'code', width: 140 },
          { title: '红绿灯', key: 'light', width: 120, render: (_, r) => <LightTag light={r.light} /> },
          { title: '牵头单位', key: 'lead', width: 200, render: (_, r) => r.leadDepartmentName ?? '（随一级指标）' },
          { title: '权重', dataIndex: 'weight', width: 80, render: (w: number, r) => (r.parentId === null ? w : '') },
          { title: '方向 / 目标', key: 'target', width: 240, render: (_, r) => (r.parentId === null ? '' : (
            <Tooltip title={`省内最优 ${r.targetProvinceBest ?? '—'}，标杆城市 ${r.targetBenchmark ?? '—'}`}>
              {directionLabels[r.direction]}，承诺 {r.targetCommitment ?? '—'}
            </Tooltip>)) },
          ...(manage ? [{ title: '操作', key: 'op', width: 170, render: (_: unknown, r: Row) => (
            <Space>
              <Button size="small" onClick={() => setEditing({ item: r, parentId: r.parentId })}>编辑</Button>
              {r.parentId === null && <Button size="small" onClick={() => setEditing({ item: null, parentId: r.id })}>加分项</Button>}
            </Space>) }] : []),
        ]} />
      {editing && data && (
        <IndicatorDrawer open year={data.year} system={system} initial={editing.item} parentId={editing.parentId}
          onClose={() => setEditing(null)} onSaved={() => { setEditing(null); refresh(); }} />
      )}
    </Card>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>营商环境评价指标</Typography.Title>
      <Tabs items={[
        { key: 'registry', label: '指标体系与红绿灯', children: registry },
        { key: 'presses', label: '请求督办', children: <PressesPanel /> },
      ]} />
    </Space>
  );
}
