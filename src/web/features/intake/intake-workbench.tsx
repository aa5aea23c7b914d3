import { Col, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ViewTabs } from '../workbench/view-tabs.js';
import { FollowUpPanel } from './follow-up-panel.js';
import { IntakeForm } from './intake-form.js';
import { RoutingSuggestions } from '../routing/routing-suggestions.js';

/** 受理台: register phone cases on the left; the queue waiting for acceptance and the follow-up calls on the right. */
export default function IntakeWorkbench() {
  const qc = useQueryClient();
  // A new case enters the queues; a phone case may also be a follow-up the panel lists.
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['cases'] }), qc.invalidateQueries({ queryKey: ['followups'] })]);
  return (
    <div data-testid="workbench-intake">
      <Typography.Title level={3} style={{ marginTop: 0 }}>受理台</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} xxl={10} xl={11}>
          <IntakeForm onCreated={() => void refresh()} />
        </Col>
        <Col xs={24} xxl={14} xl={13}>
          <ViewTabs
            title="受理队列"
            compact
            tabs={[
              // Each waiting case opens to the router's three suggestions: one click dispatches it.
              { view: 'intake', label: '待受理', empty: '没有待受理的诉求', expand: (c, reload) => <RoutingSuggestions caseId={c.id} onDispatched={reload} />, batch: 'dispatch' },
              { view: 'awaiting_rating', label: '待评价', empty: '没有待评价的诉求' },
              { view: 'all', label: '全部', empty: '暂无诉求' },
            ]}
          />
          <FollowUpPanel />
        </Col>
      </Row>
    </div>
  );
}
