import { Space, Typography } from 'antd';

/** The desk's keys, shown on screen so a new operator learns them (one place, used by the handler and the legend). */
export const deskShortcuts = [
  { keys: 'Ctrl+Enter', label: '登记并派单' },
  { keys: 'Ctrl+Shift+Enter', label: '仅登记' },
  { keys: 'Alt+U', label: '切换紧急程度' },
  { keys: 'Alt+S', label: '采用建议主办单位' },
  { keys: 'Alt+C', label: '清空表单' },
  { keys: 'Tab', label: '下一项' },
] as const;

export function ShortcutLegend() {
  return (
    <Space wrap size={[12, 4]} data-testid="intake-shortcuts" style={{ fontSize: 12 }}>
      {deskShortcuts.map((s) => (
        <span key={s.keys}><Typography.Text keyboard>{s.keys}</Typography.Text> <Typography.Text type="secondary">{s.label}</Typography.Text></span>
      ))}
    </Space>
  );
}
