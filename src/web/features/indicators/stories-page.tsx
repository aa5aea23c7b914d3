import { App, Button, Card, Col, Descriptions, Drawer, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Story } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { useCan } from '../../shared/can.js';
import { fmtTime } from '../../shared/format.js';
import { fileUrl, listIndicators, listStories, nominateStory, reviewStory, storiesExportUrl } from './api.js';
import { EvidenceInput, type UploadedFile } from './evidence-input.js';
import { storyStatusLabels } from './labels.js';

interface NominateValues { caseCode: string; indicatorCode?: string; title: string; body: string; beforeText?: string; afterText?: string; departmentIds?: number[]; photos?: UploadedFile[] }

/** 优化营商环境故事 (/stories): staff nominate closed cases as stories; the 营商办 reviews the masked text beside the original and publishes. */
export default function StoriesPage() {
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const org = useOrg();
  const [form] = Form.useForm<NominateValues>();
  const [nominating, setNominating] = useState(false);
  const [reviewing, setReviewing] = useState<Story | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: ['stories'], queryFn: listStories });
  const indicators = useQuery({ queryKey: ['indicators', 'list', 'national'], queryFn: () => listIndicators() });
  const indicatorOptions = useMemo(() => (indicators.data?.items ?? []).filter((i) => i.parentId === null).map((i) => ({ value: i.code, label: i.name })), [indicators.data]);
  const reviewer = can('story:review');
  const refresh = () => qc.invalidateQueries({ queryKey: ['stories'] });

  const nominate = async () => {
    const v = await form.validateFields();
    try {
      await nominateStory({
        caseCode: v.caseCode.trim(), indicatorCode: v.indicatorCode ?? null, title: v.title, body: v.body, beforeText: v.beforeText ?? '', afterText: v.afterText ?? '',
        departmentIds: v.departmentIds ?? [], photoIds: (v.photos ?? []).map((p) => p.id),
      });
      message.success('已推荐，等待营商办审核');
      setNominating(false);
      form.resetFields();
      await refresh();
    } catch (err) {
      message.error(errorText(err));
    }
  };
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
            { title: '诉求', dataIndex: 'caseCode', width: 170 },
            { title: '状态', key: 's', width: 100, render: (_, s) => <Tag color={s.status === 'published' ? 'success' : s.status === 'returned' ? 'warning' : 'processing'} data-testid="story-status">{storyStatusLabels[s.status]}</Tag> },
            { title: '推荐人', dataIndex: 'nominatedBy', width: 160 },
            { title: '推荐时间', dataIndex: 'nominatedAt', width: 150, render: (v: string) => fmtTime(v) },
            { title: '', key: 'a', width: 100, render: (_, s) => <Button size="small" onClick={() => setReviewing(s)}>{reviewer && s.status === 'nominated' ? '审核' : '查看'}</Button> },
          ]} />
      </Card>

      <Drawer open={nominating} onClose={() => setNominating(false)} size={640} title="推荐故事（已办结的诉求）" destroyOnHidden>
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item name="caseCode" label="受理编号" rules={[{ required: true, whitespace: true, message: '请填写已办结诉求的受理编号' }]}><Input aria-label="受理编号" maxLength={40} /></Form.Item>
          <Form.Item name="indicatorCode" label="关联评价指标"><Select allowClear options={indicatorOptions} aria-label="关联评价指标" /></Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}><Input maxLength={80} aria-label="标题" /></Form.Item>
          <Row gutter={12}>
            <Col span={12}><Form.Item name="beforeText" label="改革（办理）前"><Input maxLength={500} placeholder="如：开户 5 个工作日" aria-label="改革前" /></Form.Item></Col>
            <Col span={12}><Form.Item name="afterText" label="改革（办理）后"><Input maxLength={500} placeholder="如：当日办结" aria-label="改革后" /></Form.Item></Col>
          </Row>
          <Form.Item name="body" label="故事正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}><Input.TextArea rows={8} maxLength={5000} aria-label="故事正文" /></Form.Item>
          <Form.Item name="departmentIds" label="参与单位"><Select mode="multiple" options={org.departments.map((d) => ({ value: d.id, label: d.name }))} optionFilterProp="label" aria-label="参与单位" /></Form.Item>
          <Form.Item name="photos" label="照片"><EvidenceInput label="上传照片" max={9} /></Form.Item>
          <Button type="primary" onClick={() => void nominate()}>提交推荐</Button>
        </Form>
      </Drawer>

      <Drawer open={!!reviewing} onClose={() => setReviewing(null)} size={1000} title={reviewing?.title} destroyOnHidden>
        {reviewing && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label="诉求">{reviewing.caseCode}</Descriptions.Item>
              <Descriptions.Item label="状态">{storyStatusLabels[reviewing.status]}</Descriptions.Item>
              <Descriptions.Item label="改革前">{reviewing.beforeText || '—'}</Descriptions.Item>
              <Descriptions.Item label="改革后">{reviewing.afterText || '—'}</Descriptions.Item>
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
