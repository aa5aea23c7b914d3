import { App, Button, Card, Col, Input, Modal, Radio, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IndicatorProblems } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { statusLabels } from '../../shared/labels.js';
import { indicatorProblems, requestPress } from './api.js';

type Item = IndicatorProblems['items'][number];

/** The enterprise problems of an indicator across every unit: hot spots, who holds them, the unsatisfied ones; the lead unit may ask to press a holder. */
export function ProblemsPanel({ indicatorId, canPress }: { indicatorId: number; canPress: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [only, setOnly] = useState<'all' | 'open' | 'unsatisfied'>('all');
  const [pressing, setPressing] = useState<Item | null>(null);
  const [dept, setDept] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['indicators', 'problems', indicatorId, only], queryFn: () => indicatorProblems(indicatorId, only) });
  const d = q.data;
  const send = async () => {
    if (!pressing || dept === null) return;
    try {
      await requestPress(indicatorId, { caseId: pressing.id, departmentId: dept, reason });
      message.success('已请求督查室督办');
      setPressing(null);
      await qc.invalidateQueries({ queryKey: ['indicators'] });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="indicator-problems">
      <Row gutter={16}>
        <Col span={6}><Card size="small"><Statistic title="关联企业诉求" value={d?.total ?? 0} suffix="件" /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="在办" value={d?.open ?? 0} suffix="件" /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="不满意" value={d?.unsatisfied ?? 0} suffix="件" valueStyle={{ color: d?.unsatisfied ? '#cf1322' : undefined }} /></Card></Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card size="small" title="热点类别">
            <Table size="small" rowKey="categoryId" pagination={false} dataSource={d?.hotSpots ?? []}
              columns={[{ title: '类别', dataIndex: 'categoryName' }, { title: '件数', dataIndex: 'cases', width: 80 }, { title: '不满意', dataIndex: 'unsatisfied', width: 80 }]} />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="在办单位">
            <Table size="small" rowKey="departmentId" pagination={false} dataSource={d?.byDepartment ?? []}
              columns={[{ title: '单位', dataIndex: 'departmentName' }, { title: '在办件数', dataIndex: 'open', width: 100 }]} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="企业诉求" extra={<Radio.Group value={only} onChange={(e) => setOnly(e.target.value)} optionType="button"
        options={[{ value: 'all', label: '全部' }, { value: 'open', label: '在办' }, { value: 'unsatisfied', label: '不满意' }]} />}>
        <Table<Item> size="small" rowKey="id" loading={q.isPending} dataSource={d?.items ?? []} pagination={{ pageSize: 20 }} scroll={{ x: 1320 }}
          columns={[
            { title: '受理编号', dataIndex: 'code', width: 190 },
            { title: '标题', dataIndex: 'title', width: 280 },
            { title: '类别', dataIndex: 'categoryName', width: 130 },
            { title: '企业', dataIndex: 'enterpriseName', width: 200, render: (v: string | null) => v ?? '—' },
            { title: '状态', key: 's', width: 150, render: (_, r) => <Space size={4}>{statusLabels[r.status as keyof typeof statusLabels] ?? r.status}{r.rating === 'unsatisfied' && <Tag color="red">不满意</Tag>}{r.warningLevel === 'red' && <Tag color="red">超期</Tag>}</Space> },
            { title: '在办单位', key: 'h', width: 180, render: (_, r) => r.holdingDepartments.map((h) => h.name).join('、') || '—' },
            { title: '受理时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtTime(v) },
            ...(canPress ? [{ title: '督办', key: 'p', width: 120, render: (_: unknown, r: Item) => (r.openPress
              ? <Tag>已请求督办</Tag>
              : <Button size="small" disabled={!r.holdingDepartments.length} title={r.holdingDepartments.length ? undefined : '没有单位在办，无需督办'}
                onClick={() => { setPressing(r); setDept(r.holdingDepartments[0]?.id ?? null); setReason(''); }}>请求督办</Button>) }] : []),
          ]} />
      </Card>
      <Modal open={!!pressing} title="请求督查室督办" okText="提交" onCancel={() => setPressing(null)} onOk={() => void send()} okButtonProps={{ disabled: !reason.trim() || dept === null }}>
        <Typography.Paragraph>{pressing?.code} {pressing?.title}</Typography.Paragraph>
        <Select style={{ width: '100%', marginBottom: 8 }} value={dept ?? undefined} onChange={setDept} aria-label="督办单位"
          options={(pressing?.holdingDepartments ?? []).map((h) => ({ value: h.id, label: h.name }))} />
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请求督办的理由（必填）" aria-label="督办理由" maxLength={500} />
      </Modal>
    </Space>
  );
}
