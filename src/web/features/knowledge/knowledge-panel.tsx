import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { KnowledgeHits } from '../../../contracts/knowledge.js';
import { knowledgeKey, searchKnowledge } from '../../api/knowledge.js';

// 知识库 at the desk: entries matching what the operator types appear at once (after a short pause); one click
// answers the caller from an entry and closes the call as 直接答复.

type Hit = KnowledgeHits['items'][number];
const debounceMs = 250;

export function KnowledgePanel({ text, onAnswer, busyId }: { text: string; onAnswer(hit: Hit): void; busyId: number | null }) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setSettled(text), debounceMs);
    return () => clearTimeout(t);
  }, [text]);
  const q = settled.trim().slice(0, 500);
  const r = useQuery({ queryKey: knowledgeKey('search', q), queryFn: () => searchKnowledge(q), enabled: [...q].length >= 2, staleTime: 30_000 });
  if ([...q].length < 2) return null;
  const items = r.data?.items ?? [];
  return (
    <Card size="small" title="知识库" style={{ marginBottom: 12 }} data-testid="knowledge-panel" loading={r.isLoading}
      extra={<Typography.Text type="secondary">可直接答复来电人并办结</Typography.Text>}>
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="知识库中没有相符的条目" /> : (
        <List
          size="small"
          dataSource={items.slice(0, 4)}
          renderItem={(h) => (
            <List.Item
              data-testid="knowledge-hit"
              actions={[
                <Button key="answer" type="primary" size="small" loading={busyId === h.id} disabled={busyId !== null && busyId !== h.id}
                  onClick={() => onAnswer(h)} data-testid="knowledge-answer">直接答复</Button>,
              ]}
            >
              <List.Item.Meta
                title={<Space size={4} wrap>{h.question}{h.visibility === 'internal' && <Tag>内部</Tag>}</Space>}
                description={(
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ marginBottom: 4 }}>{h.answer}</Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {h.ownerUnitName}{h.basisNumber ? ` · 依据 ${h.basisTitle ? `《${h.basisTitle}》` : ''}${h.basisNumber}` : ''}{h.validTo ? ` · 有效期至 ${h.validTo.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日')}` : ''}
                    </Typography.Text>
                  </>
                )}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
