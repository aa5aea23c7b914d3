import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import type { ItemsQuery } from '../../../contracts/items.js';
import { exportUrl } from '../../shared/export-button.js';

const groupOptions = [
  { value: 'none', label: '不分组' },
  { value: 'leader', label: '按责任领导' },
  { value: 'unit', label: '按牵头单位' },
  { value: 'source', label: '按来源' },
  { value: 'light', label: '按灯色' },
];

/** 导出台账: the ledger with the list's current filters, grouped as chosen, as Excel (every item) or Word. */
export function LedgerDownload({ filters, empty }: { filters: Partial<ItemsQuery>; empty: boolean }) {
  const [group, setGroup] = useState('none');
  const { page: _page, pageSize: _size, ...rest } = filters;
  const query = { ...rest, group };
  const reason = empty ? '当前列表为空，没有可导出的事项；请调整筛选条件' : null;
  const button = (kind: 'xlsx' | 'docx') => {
    const b = (
      <Button icon={kind === 'xlsx' ? <FileExcelOutlined /> : <FileWordOutlined />} href={reason ? undefined : exportUrl(`/api/items/ledger.${kind}`, query)}
        disabled={reason !== null} data-testid={`ledger-${kind}`}>
        {kind === 'xlsx' ? '台账 Excel' : '台账 Word'}
      </Button>
    );
    return reason ? <Tooltip title={reason}><span aria-label={reason}>{b}</span></Tooltip> : b;
  };
  return (
    <Space wrap>
      <Select value={group} style={{ width: 130 }} options={groupOptions} onChange={setGroup} data-testid="ledger-group" aria-label="台账分组" />
      {button('xlsx')}
      <Tooltip title="Word 台账列出前 2000 项，全部事项请用 Excel">{button('docx')}</Tooltip>
    </Space>
  );
}
