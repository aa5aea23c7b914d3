import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Space, Timeline, Typography } from 'antd';
import type { AttachmentVisibility } from '../../../domain/case/types.js';
import { visibilityLabels } from '../../shared/attachment-field.js';
import { attachmentUrl, useCaseAttachments } from './attachments-panel.js';
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

/** The files an event carried (reply, opinion, report, order answer, request), from its payload. */
function carried(e: CaseDetail['events'][number]): { id: number; visibility: AttachmentVisibility }[] {
  const p = e.payload as { attachments?: { id: number; visibility: AttachmentVisibility }[] };
  return p.attachments ?? [];
}

/** 办理过程: every event of the case, oldest first, with who, where, when and what. */
export function CaseTimeline({ c }: { c: CaseDetail }) {
  const org = useOrg();
  const files = new Map((useCaseAttachments(c.id).data?.items ?? []).map((a) => [a.id, a]));
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
              {carried(e).length > 0 && (
                <div style={{ fontSize: 13, marginTop: 2 }} data-testid="timeline-attachments">
                  <Typography.Text type="secondary">附件：</Typography.Text>
                  <Space size={8} wrap>
                    {carried(e).map((x) => {
                      const f = files.get(x.id);
                      return (
                        <Typography.Link key={x.id} href={attachmentUrl(c.id, x.id, true)} target="_blank" rel="noopener noreferrer">
                          <PaperClipOutlined /> {f?.fileName ?? `附件 ${x.id}`}（{visibilityLabels[x.visibility]}）
                        </Typography.Link>
                      );
                    })}
                  </Space>
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
