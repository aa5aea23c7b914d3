import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';

/** The address of a list's export with the list's filters (a plain GET: the browser downloads it with the session). */
export function exportUrl(path: string, query: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** 导出: downloads every row of the list with its current filters; an empty list says why there is nothing to export. */
export function ExportButton({ href, empty, loading, label = '导出 Excel', size, word }: {
  href: string; empty: boolean; loading?: boolean; label?: string; size?: 'small' | 'middle';
  /** A Word document instead of a spreadsheet. */
  word?: boolean;
}) {
  const reason = loading ? '列表加载中，请稍候' : empty ? '当前列表为空，没有可导出的诉求；请调整筛选条件' : null;
  const button = (
    <Button icon={word ? <FileWordOutlined /> : <FileExcelOutlined />} size={size} href={reason ? undefined : href} disabled={reason !== null}
      data-testid={word ? 'export-docx' : 'export-xlsx'}>
      {label}
    </Button>
  );
  return reason ? <Tooltip title={reason}><span data-testid={word ? 'export-docx-disabled-reason' : 'export-disabled-reason'} aria-label={reason}>{button}</span></Tooltip> : button;
}
