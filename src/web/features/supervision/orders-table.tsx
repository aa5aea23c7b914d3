import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Order } from '../../../contracts/supervision.js';
import type { OrderAction } from '../../../domain/supervision/types.js';
import { orderDocxUrl } from '../../api/supervision.js';
import { fmtTime } from '../../shared/format.js';
import { orderActionLabels, orderLevelLabels, orderStateLabels } from './labels.js';
import { OrderActionModal } from './order-forms.js';

/** Orders with their state and the buttons the server allows (allowedOrderActions). */
export function OrdersTable({ orders, onChanged, showCase = false }: { orders: Order[]; onChanged(): void; showCase?: boolean }) {
  const [acting, setActing] = useState<{ order: Order; action: OrderAction } | null>(null);
  return (
    <>
      <Table<Order>
        size="small" rowKey="id" dataSource={orders} pagination={orders.length > 10 ? { pageSize: 10 } : false} data-testid="orders-table"
        expandable={{
          rowExpandable: (o) => !!(o.answerText || o.closeReason),
          expandedRowRender: (o) => (
            <Space orientation="vertical" size={4}>
              {o.answerText && <div><Typography.Text strong>答复：</Typography.Text><span className="yw-pre">{o.answerText}</span>
                <Typography.Text type="secondary"> （{fmtTime(o.answeredAt)}{o.answeredLate ? '，逾期答复' : ''}）</Typography.Text></div>}
              {o.closeReason && <div><Typography.Text strong>办结意见：</Typography.Text>{o.closeReason}</div>}
            </Space>
          ),
        }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 130 },
          ...(showCase ? [{ title: '诉求', key: 'case', render: (_: unknown, o: Order) => <Link to={`/cases/${o.caseId}`}>{o.caseCode} {o.caseTitle}</Link> }] : []),
          { title: '被督办单位', dataIndex: 'departmentName' },
          { title: '等级', dataIndex: 'level', width: 80, render: (l: Order['level']) => <Tag color={orderLevelLabels[l].color}>{orderLevelLabels[l].text}</Tag> },
          { title: '督办要求', dataIndex: 'demands', ellipsis: { showTitle: true } },
          {
            title: '办理时限', dataIndex: 'deadline', width: 150,
            render: (d: string, o: Order) => <Typography.Text type={o.isOverdue ? 'danger' : undefined}>{fmtTime(d)}{o.isOverdue ? '（已逾期）' : ''}</Typography.Text>,
          },
          {
            title: '状态', dataIndex: 'state', width: 130,
            render: (s: Order['state'], o: Order) => <Space size={2}><Tag color={orderStateLabels[s].color}>{orderStateLabels[s].text}</Tag>{o.answeredLate && <Tag color="red">逾期答复</Tag>}</Space>,
          },
          {
            title: '操作', key: 'actions', width: 230,
            render: (_: unknown, o: Order) => (
              <Space size={4} wrap>
                {o.allowedOrderActions.map((a) => (
                  <Button key={a} size="small" type={a === 'raise' ? 'default' : 'primary'} danger={a === 'raise'} data-testid={`order-${a}`} onClick={() => setActing({ order: o, action: a })}>
                    {orderActionLabels[a]}
                  </Button>
                ))}
                <Tooltip title="下载督办单（Word）"><Button size="small" icon={<FileWordOutlined />} href={orderDocxUrl(o.id)} /></Tooltip>
                <Tooltip title="打印督办单"><Button size="small" icon={<PrinterOutlined />} href={`/print/orders/${o.id}`} target="_blank" data-testid="print-order" /></Tooltip>
              </Space>
            ),
          },
        ]}
      />
      {acting && <OrderActionModal order={acting.order} action={acting.action} onClose={() => setActing(null)} onDone={() => { setActing(null); onChanged(); }} />}
    </>
  );
}
