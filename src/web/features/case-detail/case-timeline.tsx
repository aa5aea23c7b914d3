import { Card, Space, Timeline, Typography } from 'antd';
import type { CaseDetail } from '../../../contracts/cases.js';
import { useOrg } from '../../app/org-context.js';
import { fmtTime } from '../../shared/format.js';
import { roleLabels } from '../../shared/labels.js';
import { eventColor, eventDetails, eventLabels } from './event-labels.js';

function actorText(e: CaseDetail['events'][number]): string {
  if (e.actorRole === 'system') return '系统';
  if (e.actorRole === 'submitter') return '诉求人';
  const role = roleLabels[e.actorRole as keyof typeof roleLabels];
  return [e.actorName ?? role ?? '', e.actorDepartmentName].filter(Boolean).join(' · ');
}

/** 办理过程: every event of the case, oldest first, with who, where, when and what. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const org = useOrg();
  const byAssignment = new Map(c.assignments.map((a) => [a.id, a]));
  const lookups = {
    deptName: org.deptName,
    assignmentDept: (id: unknown) => {
      const a = byAssignment.get(Number(id));
      return a ? `${a.departmentName}（${a.role === 'lead' ? '主办' : '协办'}）` : null;
    },
  };
  return (
    <Card title="办理过程" size="small" data-testid="timeline">
      <Timeline
        items={c.events.map((e) => ({
          key: e.seq,
          color: eventColor(e),
          content: (
            <div data-testid="timeline-item">
              <Space size={8} wrap>
                <Typography.Text strong>{eventLabels[e.type] ?? e.type}</Typography.Text>
                <Typography.Text type="secondary">{fmtTime(e.at)}</Typography.Text>
                <Typography.Text type="secondary">{actorText(e)}</Typography.Text>
              </Space>
              {eventDetails(e, lookups).map((d) => (
                <div key={d.label} className="yw-pre" style={{ fontSize: 13, marginTop: 2 }}>
                  <Typography.Text type="secondary">{d.label}：</Typography.Text>{d.value}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
