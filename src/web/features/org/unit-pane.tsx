import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { unitChangeLabels, type UnitChange, type UnitCreate, type UnitEdit, type UnitNode, type UnitSplit } from '../../../contracts/org-units.js';
import { unitKindLabels } from '../../../domain/org/units.js';
import { ApiError } from '../../api/client.js';
import {
  createUnit, deactivateUnit, editUnit, fetchUnit, mergeUnit, reactivateUnit, splitUnit,
} from '../../api/org-units.js';
import { useApiMutation } from '../../api/query.js';
import type { CaseStatus } from '../../../domain/case/status.js';
import { StatusTag } from '../../shared/case-tags.js';
import { fmtTime, roleLabel } from './format.js';
import { SplitFields, UnitFields, UnitModal, type FormValues } from './unit-forms.js';

type Action = 'add' | 'edit' | 'rename' | 'merge' | 'split' | 'deactivate' | 'reactivate' | null;
const invalidate = [['admin-org'], ['admin-unit'], ['org']];

/** One unit's page: its facts, people, categories it leads, open cases and history, with the actions on it. */
export function UnitPane({ id, units, onSelect }: { id: number; units: UnitNode[]; onSelect: (id: number) => void }) {
  const { data, isPending } = useQuery({ queryKey: ['admin-unit', id], queryFn: () => fetchUnit(id) });
  const [action, setAction] = useState<Action>(null);
  const { modal } = App.useApp();
  const close = () => setAction(null);
  const add = useApiMutation((v: Parameters<typeof createUnit>[0]) => createUnit(v), invalidate);
  const edit = useApiMutation((v: Parameters<typeof editUnit>[1]) => editUnit(id, v), invalidate);
  const merge = useApiMutation((v: { targetId: number; effectiveOn?: string }) => mergeUnit(id, v.targetId, v.effectiveOn), invalidate);
  const split = useApiMutation((v: Parameters<typeof splitUnit>[1]) => splitUnit(id, v), invalidate);
  const deactivate = useApiMutation((v: { effectiveOn?: string }) => deactivateUnit(id, v.effectiveOn), invalidate);
  const reactivate = useApiMutation((v: { effectiveOn?: string }) => reactivateUnit(id, v.effectiveOn), invalidate);
  if (isPending || !data) return <Card loading />;
  const u = data.unit;
  const others = units.filter((x) => x.isActive && x.id !== id).map((x) => ({ value: x.id, label: x.name }));

  // A unit still holding work cannot be deactivated: offer the merge instead of a dead end.
  const tryDeactivate = async (v: { effectiveOn?: string }) => {
    try {
      await deactivate.mutateAsync(v);
      return '已停用';
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'UNIT_HAS_OPEN_CASES' || err.code === 'UNIT_HAS_ACTIVE_USERS')) {
        modal.confirm({ title: '不能停用', content: `${err.message}。是否改为把「${u.name}」合并到其他单位？`, okText: '合并到…', cancelText: '取消', onOk: () => setAction('merge') });
        close();
        // Refused and explained: no success message.
        return false;
      }
      throw err;
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={<Space>{u.name}{!u.isActive && <Tag>已停用</Tag>}</Space>}
        extra={u.isActive ? (
          <Space wrap size={4}>
            <Button size="small" type="primary" onClick={() => setAction('add')}>新增下级</Button>
            <Button size="small" onClick={() => setAction('edit')}>编辑</Button>
            <Button size="small" onClick={() => setAction('rename')}>更名</Button>
            <Button size="small" onClick={() => setAction('merge')}>合并到…</Button>
            <Button size="small" onClick={() => setAction('split')}>拆分</Button>
            <Button size="small" danger onClick={() => setAction('deactivate')}>停用</Button>
          </Space>
        ) : <Button size="small" onClick={() => setAction('reactivate')}>重新启用</Button>}
      >
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="单位编码">{u.code}</Descriptions.Item>
          <Descriptions.Item label="单位类型">{unitKindLabels[u.kind]}</Descriptions.Item>
          <Descriptions.Item label="上级单位">{u.parentId ? <a onClick={() => onSelect(u.parentId!)}>{data.parentName}</a> : '无（顶级单位）'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{u.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="在用账号">{u.people} 人</Descriptions.Item>
          <Descriptions.Item label="在办诉求">{u.openCases} 件</Descriptions.Item>
          {!u.isActive && <Descriptions.Item label="停用日期">{u.retiredOn ?? '—'}</Descriptions.Item>}
          {u.successorId && <Descriptions.Item label="并入单位"><a onClick={() => onSelect(u.successorId!)}>{data.successorName}</a></Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={`人员（${data.people.length}）`}>
        <Table size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={data.people}
          columns={[
            { title: '姓名', dataIndex: 'displayName' }, { title: '账号', dataIndex: 'username' },
            { title: '角色', dataIndex: 'roles', render: (roles: string[]) => roles.map(roleLabel).join('、') },
            { title: '状态', dataIndex: 'isActive', render: (v: boolean) => (v ? <Tag color="green">在用</Tag> : <Tag>已停用</Tag>) },
          ]} />
      </Card>
      <Card size="small" title={`在办诉求（${u.openCases}）`} data-testid="unit-open-cases"
        extra={u.openCases > 0 && <Link to={`/cases?departmentId=${u.id}`}>在诉求列表中查看主办件</Link>}>
        <Table size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={data.openCaseList}
          locale={{ emptyText: '没有在办诉求' }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 190, render: (code: string, c) => <Link to={`/cases/${c.id}`}>{code}</Link> },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            { title: '承办方式', dataIndex: 'role', width: 100, render: (r: 'lead' | 'co', c) => (c.isSub ? '下级承办' : r === 'lead' ? '主办' : '协办') },
            { title: '状态', dataIndex: 'status', width: 120, render: (s: CaseStatus) => <StatusTag status={s} /> },
          ]} />
      </Card>
      <Card size="small" title={`牵头的问题类别（${data.categories.length}）`}>
        {data.categories.length ? <Space wrap>{data.categories.map((c) => <Tag key={c.id}>{c.name}</Tag>)}</Space> : <Typography.Text type="secondary">无</Typography.Text>}
      </Card>
      <Card size="small" title="历史沿革">
        {data.history.length ? <Timeline items={data.history.map((h) => ({ children: <HistoryLine h={h} onSelect={onSelect} /> }))} />
          : <Typography.Text type="secondary">建立以来没有变更记录（设立、更名、调整、合并、拆分、停用都会记在这里）</Typography.Text>}
      </Card>

      <UnitModal title="新增下级单位" open={action === 'add'} onClose={close} initial={{ kind: u.kind === 'district' ? 'town' : u.kind === 'town' ? 'community' : u.kind }}
        onSubmit={(v: FormValues) => add.mutateAsync({ ...(v as unknown as UnitCreate), parentId: u.id, phone: (v.phone as string) || null })}>
        <Typography.Paragraph type="secondary">上级单位：{u.name}</Typography.Paragraph>
        <UnitFields />
      </UnitModal>
      <UnitModal title="编辑单位" open={action === 'edit'} onClose={close} initial={{ name: u.name, code: u.code, kind: u.kind, phone: u.phone, sortOrder: u.sortOrder }}
        onSubmit={(v: FormValues) => edit.mutateAsync({ ...(v as UnitEdit), phone: (v.phone as string) || null })}>
        <UnitFields />
      </UnitModal>
      <UnitModal title="单位更名" open={action === 'rename'} onClose={close} initial={{ name: u.name }} onSubmit={(v: FormValues) => edit.mutateAsync({ name: v.name as string, effectiveOn: v.effectiveOn })}>
        <Form.Item name="name" label="新名称" rules={[{ required: true, whitespace: true, message: '请填写新名称' }, { max: 100, message: '单位名称最长 100 字' }]}><Input /></Form.Item>
      </UnitModal>
      <UnitModal title="合并到其他单位" open={action === 'merge'} onClose={close} okText="确定合并" onSubmit={async (v: FormValues) => {
        const m = (await merge.mutateAsync({ targetId: v.targetId as number, effectiveOn: v.effectiveOn })).moved;
        return m ? `已合并：转出在办诉求 ${m.cases} 件、督办单 ${m.orders} 件、账号 ${m.users} 人、下级单位 ${m.children} 个` : '已合并';
      }}>
        <Typography.Paragraph type="secondary">「{u.name}」的在办诉求（{u.openCases} 件）及其未办结的督办单、账号（{u.people} 人）、下级单位和牵头类别将转到合并后的单位，每件诉求的办理记录中注明合并；本单位停用，历史记录保留。</Typography.Paragraph>
        <Form.Item name="targetId" label="合并到" rules={[{ required: true, message: '请选择合并到的单位' }]}>
          <Select showSearch optionFilterProp="label" options={others} placeholder="搜索单位" />
        </Form.Item>
      </UnitModal>
      <UnitModal title="拆分单位" open={action === 'split'} onClose={close} okText="确定拆分" onSubmit={(v: FormValues) => split.mutateAsync({ units: v.units as UnitSplit['units'], openWorkTo: (v.openWorkTo as number | undefined) ?? null, retire: !!v.retire, effectiveOn: v.effectiveOn })}>
        <SplitFields />
      </UnitModal>
      <UnitModal title="停用单位" open={action === 'deactivate'} onClose={close} okText="确定停用" onSubmit={tryDeactivate}>
        <Typography.Paragraph>停用后「{u.name}」不再接收派单，历史记录仍保留其名称。</Typography.Paragraph>
      </UnitModal>
      <UnitModal title="重新启用单位" open={action === 'reactivate'} onClose={close} onSubmit={(v) => reactivate.mutateAsync(v)}>
        <Typography.Paragraph>重新启用「{u.name}」。</Typography.Paragraph>
      </UnitModal>
    </Space>
  );
}

function HistoryLine({ h, onSelect }: { h: UnitChange; onSelect: (id: number) => void }) {
  const before = h.before as { name?: string } | null;
  const after = h.after as { name?: string } | null;
  return (
    <Space direction="vertical" size={0}>
      <Space wrap>
        <Typography.Text strong>{h.effectiveOn}</Typography.Text>
        <Tag>{unitChangeLabels[h.change]}</Tag>
        {h.change === 'rename' && <span>由「{before?.name}」更名为「{after?.name}」</span>}
        {h.otherId && <a onClick={() => onSelect(h.otherId!)}>{h.otherName}</a>}
        {h.newUnits.length > 0 && <span>新设：{h.newUnits.map((n) => n.name).join('、')}</span>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.recordedByName ?? '系统'} 记录于 {fmtTime(h.recordedAt)}</Typography.Text>
    </Space>
  );
}
