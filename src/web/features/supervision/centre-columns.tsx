import { Space, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { CentreRow } from '../../../contracts/supervision.js';
import { DeadlineText, StatusTag, SupervisionTag } from '../../shared/case-tags.js';
import { orderLevelLabels, warningLabels } from './labels.js';
import { ReviewActions } from './review-actions.js';

/** Columns shared by the centre and the department page. */
export function centreColumns(opts: { canDecide: boolean; onChanged(): void; linkDepartments: boolean }): TableColumnsType<CentreRow> {
  return [
    {
      title: '预警', dataIndex: 'warningLevel', width: 88, fixed: 'left',
      render: (w: CentreRow['warningLevel']) => <Tag color={warningLabels[w].color}>{warningLabels[w].text}</Tag>,
    },
    { title: '诉求', key: 'title', width: 220, render: (_, r) => <Link to={`/cases/${r.id}`} title={r.title}><div className="yw-clamp2">{r.title}</div><small style={{ color: '#8c8c8c' }}>{r.code}</small></Link> },
    { title: '状态', dataIndex: 'status', width: 84, render: (s: CentreRow['status']) => <StatusTag status={s} /> },
    { title: '类别', dataIndex: 'categoryName', width: 96, ellipsis: true },
    {
      title: '主办单位', dataIndex: 'leadDepartmentName', width: 136,
      render: (n: string | null, r) => (opts.linkDepartments && r.leadDepartmentId ? <Link to={`/supervision/departments/${r.leadDepartmentId}`}>{n}</Link> : n),
    },
    { title: '办理期限', dataIndex: 'replyDeadline', width: 124, render: (d: string | null, r) => <DeadlineText deadline={d} status={r.status} /> },
    { title: '已受理', dataIndex: 'ageDays', width: 72, render: (d: number) => `${d} 天` },
    {
      title: '督办', key: 'sup', width: 104,
      render: (_, r) => (
        <Space size={2} wrap>
          {r.supervisionLevel !== 'none' && <SupervisionTag level={r.supervisionLevel} />}
          {r.openOrderLevel && <Tag color={orderLevelLabels[r.openOrderLevel].color}>督办单·{orderLevelLabels[r.openOrderLevel].text}</Tag>}
        </Space>
      ),
    },
    // At 1440 px every column fits beside the fixed actions (widths sum to the card's ~1,120 px; e2e/supervision
    // checks that none lies under them); narrower windows scroll the columns between inside the table.
    { title: '待审申请', key: 'review', width: 150, fixed: 'right', render: (_, r) => <ReviewActions row={r} canDecide={opts.canDecide} onChanged={opts.onChanged} /> },
  ];
}
