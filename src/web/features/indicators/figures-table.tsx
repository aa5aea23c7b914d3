import { App, Button, Input, InputNumber, Modal, Popover, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Figure, IndicatorDetail } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { fileUrl, reviewFigure } from './api.js';
import { figureStatusColors, figureStatusLabels, LightTag, stepLabels } from './labels.js';

type Measure = IndicatorDetail['measures'][number];

/** A sub-measure's figures by period: value, review state, light, evidence, the steps taken, and the 营商办's actions. */
export function FiguresTable({ measure }: { measure: Measure }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<{ figure: Figure; action: 'return' | 'correct' } | null>(null);
  const [reason, setReason] = useState('');
  const [value, setValue] = useState<number | null>(null);
  const act = async (f: Figure, body: Parameters<typeof reviewFigure>[1]) => {
    try {
      await reviewFigure(f.id, body);
      message.success({ accept: '已审核通过', return: '已退回', correct: '已更正并通过' }[body.action]);
      setAsking(null);
      await qc.invalidateQueries({ queryKey: ['indicators'] });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <Table<Figure> size="small" rowKey="id" pagination={false} dataSource={[...measure.figures].reverse()} locale={{ emptyText: '尚未填报' }}
        columns={[
          { title: '期间', dataIndex: 'periodLabel', width: 130 },
          { title: '数值', key: 'v', width: 110, render: (_, f) => <span data-testid="figure-value">{f.value}{measure.unit ? ` ${measure.unit}` : ''}</span> },
          { title: '状态', key: 's', width: 90, render: (_, f) => <Tag color={figureStatusColors[f.status]} data-testid="figure-status">{figureStatusLabels[f.status]}</Tag> },
          { title: '红绿灯', key: 'l', width: 110, render: (_, f) => (f.status === 'accepted' ? <LightTag light={f.light} /> : '—') },
          { title: '佐证', key: 'e', render: (_, f) => (f.evidence.length ? f.evidence.map((e) => <div key={e.id}><a href={fileUrl(e.id)} target="_blank" rel="noreferrer">{e.fileName}</a></div>) : '—') },
          { title: '过程', key: 'p', width: 70, render: (_, f) => (
            <Popover title="填报与审核记录" content={<Timeline items={f.steps.map((s) => ({ children: `${fmtTime(s.at)} ${s.by} ${stepLabels[s.action]}${s.action === 'correct' ? `：${s.valueBefore} → ${s.valueAfter}` : ''}${s.reason ? `（${s.reason}）` : ''}` }))} />}>
              <Button size="small" type="link">查看</Button>
            </Popover>) },
          { title: '审核', key: 'a', width: 200, render: (_, f) => (
            <Space orientation="vertical" size={2}>
              {f.status === 'returned' && <Typography.Text type="warning" style={{ fontSize: 12 }}>退回理由：{f.returnReason}</Typography.Text>}
              <Space size={4}>
                {f.allowedActions.includes('accept') && <Button size="small" type="primary" onClick={() => void act(f, { action: 'accept', version: f.version })}>通过</Button>}
                {f.allowedActions.includes('return') && <Button size="small" onClick={() => { setReason(''); setAsking({ figure: f, action: 'return' }); }}>退回</Button>}
                {f.allowedActions.includes('correct') && <Button size="small" onClick={() => { setReason(''); setValue(f.value); setAsking({ figure: f, action: 'correct' }); }}>更正</Button>}
              </Space>
            </Space>) },
        ]} />
      <Modal open={!!asking} title={asking?.action === 'return' ? '退回填报单位' : '更正数值（记录更正前后）'} okText="确定" onCancel={() => setAsking(null)}
        okButtonProps={{ disabled: !reason.trim() || (asking?.action === 'correct' && value === null) }}
        onOk={() => asking && void act(asking.figure, asking.action === 'return'
          ? { action: 'return', version: asking.figure.version, reason }
          : { action: 'correct', version: asking.figure.version, value: value ?? 0, reason })}>
        {asking?.action === 'correct' && <InputNumber value={value} onChange={(v) => setValue(v)} style={{ width: 200, marginBottom: 8 }} aria-label="更正后的数值" />}
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="理由（必填）" aria-label="理由" maxLength={500} />
      </Modal>
    </>
  );
}
