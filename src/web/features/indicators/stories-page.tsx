import { App, Button, Card, Col, Descriptions, Drawer, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Story } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { useCan } from '../../shared/can.js';
import { fmtTime } from '../../shared/format.js';
import { storyFigureLine } from '../../../domain/indicators/story.js';
import { fileUrl, listIndicators, listStories, reviewStory, storiesExportUrl } from './api.js';
import { storyStatusLabels } from './labels.js';
import { StoryNominateDrawer } from './story-nominate.js';

/** 优化营商环境故事 (/stories): staff nominate closed cases or finished reform measures as stories; the 营商办 reviews the masked text beside the original and publishes. */
export default function StoriesPage() {
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [nominating, setNominating] = useState(false);
  const [reviewing, setReviewing] = useState<Story | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['stories'], queryFn: listStories });
  const indicators = useQuery({ queryKey: ['indicators', 'list', 'national'], queryFn: () => listIndicators() });
  const indicatorOptions = useMemo(() => (indicators.data?.items ?? []).filter((i) => i.parentId === null).map((i) => ({ value: i.code, label: i.name })), [indicators.data]);
  const reviewer = can('story:review');
  const refresh = () => qc.invalidateQueries({ queryKey: ['stories'] });

  const review = async (body: Parameters<typeof reviewStory>[1]) => {
    if (!reviewing) return;
    try {
      await reviewStory(reviewing.id, body);
      message.success(body.action === 'publish' ? '已发布到公开网站' : '已退回');
      setReviewing(null);
      setReturning(false);
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>优化营商环境故事</Typography.Title>
        <Space>
          {reviewer && <Button href={storiesExportUrl}>导出已发布故事（Word）</Button>}
          {can('story:nominate') && <Button type="primary" onClick={() => setNominating(true)}>推荐故事</Button>}
        </Space>
      </Space>
      <Card>
        <Table<Story> rowKey="id" loading={q.isPending} dataSource={q.data?.items ?? []} locale={{ emptyText: '还没有故事' }}
          columns={[
            { title: '标题', dataIndex: 'title' },
            { title: '来源', key: 'src', width: 200, render: (_, s) => (s.itemCode ? `改革举措 ${s.itemCode}` : `诉求 ${s.caseCode ?? ''}`) },
            { title: '状态', key: 's', width: 100, render: (_, s) => <Tag color={s.status === 'published' ? 'success' : s.status === 'returned' ? 'warning' : 'processing'} data-testid="story-status">{storyStatusLabels[s.status]}</Tag> },
            { title: '推荐人', dataIndex: 'nominatedBy', width: 160 },
            { title: '推荐时间', dataIndex: 'nominatedAt', width: 150, render: (v: string) => fmtTime(v) },
            { title: '', key: 'a', width: 100, render: (_, s) => <Button size="small" onClick={() => setReviewing(s)}>{reviewer && s.status === 'nominated' ? '审核' : '查看'}</Button> },
          ]} />
      </Card>

      <StoryNominateDrawer open={nominating} onClose={() => setNominating(false)} onDone={refresh} indicatorOptions={indicatorOptions} />

      <Drawer open={!!reviewing} onClose={() => setReviewing(null)} size={1000} title={reviewing?.title} destroyOnHidden>
        {reviewing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label="来源">{reviewing.itemCode ? `改革举措 ${reviewing.itemCode}` : `诉求 ${reviewing.caseCode ?? ''}`}</Descriptions.Item>
              <Descriptions.Item label="状态">{storyStatusLabels[reviewing.status]}</Descriptions.Item>
              <Descriptions.Item label="改革前">{reviewing.beforeText || '—'}</Descriptions.Item>
              <Descriptions.Item label="改革后">{reviewing.afterText || '—'}</Descriptions.Item>
              {reviewing.figures.length > 0 && <Descriptions.Item label="前后对比" span={2}><span data-testid="story-figures-view">{reviewing.figures.map(storyFigureLine).join('；')}</span></Descriptions.Item>}
              <Descriptions.Item label="参与单位" span={2}>{reviewing.departmentNames.join('、') || '—'}</Descriptions.Item>
              {reviewing.reviewNote && <Descriptions.Item label="退回理由" span={2}>{reviewing.reviewNote}</Descriptions.Item>}
            </Descriptions>
            <Row gutter={16}>
              <Col span={12}><Card size="small" title="原文（内部）"><Typography.Title level={5}>{reviewing.title}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{reviewing.body}</Typography.Paragraph></Card></Col>
              <Col span={12}><Card size="small" title="公开文本（已脱敏）" data-testid="story-masked"><Typography.Title level={5}>{reviewing.maskedTitle}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{reviewing.maskedBody}</Typography.Paragraph></Card></Col>
            </Row>
            {reviewing.photos.length > 0 && <Space wrap>{reviewing.photos.map((p) => <a key={p.id} href={fileUrl(p.id)} target="_blank" rel="noreferrer"><img src={fileUrl(p.id)} alt={p.fileName} style={{ height: 96, borderRadius: 4 }} /></a>)}</Space>}
            {reviewer && reviewing.status === 'nominated' && (
              <Space>
                <Button type="primary" onClick={() => void review({ action: 'publish', version: reviewing.version })}>发布（公开脱敏文本）</Button>
                <Button onClick={() => { setReason(''); setReturning(true); }}>退回</Button>
              </Space>
            )}
          </Space>
        )}
      </Drawer>
      <Modal open={returning} title="退回故事" okText="退回" onCancel={() => setReturning(false)} okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => reviewing && void review({ action: 'return', version: reviewing.version, reason })}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="退回理由（必填）" aria-label="退回理由" />
      </Modal>
    </Space>
  );
}
