import { App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail } from '../../../contracts/cases.js';
import type { StaffSimilarCase } from '../../../contracts/portal.js';
import { caseKey, findSimilarCases, runCommand } from '../../api/cases.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { statusLabels } from '../../shared/labels.js';

type SimilarCase = StaffSimilarCase;

const reasonText = { phone: '同一来电号码', enterprise: '同一企业', text: '内容相近' } as const;

/**
 * 疑似重复: open cases like this one (same phone or enterprise, close text), proposed for merging while the case
 * still waits at the desk. A merge links both cases and keeps one handling track.
 */
export function SimilarCasesPanel({ c, onMerged }: { c: CaseDetail; onMerged(next: CaseDetail): void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canMerge = c.allowedActions.includes('merge');

  const { data } = useQuery({
    queryKey: caseKey(c.id, 'similar'),
    queryFn: () => findSimilarCases({
      text: `${c.title}\n${c.description}`, phone: c.submitterPhone, creditCode: c.enterpriseCreditCode ?? undefined,
      enterpriseName: c.enterpriseName ?? undefined, categoryId: c.categoryId, excludeCaseId: c.id, limit: 5,
    }),
    enabled: canMerge,
  });
  const items = data?.items;

  if (!canMerge || !items || items.length === 0) return null;
  const merge = async (target: SimilarCase) => {
    try {
      const next = await runCommand(c.id, 'merge', { duplicateOf: target.id });
      message.success(`已并入 ${target.code}，两位诉求人将收到短信通知`);
      onMerged(next);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card title={<Space>疑似重复诉求<Tag color="orange">{items.length}</Tag></Space>} size="small" data-testid="similar-cases">
      <List
        size="small"
        dataSource={items}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button key="open" type="link" size="small" onClick={() => navigate(`/cases/${s.id}`)}>查看</Button>,
              <Popconfirm key="merge" title={`将本件并入 ${s.code}？`} description="并案后本件不再单独办理，办理进度以被并入的诉求为准。" okText="并案" cancelText="取消" onConfirm={() => merge(s)}>
                <Button size="small" data-testid="merge-into">并入此件</Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={<Space wrap><Typography.Text strong>{s.code}</Typography.Text>{s.title}</Space>}
              description={(
                <Space wrap size={4}>
                  {s.reasons.map((r) => <Tag key={r} color={r === 'text' ? 'blue' : 'volcano'}>{reasonText[r]}</Tag>)}
                  <Tag>{statusLabels[s.status as keyof typeof statusLabels] ?? s.status}</Tag>
                  {s.leadDepartmentName && <Typography.Text type="secondary">{s.leadDepartmentName}</Typography.Text>}
                  <Typography.Text type="secondary">{fmtTime(s.createdAt)}</Typography.Text>
                </Space>
              )}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
