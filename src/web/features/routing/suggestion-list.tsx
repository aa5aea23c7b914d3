import { Button, List, Progress, Space, Tag, Typography } from 'antd';
import type { SuggestedDepartment } from '../../../contracts/routing.js';
import { useOrg } from '../../app/org-context.js';
import { pct } from './labels.js';

/** Up to three departments, best first, with the confidence and the words that drove each. */
export function SuggestionList({ items, onPick, picking }: { items: SuggestedDepartment[]; onPick?: (s: SuggestedDepartment) => void; picking?: number | null }) {
  const org = useOrg();
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: '无建议' }}
      renderItem={(s, i) => (
        <List.Item
          actions={onPick ? [
            <Button key="pick" size="small" type={i === 0 ? 'primary' : 'default'} loading={picking === s.departmentId} disabled={picking != null && picking !== s.departmentId} onClick={() => onPick(s)}>
              派给{s.departmentName}
            </Button>,
          ] : undefined}
        >
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap>
              <b>{i + 1}. {s.departmentName}</b>
              {s.confidence == null ? <Tag color="blue">规则</Tag> : <Typography.Text type="secondary">置信度 {pct(s.confidence)}</Typography.Text>}
              {s.coDepartmentIds?.length ? <Typography.Text type="secondary">协办：{s.coDepartmentIds.map((id) => org.deptName(id)).join('、')}</Typography.Text> : null}
            </Space>
            {s.confidence != null && <Progress percent={Math.round(s.confidence * 100)} size="small" showInfo={false} style={{ maxWidth: 260, margin: 0 }} />}
            {s.words.length > 0 && (
              <Space size={[0, 4]} wrap>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>依据：</Typography.Text>
                {s.words.map((w) => <Tag key={w}>{w}</Tag>)}
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
