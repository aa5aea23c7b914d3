import { ApartmentOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Empty, Input, Modal, Row, Space, Tag, Tree, Typography, type TreeDataNode, type TreeProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { UnitCreate, UnitNode } from '../../../contracts/org-units.js';
import { unitKindLabels } from '../../../domain/org/units.js';
import { errorText } from '../../api/client.js';
import { createUnit, fetchUnitTree, moveUnit, unitExportUrl } from '../../api/org-units.js';
import { useApiMutation } from '../../api/query.js';
import { ImportModal } from './import-modal.js';
import { UnitFields, UnitModal, type FormValues } from './unit-forms.js';
import { UnitPane } from './unit-pane.js';

/** 组织机构: the tree a person works in (search, drag to move), the chosen unit's page and actions on the right. */
export default function OrgPage() {
  const { data, isPending } = useQuery({ queryKey: ['admin-org'], queryFn: fetchUnitTree });
  const [selected, setSelected] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [importing, setImporting] = useState(false);
  const [adding, setAdding] = useState(false);
  const add = useApiMutation((v: FormValues) => createUnit({ ...(v as unknown as UnitCreate), parentId: (v.parentId as number | undefined) ?? null, phone: (v.phone as string) || null }), [['admin-org'], ['admin-unit'], ['org']]);
  const [pendingMove, setPendingMove] = useState<{ unit: UnitNode; parent: UnitNode | null } | null>(null);
  const [moveDate, setMoveDate] = useState<Dayjs>(dayjs());
  const { message } = App.useApp();
  const move = useApiMutation((v: { id: number; parentId: number | null; on: string }) => moveUnit(v.id, v.parentId, v.on), [['admin-org'], ['admin-unit'], ['org']]);
  const units = useMemo(() => data?.items ?? [], [data]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);

  const { treeData, expanded } = useMemo(() => buildTree(units, search.trim(), showRetired), [units, search, showRetired]);
  const [expandedKeys, setExpandedKeys] = useState<React.Key[] | null>(null);

  const onDrop: TreeProps['onDrop'] = (info) => {
    const unit = byId.get(Number(info.dragNode.key));
    const target = byId.get(Number(info.node.key));
    if (!unit || !target) return;
    // Dropped onto a unit: becomes its child; dropped between units: becomes their sibling.
    const parent = info.dropToGap ? (target.parentId == null ? null : byId.get(target.parentId) ?? null) : target;
    if ((parent?.id ?? null) === unit.parentId) return;
    setMoveDate(dayjs());
    setPendingMove({ unit, parent });
  };

  const confirmMove = async () => {
    if (!pendingMove) return;
    try {
      await move.mutateAsync({ id: pendingMove.unit.id, parentId: pendingMove.parent?.id ?? null, on: moveDate.format('YYYY-MM-DD') });
      message.success('已调整上级单位');
      setPendingMove(null);
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="420px">
        <Card size="small" title={<span><ApartmentOutlined /> 组织机构</span>} loading={isPending}
          extra={<Space size={4}>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unit-new">新增单位</Button>
            <Button size="small" icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>
            <Button size="small" icon={<DownloadOutlined />} href={unitExportUrl}>导出</Button>
          </Space>}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.Search placeholder="搜索单位名称或编码" allowClear value={search} onChange={(e) => { setSearch(e.target.value); setExpandedKeys(null); }} />
            <Space size={4}>
              <Typography.Text type="secondary">共 {units.filter((u) => u.isActive).length} 个在用单位</Typography.Text>
              <Button size="small" type="link" onClick={() => setShowRetired(!showRetired)}>{showRetired ? '隐藏已停用' : '显示已停用'}</Button>
            </Space>
            {treeData.length ? (
              <Tree
                treeData={treeData}
                draggable={{ icon: false }}
                blockNode
                height={640}
                expandedKeys={expandedKeys ?? expanded}
                onExpand={(keys) => setExpandedKeys(keys)}
                selectedKeys={selected ? [String(selected)] : []}
                onSelect={(keys) => keys[0] && setSelected(Number(keys[0]))}
                onDrop={onDrop}
                allowDrop={({ dropNode }) => byId.get(Number(dropNode.key))?.isActive !== false}
              />
            ) : <Empty description={search ? '没有匹配的单位' : '还没有单位'} />}
          </Space>
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {selected ? <UnitPane id={selected} units={units} onSelect={setSelected} /> : (
          <Card><Empty description="在左侧选择一个单位，查看其人员、牵头类别、在办诉求和历史沿革" /></Card>
        )}
      </Col>
      <Modal title="调整上级单位" open={!!pendingMove} onCancel={() => setPendingMove(null)} onOk={confirmMove} confirmLoading={move.isPending} okText="确定调整" cancelText="取消">
        {pendingMove && (
          <Space direction="vertical">
            <Typography.Text>把「{pendingMove.unit.name}」调整到「{pendingMove.parent?.name ?? '顶级（无上级单位）'}」之下。</Typography.Text>
            <Space>生效日期<DatePicker value={moveDate} onChange={(d) => d && setMoveDate(d)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Space>
          </Space>
        )}
      </Modal>
      <ImportModal open={importing} onClose={() => setImporting(false)} />
      <UnitModal title="新增单位" open={adding} onClose={() => setAdding(false)} initial={{ kind: 'city_department', parentId: selected ?? undefined }}
        onSubmit={async (v) => setSelected((await add.mutateAsync(v)).id)}>
        <UnitFields withParent units={units} />
      </UnitModal>
    </Row>
  );
}

/** The tree for antd: children under parents in order; a search keeps matches and their ancestors, expanded. */
function buildTree(units: UnitNode[], search: string, showRetired: boolean): { treeData: TreeDataNode[]; expanded: string[] } {
  const visible = units.filter((u) => showRetired || u.isActive);
  const byId = new Map(visible.map((u) => [u.id, u]));
  const needle = search.toLowerCase();
  let keep: Set<number> | null = null;
  if (needle) {
    keep = new Set();
    for (const u of visible) {
      if (!u.name.toLowerCase().includes(needle) && !u.code.toLowerCase().includes(needle)) continue;
      for (let x: UnitNode | undefined = u; x && !keep.has(x.id); x = x.parentId == null ? undefined : byId.get(x.parentId)) keep.add(x.id);
    }
  }
  const children = new Map<number | null, UnitNode[]>();
  for (const u of visible) {
    if (keep && !keep.has(u.id)) continue;
    const p = u.parentId != null && byId.has(u.parentId) ? u.parentId : null;
    children.set(p, [...(children.get(p) ?? []), u]);
  }
  const node = (u: UnitNode): TreeDataNode => ({
    key: String(u.id),
    title: (
      <Space size={4}>
        <span style={{ color: u.isActive ? undefined : '#999' }}>{u.name}</span>
        <Tag bordered={false} style={{ fontSize: 11, marginInlineEnd: 0 }}>{unitKindLabels[u.kind]}</Tag>
        {!u.isActive && <Tag color="default">已停用</Tag>}
        {u.openCases > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>在办 {u.openCases}</Typography.Text>}
      </Space>
    ),
    children: (children.get(u.id) ?? []).map(node),
  });
  const treeData = (children.get(null) ?? []).map(node);
  return { treeData, expanded: keep ? [...keep].map(String) : [] };
}
