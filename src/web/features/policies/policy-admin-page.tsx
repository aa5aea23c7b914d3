import { App, Button, Card, Descriptions, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import type { Limit } from '../../../domain/sla/policy.js';
import type { PolicyDto } from '../../../contracts/calendar.js';
import { deletePolicy, fetchPolicies, fetchPolicyHistory } from '../../api/calendar.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { fmtTime } from '../../shared/format.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import type { CaseKind } from '../../../domain/case/status.js';
import { PolicyForm, urgencyOptions, type PolicyStart } from './policy-form.js';

const limitText = (l: Limit) => `${l.value} ${l.unit === 'days' ? '个工作日' : '个工作小时'}`;
const urgencyText = (u: string) => urgencyOptions.find((o) => o.value === u)?.label ?? u;

/** 办理时限: time-limit policies per category, case type and urgency, versioned; saving recomputes open deadlines. */
export default function PolicyAdminPage() {
  const { message } = App.useApp();
  const org = useOrg();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['policies'], queryFn: fetchPolicies });
  useErrorToast(error);
  const [editing, setEditing] = useState<PolicyDto | null | undefined>(undefined);
  const [start, setStart] = useState<PolicyStart | null>(null);
  const [history, setHistory] = useState<{ title: string; items: PolicyDto[] } | null>(null);
  const categoryName = (id: number | null) => (id === null ? '全部类别' : org.category(id)?.name ?? `类别 ${id}`);
  const typeName = (t: CaseKind | null) => (t === null ? '全部类型' : caseTypeLabels[t]);
  const replyDaysOf = (k: CaseKind) => data?.replyDaysByType.find((d) => d.caseType === k)?.days;
  const startNew = (s: PolicyStart | null) => { setStart(s); setEditing(null); };

  const reload = () => qc.invalidateQueries({ queryKey: ['policies'] });

  const columns = [
    { title: '问题类别', key: 'c', render: (_: unknown, r: PolicyDto) => categoryName(r.categoryId) },
    { title: '诉求类型', key: 't', width: 90, render: (_: unknown, r: PolicyDto) => typeName(r.caseType) },
    { title: '紧急程度', key: 'u', width: 90, render: (_: unknown, r: PolicyDto) => urgencyText(r.urgency) },
    { title: '签收', key: 's', render: (_: unknown, r: PolicyDto) => limitText(r.sign) },
    { title: '协办意见', key: 'o', render: (_: unknown, r: PolicyDto) => limitText(r.opinion) },
    { title: '答复', key: 'r', render: (_: unknown, r: PolicyDto) => limitText(r.reply) },
    { title: '评价', key: 'ra', render: (_: unknown, r: PolicyDto) => limitText(r.rating) },
    { title: '黄色预警', key: 'w', width: 90, render: (_: unknown, r: PolicyDto) => `${Math.round(r.warningShare * 100)}%` },
    { title: '版本', key: 'v', width: 70, render: (_: unknown, r: PolicyDto) => <Tag>v{r.version}</Tag> },
  ];

  const showHistory = async (r: PolicyDto) => {
    try {
      const h = await fetchPolicyHistory(r.categoryId, r.caseType, r.urgency);
      setHistory({ title: `${categoryName(r.categoryId)} · ${typeName(r.caseType)} · ${urgencyText(r.urgency)}`, items: h.items });
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="办理时限" extra={<Button type="primary" onClick={() => startNew(null)}>新增策略</Button>}>
        <Table
          size="small"
          rowKey="id"
          loading={!data}
          dataSource={data?.current ?? []}
          pagination={false}
          locale={{ emptyText: '尚未设置策略，全部按默认时限执行' }}
          columns={[
            ...columns,
            {
              title: '操作', key: 'op', width: 180,
              render: (_: unknown, r: PolicyDto) => (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing(r)}>修改</Button>
                  <Button type="link" size="small" onClick={() => void showHistory(r)}>历史</Button>
                  <Popconfirm title="删除后恢复默认时限（历史版本保留），并重新计算在办诉求的期限。" onConfirm={async () => {
                    try {
                      await deletePolicy(r.categoryId, r.caseType, r.urgency);
                      message.success('已删除，恢复默认时限');
                      void reload();
                    } catch (err) {
                      message.error(errorText(err));
                    }
                  }}>
                    <Button type="link" size="small" danger>删除</Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {data && (
        <Card title="默认时限（未设置策略时适用）" size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="签收">{data.defaults.sign}</Descriptions.Item>
            <Descriptions.Item label="协办意见">{data.defaults.opinion}</Descriptions.Item>
            <Descriptions.Item label="答复">{data.defaults.reply}</Descriptions.Item>
            <Descriptions.Item label="按类型">
              <Space size={4} wrap>
                {data.replyDaysByType.map((d) => (
                  <Button key={d.caseType} size="small" data-testid={`type-default-${d.caseType}`} onClick={() => startNew({ caseType: d.caseType, replyDays: d.days })}>
                    {caseTypeLabels[d.caseType]} {d.days} 个工作日 · 调整
                  </Button>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="评价">{data.defaults.rating}</Descriptions.Item>
            <Descriptions.Item label="黄色预警">{Math.round(data.defaults.warningShare * 100)}%</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <PolicyForm open={editing !== undefined} initial={editing ?? null} start={start} replyDaysOf={replyDaysOf} onClose={() => setEditing(undefined)} onSaved={() => { setEditing(undefined); void reload(); }} />
      <Modal open={!!history} title={`历史版本：${history?.title ?? ''}`} footer={null} onCancel={() => setHistory(null)} width={900}>
        <Table
          size="small"
          rowKey="id"
          dataSource={history?.items ?? []}
          pagination={false}
          columns={[
            ...columns.slice(3),
            { title: '保存', key: 'at', render: (_: unknown, r: PolicyDto) => `${fmtTime(r.createdAt)} ${r.createdBy ?? ''}` },
            { title: '状态', key: 'st', render: (_: unknown, r: PolicyDto) => (r.deleted ? <Tag>已删除</Tag> : r.supersededAt ? <Tag>已替换</Tag> : <Tag color="green">现行</Tag>) },
          ]}
        />
      </Modal>
    </Space>
  );
}
