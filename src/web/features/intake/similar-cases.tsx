import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaseStatus } from '../../../domain/case/status.js';
import type { StaffSimilarCase, StaffSimilarRequest } from '../../../contracts/portal.js';
import { findSimilarCases } from '../../api/cases.js';
import { fmtTime } from '../../shared/format.js';
import { statusColors, statusLabels } from '../../shared/labels.js';

// 重复诉求提示: as the operator types, the desk asks POST /api/similar-cases (the similar-cases service) for open
// cases with the same caller number, enterprise or alike text, so a repeat call is recognised before it is filed.

export type SimilarQuery = Pick<StaffSimilarRequest, 'text' | 'phone' | 'creditCode' | 'enterpriseName' | 'categoryId'>;
export type SimilarItem = StaffSimilarCase;

const reasonLabels: Record<string, string> = { phone: '同一来电号码', enterprise: '同一企业', text: '内容相近' };
const debounceMs = 400;

/** Worth asking once there is a full phone number, a credit code, or a few words of text. */
function isAskable(q: SimilarQuery): boolean {
  return (q.phone?.replace(/\D/g, '').length ?? 0) >= 7 || (q.creditCode?.length ?? 0) === 18 || q.text.trim().length >= 6;
}

export function useSimilarCases(q: SimilarQuery): { items: SimilarItem[]; loading: boolean; failed: boolean } {
  // Asks only once the operator paused typing for debounceMs.
  const key = JSON.stringify(q);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const t = setTimeout(() => setSettled(key), debounceMs);
    return () => clearTimeout(t);
  }, [key]);
  const query = JSON.parse(settled) as SimilarQuery;
  const askable = isAskable(JSON.parse(key) as SimilarQuery) && isAskable(query);
  const r = useQuery({
    queryKey: ['cases', 'similar', settled],
    queryFn: () => findSimilarCases({
      text: query.text.slice(0, 2000), ...(query.phone ? { phone: query.phone } : {}), ...(query.creditCode ? { creditCode: query.creditCode } : {}),
      ...(query.enterpriseName ? { enterpriseName: query.enterpriseName } : {}),
      ...(query.categoryId ? { categoryId: query.categoryId } : {}),
    }),
    enabled: askable,
  });
  // A hint, not a gate: if the service is unavailable the operator simply files the case.
  if (!askable) return { items: [], loading: false, failed: false };
  return { items: r.data?.items ?? [], loading: r.isFetching, failed: r.isError };
}

export function SimilarCases({ items, loading, failed }: { items: SimilarItem[]; loading: boolean; failed: boolean }) {
  return (
    <Card
      size="small" data-testid="similar-cases" style={{ marginBottom: 16 }}
      title={<Space>可能重复的诉求{items.length > 0 && <Tag color="orange" data-testid="similar-count">{items.length}</Tag>}</Space>}
      extra={<Typography.Text type="secondary">{loading ? '查找中…' : failed ? '暂时无法查重' : '按来电号码、企业和内容自动查找'}</Typography.Text>}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="输入来电号码或诉求内容后自动提示" style={{ margin: '4px 0' }} />
      ) : (
        <List
          size="small" dataSource={items}
          renderItem={(s) => (
            <List.Item data-testid="similar-item">
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Link to={`/cases/${s.id}`} target="_blank" tabIndex={-1} data-testid="similar-code">{s.code}</Link>
                  <Tag color={statusColors[s.status as CaseStatus]}>{statusLabels[s.status as CaseStatus] ?? s.status}</Tag>
                  {s.reasons.map((r) => <Tag key={r} color={r === 'phone' ? 'volcano' : r === 'enterprise' ? 'gold' : 'blue'}>{reasonLabels[r] ?? r}</Tag>)}
                </Space>
                <Typography.Text>{s.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(s.createdAt)} 登记{s.leadDepartmentName ? ` · 主办：${s.leadDepartmentName}` : ''}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
