import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import type { CaseDetail } from '../../../contracts/cases.js';
import { caseKey, getCase } from '../../api/cases.js';
import { ApiError, errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { ratingColors, ratingLabels } from '../../shared/labels.js';
import { AssignmentsTable } from './assignments-table.js';
import { AttachmentsPanel } from './attachments-panel.js';
import { FollowUpsPanel } from './followups-panel.js';
import { CaseActions } from './case-actions.js';
import { CaseHeader } from './case-header.js';
import { CaseTimeline } from './case-timeline.js';
import { SimilarCasesPanel } from './similar-panel.js';
import { RoutingSuggestions } from '../routing/routing-suggestions.js';
import { CaseOrdersPanel } from '../supervision/case-orders-panel.js';

function ReplyAndRating({ c }: { c: CaseDetail }) {
  if (!c.replyText && !c.rating) return null;
  return (
    <Card title="答复与评价" size="small" data-testid="reply-rating">
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
        {c.replyText && (
          <Descriptions.Item label="答复内容">
            <div className="yw-pre" data-testid="reply-text">{c.replyText}</div>
            {c.repliedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>答复于 {fmtTime(c.repliedAt)}</Typography.Text>}
          </Descriptions.Item>
        )}
        {c.rating && (
          <Descriptions.Item label="评价结果">
            <Space><Tag color={ratingColors[c.rating]} data-testid="rating-tag">{ratingLabels[c.rating]}</Tag>{c.redoRequested && <Tag color="red">要求重办</Tag>}</Space>
          </Descriptions.Item>
        )}
        {c.ratingComment && <Descriptions.Item label="评价说明"><span className="yw-pre">{c.ratingComment}</span></Descriptions.Item>}
        {c.status === 'awaiting_rating' && c.ratingDeadline && <Descriptions.Item label="评价期限">{fmtTime(c.ratingDeadline)}</Descriptions.Item>}
        {c.redoCount > 0 && <Descriptions.Item label="重办次数">{c.redoCount} 次</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

/** 诉求详情 at /cases/:id. */
export default function CasePage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const caseId = Number(id);
  const { data: c, error } = useQuery({
    queryKey: caseKey(caseId),
    queryFn: () => (Number.isInteger(caseId) && caseId > 0 ? getCase(caseId) : Promise.reject(new ApiError(404, 'CASE_NOT_FOUND', '诉求不存在或无权查看'))),
  });
  // Every panel of the page reads under ['cases', id]; after any change they all reload, with the lists.
  const load = () => void qc.invalidateQueries({ queryKey: ['cases'] });
  const setC = (next: CaseDetail) => qc.setQueryData(caseKey(caseId), next);

  if (error && !c) {
    return <Result status={error instanceof ApiError && error.status === 404 ? '404' : 'error'} title={errorText(error)} extra={<Button onClick={() => navigate('/cases')}>返回诉求列表</Button>} />;
  }
  if (!c) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const hasReply = !!(c.replyText || c.rating);
  return (
    <div data-testid="case-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingLeft: 0, marginBottom: 8 }}>返回</Button>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          {/* After a command the server answers with the updated case; reload anyway so the timeline and others' changes are current. */}
          <CaseHeader c={c} actions={<CaseActions c={c} onChanged={(next) => { setC(next); load(); }} />} />
        </Col>
        <Col span={24}>
          {/* Panels that render only when they have something to show; a flex column leaves no gap for empty ones. */}
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
            {(c.status === 'submitted' || c.channel === 'web' || c.channel === 'open311') && <RoutingSuggestions caseId={c.id} onDispatched={load} />}
            <SimilarCasesPanel c={c} onMerged={(next) => { setC(next); load(); }} />
            <AttachmentsPanel caseId={c.id} />
            <AssignmentsTable assignments={c.assignments} />
            <CaseOrdersPanel caseId={c.id} onChanged={load} />
            <FollowUpsPanel caseId={c.id} />
          </div>
        </Col>
        <Col xs={24} xl={hasReply ? 14 : 24}>
          <CaseTimeline c={c} />
        </Col>
        {hasReply && (
          <Col xs={24} xl={10}>
            <ReplyAndRating c={c} />
          </Col>
        )}
      </Row>
    </div>
  );
}
