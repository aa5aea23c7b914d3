import { Card, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { FollowUpCall } from '../../../contracts/followups.js';
import { caseKey } from '../../api/cases.js';
import { getCaseFollowUps } from '../../api/followups.js';
import { fmtTime } from '../../shared/format.js';
import { ratingColors, ratingLabels } from '../../shared/labels.js';
import { useCan } from '../../shared/can.js';

const failureText: Record<NonNullable<FollowUpCall['failureReason']>, string> = {
  no_answer: '无人接听', busy: '占线', powered_off: '关机', invalid_number: '空号/错号', declined: '拒绝回访',
};

/** 回访记录: the desk's calls to a phone submitter (reached calls carry the rating they recorded). */
export function FollowUpsPanel({ caseId }: { caseId: number }) {
  const can = useCan();
  const allowed = can('followup:record');
  const { data } = useQuery({ queryKey: caseKey(caseId, 'followups'), queryFn: () => getCaseFollowUps(caseId), enabled: allowed });
  const items = data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Card title="回访记录" size="small" data-testid="followups">
      <Table<FollowUpCall>
        rowKey="id" size="small" pagination={false} dataSource={items}
        columns={[
          { title: '时间', dataIndex: 'calledAt', width: 150, render: (v: string) => fmtTime(v) },
          { title: '轮次', dataIndex: 'round', width: 70, render: (r: number) => `第${r}轮` },
          { title: '结果', key: 'outcome', width: 160, render: (_, f) => (f.outcome === 'reached'
            ? <>{f.rating && <Tag color={ratingColors[f.rating]}>{ratingLabels[f.rating]}</Tag>}{f.isValid ? <Tag color="green">有效回访</Tag> : <Tag>非有效回访</Tag>}</>
            : <Tag color="orange">未接通：{f.failureReason ? failureText[f.failureReason] : ''}</Tag>) },
          { title: '诉求人意见 / 备注', key: 'words', render: (_, f) => <span className="yw-pre">{[f.callerWords, f.note].filter(Boolean).join('\n') || <Typography.Text type="secondary">—</Typography.Text>}</span> },
          { title: '回访人', dataIndex: 'operatorName', width: 120 },
        ]}
      />
    </Card>
  );
}
