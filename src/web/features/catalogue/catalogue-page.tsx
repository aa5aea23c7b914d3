import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { CatalogueCategory } from '../../../contracts/catalogue.js';
import { useOrg } from '../../app/org-context.js';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { exportUrl, listCatalogue } from './api.js';
import { CategoryDrawer } from './category-drawer.js';
import { ImportModal } from './import-modal.js';
import { acceptedText, kindText } from './labels.js';
import { StatusModal } from './status-modal.js';

type Row = CatalogueCategory & { children?: Row[] };

/** 问题类别: the catalogue as a tree of groups and leaves, with search, edit drawer, retire/restore, import and export. */
export default function CataloguePage() {
  const org = useOrg();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['catalogue', 'list'], queryFn: listCatalogue });
  useErrorToast(error);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'all' | 'active' | 'inactive'>('all');
  const [editing, setEditing] = useState<{ category: CatalogueCategory | null; parentId: number | null } | null>(null);
  const [statusTarget, setStatusTarget] = useState<CatalogueCategory | null>(null);
  const [importing, setImporting] = useState(false);
  const all = useMemo(() => data?.items ?? [], [data]);

  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['catalogue'] });
    // The intake form's category list and names come from /api/org.
    void qc.invalidateQueries({ queryKey: ['org'] });
  };

  const { tree, expanded } = useMemo(() => {
    const q = search.trim().toLowerCase();
    const matches = (c: CatalogueCategory) => (!q || c.name.toLowerCase().includes(q) || c.code.toLowerCase().includes(q) || c.tags.some((t) => t.toLowerCase().includes(q)))
      && (status === 'all' || (status === 'active') === c.isActive);
    const build = (parentId: number | null): Row[] => all.filter((c) => c.parentId === parentId).flatMap((c) => {
      const children = build(c.id);
      if (!matches(c) && children.length === 0) return [];
      return [{ ...c, ...(children.length ? { children } : {}) }];
    });
    const rows = build(null);
    return { tree: rows, expanded: q || status !== 'all' ? all.map((c) => c.id) : rows.map((r) => r.id) };
  }, [all, search, status]);
  const [expandedKeys, setExpandedKeys] = useState<readonly React.Key[] | null>(null);

  const open = editing ? all.find((c) => c.id === editing.category?.id) ?? editing.category : null;
  return (
    <Card title="问题类别" data-testid="catalogue-page" extra={
      <Space>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="catalogue-import">导入</Button>
        <Button icon={<DownloadOutlined />} href={exportUrl} data-testid="catalogue-export">导出 Excel</Button>
        <Button type="primary" onClick={() => setEditing({ category: null, parentId: null })} data-testid="catalogue-new">新增类别</Button>
      </Space>
    }>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search allowClear placeholder="按名称、编码或标签搜索" style={{ width: 280 }} onChange={(e) => { setSearch(e.target.value); setExpandedKeys(null); }} aria-label="搜索类别" />
        <Radio.Group value={status} onChange={(e) => { setStatus(e.target.value); setExpandedKeys(null); }} optionType="button"
          options={[{ value: 'all', label: '全部' }, { value: 'active', label: '启用' }, { value: 'inactive', label: '已停用' }]} />
        <Typography.Text type="secondary">共 {all.length} 个类别，其中停用 {all.filter((c) => !c.isActive).length} 个</Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="id"
        loading={!data}
        dataSource={tree}
        pagination={false}
        expandable={{ expandedRowKeys: (expandedKeys ?? expanded) as React.Key[], onExpandedRowsChange: (keys) => setExpandedKeys(keys) }}
        locale={{ emptyText: search ? '没有匹配的类别' : '尚无问题类别' }}
        columns={[
          { title: '类别', key: 'name', width: 300, render: (_, c) => (
            <span>
              <b style={{ color: c.isActive ? undefined : '#999' }}>{c.name}</b>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{c.code}</Typography.Text>
              {c.warnings.length > 0 && <Tooltip title={c.warnings.join('；')}><Tag color="orange" style={{ marginLeft: 6 }}>需处理</Tag></Tooltip>}
            </span>
          ) },
          { title: '默认单位', key: 'units', width: 250, render: (_, c) => (c.leadDepartmentId == null && !c.coDepartmentIds.length ? <Typography.Text type="secondary">—</Typography.Text> : (
            <div>
              {c.leadDepartmentId != null && <div>牵头：{org.deptName(c.leadDepartmentId)}</div>}
              {c.coDepartmentIds.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>协办：{c.coDepartmentIds.map((id) => org.deptName(id)).join('、')}</Typography.Text>}
            </div>
          )) },
          { title: '受理类型', key: 'kinds', width: 150, render: (_, c) => (
            <div>
              <div>{acceptedText(c.acceptedKinds)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>默认：{kindText(c.kind)}</Typography.Text>
            </div>
          ) },
          { title: '标签', key: 'tags', render: (_, c) => <Space size={[0, 4]} wrap>{c.tags.map((t) => <Tag key={t}>{t}</Tag>)}</Space> },
          { title: '状态', key: 'status', width: 110, render: (_, c) => (
            <div>
              {c.isActive ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
              {c.openCases > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>在办 {c.openCases} 件</Typography.Text></div>}
            </div>
          ) },
          { title: '操作', key: 'op', width: 200, render: (_, c) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => setEditing({ category: c, parentId: c.parentId })} aria-label={`修改 ${c.name}`}>修改</Button>
              {c.isActive && <Button type="link" size="small" onClick={() => setEditing({ category: null, parentId: c.id })} aria-label={`新增下级 ${c.name}`}>新增下级</Button>}
              <Button type="link" size="small" danger={c.isActive} onClick={() => setStatusTarget(c)} aria-label={`${c.isActive ? '停用' : '启用'} ${c.name}`}>{c.isActive ? '停用' : '启用'}</Button>
            </Space>
          ) },
        ]}
      />
      <CategoryDrawer open={!!editing} initial={open} parentId={editing?.parentId ?? null} all={all} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />
      <StatusModal target={statusTarget} onClose={() => setStatusTarget(null)} onDone={() => { setStatusTarget(null); reload(); }} />
      <ImportModal open={importing} onClose={() => setImporting(false)} onDone={reload} />
    </Card>
  );
}
