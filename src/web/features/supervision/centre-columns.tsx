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
      title: '预警', dataIndex: 'warningLevel', width: 96, fixed: 'left',
      render: (w: CentreRow['warningLevel']) => <Tag color={warningLabels[w].color}>{warningLabels[w].text}</Tag>,
    },
    { title: '诉求', key: 'title', width: 260, render: (_, r) => <Link to={`/cases/${r.id}`} title={r.title}><div className="yw-clamp2">{r.title}</div><small style={{ color: '#8c8c8c' }}>{r.code}</small></Link> },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: CentreRow['status']) => <StatusTag status={s} /> },
    { title: '类别', dataIndex: 'categoryName', width: 130, ellipsis: true },
    {
      title: '主办单位', dataIndex: 'leadDepartmentName', width: 170,
      render: (n: string | null, r) => (opts.linkDepartments && r.leadDepartmentId ? <Link to={`/supervision/departments/${r.leadDepartmentId}`}>{n}</Link> : n),
    },
    { title: '办理期限', dataIndex: 'replyDeadline', width: 140, render: (d: string | null, r) => <DeadlineText deadline={d} status={r.status} /> },
    { title: '已受理', dataIndex: 'ageDays', width: 80, render: (d: number) => `${d} 天` },
    {
      title: '督办', key: 'sup', width: 150,
      render: (_, r) => (
        <Space size={2} wrap>
          {r.supervisionLevel !== 'none' && <SupervisionTag level={r.supervisionLevel} />}
          {r.openOrderLevel && <Tag color={orderLevelLabels[r.openOrderLevel].color}>督办单·{orderLevelLabels[r.openOrderLevel].text}</Tag>}
        </Space>
      ),
    },
    // The actions stay in view at 1440 px: fixed on the right, the columns between scroll inside the table.
    { title: '待审申请', key: 'review', width: 170, fixed: 'right', render: (_, r) => <ReviewActions row={r} canDecide={opts.canDecide} onChanged={opts.onChanged} /> },
  ];
}
