import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import type { SavedMapping } from '../../../contracts/import.js';
import { importFieldLabels, type ImportField } from '../../../domain/import/fields.js';
import { errorText } from '../../api/client.js';
import { deleteMapping, listMappings, saveMapping } from '../../api/import.js';
import { fmtTime } from '../../shared/format.js';
import { MappingEditor } from './mapping-editor.js';

/** 字段映射: saved mappings, edited here and chosen by name when importing. */
export function MappingList() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['import', 'mappings'], queryFn: listMappings });
  useErrorToast(error);
  const items: SavedMapping[] = data?.items ?? [];
  const [editing, setEditing] = useState<SavedMapping | 'new' | null>(null);
  const load = () => qc.invalidateQueries({ queryKey: ['import', 'mappings'] });

  const current = editing && editing !== 'new' ? editing : null;
  return (
    <Card title="字段映射" extra={<Button type="primary" onClick={() => setEditing('new')}>新建映射</Button>} data-testid="import-mappings">
      <Table<SavedMapping> size="small" rowKey="name" dataSource={items} pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name', width: 180 },
          {
            title: '指定的列',
            render: (_, m) => (
              <Space wrap size={4}>
                {Object.entries(m.mapping.columns ?? {}).map(([f, h]) => (
                  <Tag key={f}>{importFieldLabels[f as ImportField]} ← {h ?? '不导入'}</Tag>
                ))}
                {m.mapping.defaultCategory && <Tag color="purple">默认类别 {m.mapping.defaultCategory}</Tag>}
                {m.mapping.departmentAliases && <Tag color="cyan">单位别名 {Object.keys(m.mapping.departmentAliases).length} 条</Tag>}
              </Space>
            ),
          },
          { title: '修改时间', dataIndex: 'updatedAt', width: 140, render: fmtTime },
          { title: '修改人', dataIndex: 'updatedBy', width: 120 },
          {
            title: '操作', width: 150,
            render: (_, m) => (
              <Space>
                <Button size="small" onClick={() => setEditing(m)}>修改</Button>
                <Popconfirm title={`删除映射“${m.name}”？`} okText="删除" cancelText="取消"
                  onConfirm={() => deleteMapping(m.name).then(load).catch((e) => message.error(errorText(e)))}>
                  <Button size="small" danger>删除</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]} />
      <MappingEditor open={editing !== null} headers={[]} askName={editing === 'new'} initialName={current?.name}
        title={current ? `修改映射“${current.name}”` : '新建字段映射'} initial={current?.mapping ?? {}}
        onCancel={() => setEditing(null)}
        onOk={async (mapping, name) => {
          try {
            await saveMapping(current?.name ?? name, mapping);
            message.success('已保存');
            setEditing(null);
            load();
          } catch (e) {
            message.error(errorText(e));
          }
        }} />
    </Card>
  );
}
