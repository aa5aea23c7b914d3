import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { isIn } from '../../../domain/case/status.js';
import { searchCases, searchKey } from '../../api/search.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { StatusTag } from '../../shared/case-tags.js';

// 来电历史: as the operator types the caller's number, every case ever filed from it, open and closed, newest first
// (GET /api/search/cases?phone=…, the whole number). Beside the duplicate hints, which show open cases only.

const debounceMs = 300;
const shown = 20;

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), debounceMs);
    return () => clearTimeout(t);
  }, [value]);
  return settled;
}

export function CallerHistory({ phone }: { phone: string | undefined }) {
  const digits = (phone ?? '').replace(/\D/g, '');
  const settled = useSettled(digits);
  const askable = settled.length >= 7 && settled.length <= 20 && settled === digits;
  const r = useQuery({ queryKey: searchKey({ phone: settled, limit: shown }), queryFn: () => searchCases({ phone: settled, limit: shown }), enabled: askable, retry: false });
  const items = askable ? r.data?.items ?? [] : [];
  const total = askable ? r.data?.total : null;
  const open = items.filter((c) => isIn('open', c.status)).length;
  const summary = !askable ? '输入完整号码后显示' : r.isFetching ? '查找中…' : r.error ? errorText(r.error)
    : total ? `共 ${total.count} 件，${total.count > shown ? `显示最近 ${shown} 件` : `其中未办结 ${open} 件`}` : '';
  return (
    <Card size="small" data-testid="caller-history" style={{ marginBottom: 16 }}
      title={<Space>来电历史{total && total.count > 0 && <Tag color="blue" data-testid="caller-history-count">{total.count}</Tag>}</Space>}
      extra={<Typography.Text type="secondary">{summary}</Typography.Text>}
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} style={{ margin: '4px 0' }} description={askable && r.isSuccess ? '该号码没有登记过诉求' : '输入来电号码后显示该号码的全部诉求（含已办结）'} />
      ) : (
        <List size="small" dataSource={items} style={{ maxHeight: 260, overflowY: 'auto' }}
          renderItem={(c) => (
            <List.Item data-testid="caller-history-item">
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Space wrap size={6}>
                  <Link to={`/cases/${c.id}`} target="_blank" tabIndex={-1}>{c.code}</Link>
                  <StatusTag status={c.status} />
                </Space>
                <Typography.Text>{c.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtTime(c.createdAt)} 登记{c.leadDepartmentName ? ` · 主办：${c.leadDepartmentName}` : ''}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
