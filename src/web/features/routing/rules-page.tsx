import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import type { Rule, RuleVersion } from '../../../contracts/routing.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { fmtTime } from '../../shared/format.js';
import { deleteRule, listRules, reorderRules, ruleHistory, updateRule } from './api.js';
import { blockingFlags, changeLabels } from './labels.js';
import { RuleForm } from './rule-form.js';

function FlagTags({ rule }: { rule: Pick<Rule, 'flags'> }) {
  if (!rule.flags.length) return <Tag color="green">正常</Tag>;
  return (
    <Space size={[0, 4]} wrap>
      {rule.flags.map((f, i) => (
        <Tooltip key={i} title={f.otherRuleName ? `${f.message}（规则「${f.otherRuleName}」）` : f.message}>
          <Tag color={blockingFlags.has(f.code) ? 'red' : 'orange'}>{f.message.split('：')[0]}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Rules in their order of precedence: the first active rule whose conditions all hold dispatches the case. */
export function RulesPage() {
  const { message } = App.useApp();
  const org = useOrg();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['routing', 'rules'], queryFn: listRules });
  useErrorToast(error);
  const rules = data?.items ?? null;
  const [editing, setEditing] = useState<Rule | null | undefined>(undefined);
  const [history, setHistory] = useState<{ rule: Rule; items: RuleVersion[] } | null>(null);

  const reload = () => qc.invalidateQueries({ queryKey: ['routing'] });

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) message.success(done);
    } catch (err) {
      message.error(errorText(err));
    }
    void reload();
  };

  const move = (index: number, delta: number) => {
    if (!rules) return;
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + delta, 0, id);
    void act(() => reorderRules(ids));
  };

  const conditionText = (r: Pick<Rule, 'categoryIds' | 'districtIds' | 'keywords' | 'keywordMode' | 'locations'>) => {
    const parts: string[] = [];
    if (r.categoryIds.length) parts.push(`类别：${r.categoryIds.map((id) => org.category(id)?.name ?? id).join('、')}`);
    if (r.districtIds.length) parts.push(`区域：${r.districtIds.map((id) => org.deptName(id)).join('、')}`);
    if (r.keywords.length) parts.push(`关键词（${r.keywordMode === 'all' ? '全部' : '任一'}）：${r.keywords.join('、')}`);
    if (r.locations.length) parts.push(`企业所在地：${r.locations.join('、')}`);
    return parts.length ? parts.join('；') : '（无条件）';
  };

  return (
    <Card
      title="派单规则"
      extra={<Button type="primary" onClick={() => setEditing(null)}>新建规则</Button>}
    >
      <Typography.Paragraph type="secondary">
        网站和 Open311 提交的诉求到达时，按顺序检查规则，第一条全部条件满足的启用规则立即派单；没有规则命中时由模型判断，置信度达到阈值才自动派单，否则留在受理台待人工派单。不设默认单位。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        loading={!rules}
        dataSource={rules ?? []}
        pagination={false}
        locale={{ emptyText: '尚无规则' }}
        columns={[
          { title: '顺序', key: 'pos', width: 90, render: (_: unknown, r: Rule, i: number) => (
            <Space size={0}>
              <span style={{ width: 22, display: 'inline-block' }}>{r.position}</span>
              <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label="上移" onClick={() => move(i, -1)} />
              <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === (rules?.length ?? 0) - 1} aria-label="下移" onClick={() => move(i, 1)} />
            </Space>
          ) },
          { title: '规则', key: 'name', render: (_: unknown, r: Rule) => (
            <div>
              <div><b>{r.name}</b> <Tag>v{r.version}</Tag></div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{conditionText(r)}</Typography.Text>
            </div>
          ) },
          { title: '派往', key: 'to', width: 220, render: (_: unknown, r: Rule) => (
            <div>
              <div>主办：{org.deptName(r.leadDepartmentId)}</div>
              {r.coDepartmentIds.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>协办：{r.coDepartmentIds.map((id) => org.deptName(id)).join('、')}</Typography.Text>}
            </div>
          ) },
          { title: '检查', key: 'flags', width: 200, render: (_: unknown, r: Rule) => <FlagTags rule={r} /> },
          { title: '启用', key: 'on', width: 70, render: (_: unknown, r: Rule) => (
            <Switch size="small" checked={r.isActive} aria-label={`启用 ${r.name}`} onChange={(on) => void act(() => updateRule(r.id, { ...r, isActive: on, version: r.version }))} />
          ) },
          { title: '操作', key: 'op', width: 170, render: (_: unknown, r: Rule) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing(r)}>修改</Button>
              <Button type="link" size="small" onClick={async () => {
                try {
                  setHistory({ rule: r, items: (await ruleHistory(r.id)).items });
                } catch (err) {
                  message.error(errorText(err));
                }
              }}>历史</Button>
              <Popconfirm title="删除后不再参与派单（历史版本保留）。" onConfirm={() => void act(() => deleteRule(r.id), '已删除')}>
                <Button type="link" size="small" danger>删除</Button>
              </Popconfirm>
            </Space>
          ) },
        ]}
      />
      <RuleForm open={editing !== undefined} initial={editing ?? null} onClose={() => setEditing(undefined)} onSaved={() => { setEditing(undefined); void reload(); }} />
      <Modal open={!!history} title={`历史版本：${history?.rule.name ?? ''}`} footer={null} onCancel={() => setHistory(null)} width={900}>
        <Table
          size="small"
          rowKey="version"
          dataSource={history?.items ?? []}
          pagination={false}
          columns={[
            { title: '版本', key: 'v', width: 70, render: (_: unknown, v: RuleVersion) => <Tag>v{v.version}</Tag> },
            { title: '变更', key: 'c', width: 90, render: (_: unknown, v: RuleVersion) => changeLabels[v.change] ?? v.change },
            { title: '内容', key: 'r', render: (_: unknown, v: RuleVersion) => (
              <div>
                <div>{v.rule.name}{v.rule.isActive ? '' : '（停用）'} → {org.deptName(v.rule.leadDepartmentId)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>第 {v.rule.position} 位；{conditionText(v.rule)}</Typography.Text>
              </div>
            ) },
            { title: '检查', key: 'f', width: 160, render: (_: unknown, v: RuleVersion) => <FlagTags rule={v} /> },
            { title: '保存', key: 'at', width: 180, render: (_: unknown, v: RuleVersion) => `${fmtTime(v.savedAt)} ${v.savedBy ?? ''}` },
          ]}
        />
      </Modal>
    </Card>
  );
}
