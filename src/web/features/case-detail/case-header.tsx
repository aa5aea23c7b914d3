import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CaseDetail } from '../../../contracts/cases.js';
import { DeadlineText, StatusTag, SupervisionTag, UrgencyTag } from '../../shared/case-tags.js';
import { fmtTime } from '../../shared/format.js';
import { channelLabels } from '../../shared/labels.js';
import { awaitedOpinionNote } from './awaited-note.js';
import { ToKnowledgeButton } from '../knowledge/to-entry-button.js';

/** Code, title, status and the facts a handler needs before reading the timeline. */
export function CaseHeader({ c, actions }: { c: CaseDetail; actions: ReactNode }) {
  const awaited = awaitedOpinionNote(c, new Date());
  return (
    <Card data-testid="case-header">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text type="secondary" copyable data-testid="case-code">{c.code}</Typography.Text>
          <Typography.Title level={3} style={{ margin: '4px 0 8px' }} data-testid="case-title">{c.title}</Typography.Title>
          <Space size={4} wrap>
            <StatusTag status={c.status} acceptedAt={c.acceptedAt} />
            <UrgencyTag urgency={c.urgency} />
            <SupervisionTag level={c.supervisionLevel} />
            {c.suspended && <Typography.Text type="warning">（已挂起）</Typography.Text>}
            {c.round > 1 && <Typography.Text type="secondary">第 {c.round} 轮办理</Typography.Text>}
          </Space>
        </div>
        <div style={{ textAlign: 'right' }}>
          <div><Typography.Text type="secondary">答复期限</Typography.Text></div>
          <div style={{ fontSize: 18 }}><DeadlineText deadline={c.replyDeadline} status={c.status} suspended={c.suspended} /></div>
          {c.replyDeadline && ['submitted', 'dispatched', 'handling'].includes(c.status) && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(c.replyDeadline)}</Typography.Text>}
          <Space size={4} style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 8 }}>
            <Button size="small" icon={<PrinterOutlined />} href={`/print/cases/${c.id}`} target="_blank" data-testid="print-case">打印办理单</Button>
            {c.dispatchedAt && <Button size="small" icon={<PrinterOutlined />} href={`/print/cases/${c.id}/dispatch`} target="_blank" data-testid="print-dispatch">打印交办单</Button>}
            <ToKnowledgeButton c={c} />
          </Space>
        </div>
      </div>
      <div style={{ marginTop: 16 }} data-testid="case-actions">{actions}</div>
      {awaited && <Alert style={{ marginTop: 16 }} type="info" showIcon data-testid="awaited-opinions" title={awaited} />}
      {c.suspended && c.suspendReason && <Alert style={{ marginTop: 16 }} type="warning" showIcon title={`诉求已挂起：${c.suspendReason}`} />}
      {c.pendingExtensionUntil && (
        <Alert style={{ marginTop: 16 }} type="info" showIcon title={`延期申请待审批：申请延期至 ${fmtTime(c.pendingExtensionUntil)}`} description={c.pendingExtensionReason} />
      )}
      {c.rejectReason && <Alert style={{ marginTop: 16 }} type="error" showIcon title={`不予受理：${c.rejectReason}`} />}
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginTop: 16 }} bordered styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="问题类别">{c.categoryName}</Descriptions.Item>
        <Descriptions.Item label="登记渠道">{channelLabels[c.channel]}</Descriptions.Item>
        <Descriptions.Item label="所属区县">{c.districtName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="主办单位">{c.leadDepartmentName ?? '未派单'}</Descriptions.Item>
        <Descriptions.Item label="登记时间">{fmtTime(c.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="派单时间">{fmtTime(c.dispatchedAt)}</Descriptions.Item>
        <Descriptions.Item label="诉求人">{c.submitterName}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{c.submitterPhone}</Descriptions.Item>
        <Descriptions.Item label="地址">{c.address ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="企业名称">{c.enterpriseName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{c.enterpriseCreditCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="公开">{c.isPublic ? (c.isNamePublic ? '公开（含姓名）' : '公开（隐去姓名）') : '不公开'}</Descriptions.Item>
        <Descriptions.Item label="诉求内容" span="filled">
          <div className="yw-pre" data-testid="case-description">{c.description}</div>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
