import { Button, Card, Empty } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { caseKey } from '../../api/cases.js';
import { getCaseOrders } from '../../api/supervision.js';
import { IssueOrderModal } from './issue-order-modal.js';
import { OrdersTable } from './orders-table.js';
import { useCan } from '../../shared/can.js';

/** The "督办单" panel of the case page: the case's orders and, for the office, the issue button. */
export function CaseOrdersPanel({ caseId, onChanged }: { caseId: number; onChanged(): void }) {
  const can = useCan();
  const [issuing, setIssuing] = useState(false);
  const visible = can('supervision:read');
  const { data } = useQuery({ queryKey: caseKey(caseId, 'orders'), queryFn: () => getCaseOrders(caseId), enabled: visible });
  if (!visible || !data || (data.items.length === 0 && data.issueTargets.length === 0)) return null;
  // The page's onChanged reloads everything under the case, this panel included, and the supervision lists.
  const changed = onChanged;
  return (
    <Card title="督办单" size="small" data-testid="orders-panel"
      extra={data.issueTargets.length > 0 && <Button type="primary" size="small" data-testid="issue-order" onClick={() => setIssuing(true)}>下发督办单</Button>}>
      {data.items.length ? <OrdersTable orders={data.items} onChanged={changed} /> : <Empty description="暂无督办单" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {issuing && <IssueOrderModal caseId={caseId} targets={data.issueTargets} onClose={() => setIssuing(false)} onDone={() => { setIssuing(false); changed(); }} />}
    </Card>
  );
}
