import { Space, Tag, Tooltip, Typography } from 'antd';
import type { CaseStatus, Rating, Urgency } from '../../domain/case/status.js';
import { overdueClockText, overdueDefinition } from '../../contracts/cases.js';
import { deadlineLabel, deadlineYearsWithoutNotice, fmtTime, useWorkCalendar } from './format.js';
import { ratingLabels, statusColors, statusText, supervisionLabels, urgencyColors, urgencyLabels } from './labels.js';

export function StatusTag({ status, acceptedAt }: { status: CaseStatus; acceptedAt?: string | null }) {
  return <Tag color={statusColors[status]} data-testid="case-status">{statusText(status, acceptedAt)}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  return <Tag color={urgencyColors[urgency]}>{urgencyLabels[urgency]}</Tag>;
}

export function SupervisionTag({ level }: { level: string }) {
  const s = supervisionLabels[level] ?? { text: level, color: 'default' };
  return <Tag color={s.color}>{s.text}</Tag>;
}

const warningTags = { yellow: { text: '黄色预警', color: 'gold' }, red: { text: '红色预警', color: 'red' } } as const;

/** The case's SLA warning (kept by the sweep); nothing when none. Red says which time limit passed (超期). */
export function WarningTag({ level, clock }: { level: 'none' | 'yellow' | 'red' | undefined; clock?: 'sign' | 'opinion' | 'reply' | null }) {
  if (!level || level === 'none') return null;
  const w = warningTags[level];
  const text = level === 'red' && clock ? `${overdueClockText[clock]}超期` : w.text;
  return <Tooltip title={level === 'red' ? overdueDefinition : '时限已用去预警比例，尚未超期'}><Tag color={w.color} data-testid="warning-level">{text}</Tag></Tooltip>;
}

const runningStatuses: readonly CaseStatus[] = ['submitted', 'dispatched', 'handling'];

/** "剩余 X 个工作日" / "已超期 X 个工作日" while a department still holds the case; the date otherwise. */
export function DeadlineText({ deadline, status, suspended }: { deadline: string | null; status: CaseStatus; suspended?: boolean }) {
  useWorkCalendar(); // re-render once the server's calendar is loaded
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!runningStatuses.includes(status)) return <Typography.Text type="secondary">{fmtTime(deadline)}</Typography.Text>;
  if (suspended) return <Tooltip title={`答复期限 ${fmtTime(deadline)}`}><Tag>已挂起</Tag></Tooltip>;
  const { text, overdue, days: d } = deadlineLabel(deadline);
  const type = overdue ? 'danger' : d <= 1 ? 'warning' : undefined;
  const missing = deadlineYearsWithoutNotice(deadline);
  return (
    <span>
      <Tooltip title={`答复期限 ${fmtTime(deadline)}`}>
        <Typography.Text type={type} strong={d <= 1} data-testid="deadline-text">{text}</Typography.Text>
      </Tooltip>
      {missing.length > 0 && (
        <Tooltip title={`期限跨入 ${missing.join('、')} 年，该年节假日安排尚未导入工作日历，暂按仅双休日计算（元旦、春节等未扣除），期限可能偏早；导入后自动重算。`}>
          <Tag color="warning" style={{ marginInlineStart: 4 }} data-testid="deadline-calendar-missing">{missing.join('、')}年日历未导入</Tag>
        </Tooltip>
      )}
    </span>
  );
}

/**
 * The 状态 cell of every case list (全部诉求, queues, 查询): the status, the warning (with the clock that is overdue
 * when known) and the rating, one component so the lists cannot drift apart.
 */
export function StatusCell({ status, warningLevel, overdueClock, rating }: {
  status: CaseStatus; warningLevel?: 'none' | 'yellow' | 'red'; overdueClock?: 'sign' | 'opinion' | 'reply' | null; rating?: Rating | null;
}) {
  return (
    <Space size={2} wrap data-testid="status-cell">
      <StatusTag status={status} />
      <WarningTag level={warningLevel} clock={overdueClock} />
      {rating && <Typography.Text type="secondary">{ratingLabels[rating]}</Typography.Text>}
    </Space>
  );
}
