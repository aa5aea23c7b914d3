import { useQuery } from '@tanstack/react-query';
import { Card, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ReplicaStatusView } from '../../../contracts/system.js';
import { api } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';

/** 只读副本 (admin): whether dashboards, the public board and exports read from the replica, and how far it lags. */
export function ReplicaCard() {
  const q = useQuery({ queryKey: ['admin', 'replica'], queryFn: () => api.get<ReplicaStatusView>('/api/admin/replica'), refetchInterval: 10_000 });
  const s = q.data;
  let body: ReactNode = <Typography.Text type="secondary">正在读取…</Typography.Text>;
  if (q.isError) body = <Typography.Text type="danger">无法读取副本状态</Typography.Text>;
  else if (s && !s.configured) body = <Typography.Text type="secondary">未配置只读副本（DATABASE_READ_URL），全部读取由主库承担。</Typography.Text>;
  else if (s) {
    const lag = s.lagSeconds === null ? null : Math.round(s.lagSeconds);
    body = (
      <>
        {!s.up ? <Tag color="red">副本无法连接</Tag> : s.inUse ? <Tag color="green">在用</Tag> : <Tag color="orange">延迟过大</Tag>}
        <Typography.Text data-testid="replica-lag">{lag === null ? '只读副本延迟 未知' : `只读副本延迟 ${lag} 秒`}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
          {s.inUse ? '数据看板、大屏、公开栏与导出读取副本' : `已改由主库读取（延迟上限 ${s.maxLagSeconds} 秒）`}
          {s.checkedAt ? `，检查于 ${fmtTime(s.checkedAt)}` : ''}
        </Typography.Text>
      </>
    );
  }
  return <Card size="small" title="只读副本" data-testid="replica-card" style={{ marginBottom: 16 }}>{body}</Card>;
}
