import { Badge, Space, Tag, Tooltip } from 'antd';
import type { ItemLight, ItemReportState, ItemSourceKind, ItemState } from '../../../domain/items/types.js';
import { itemLightNames, itemSourceNames, itemStateNames, reportStateNames } from '../../../domain/items/types.js';
import { itemWarningMessages } from '../../../contracts/items.js';

const lightColors: Record<ItemLight, string> = { green: '#52c41a', yellow: '#faad14', red: '#f5222d' };

/** The light as a coloured dot with its words (绿灯/黄灯/红灯); the reasons as a tooltip. */
export function LightDot({ light, reasons }: { light: ItemLight; reasons?: { text: string }[] }) {
  const dot = <Badge color={lightColors[light]} text={itemLightNames[light]} data-testid={`light-${light}`} />;
  return reasons?.length ? <Tooltip title={reasons.map((r) => r.text).join('；')}>{dot}</Tooltip> : dot;
}

export const sourceOptions = (Object.keys(itemSourceNames) as ItemSourceKind[]).map((k) => ({ value: k, label: itemSourceNames[k] }));
export const lightOptions = (Object.keys(itemLightNames) as ItemLight[]).map((k) => ({ value: k, label: itemLightNames[k] }));
export const stateOptions = (Object.keys(itemStateNames) as ItemState[]).map((k) => ({ value: k, label: itemStateNames[k] }));

export function StateTag({ state }: { state: ItemState }) {
  return <Tag color={state === 'closed' ? 'success' : 'processing'}>{itemStateNames[state]}</Tag>;
}

const reportColors: Record<ItemReportState, string> = { submitted: 'processing', accepted: 'success', returned: 'error' };
export function ReportStateTag({ state, isLate }: { state: ItemReportState; isLate: boolean }) {
  return (
    <Space size={4}>
      <Tag color={reportColors[state]}>{reportStateNames[state]}</Tag>
      {isLate ? <Tag color="orange">逾期报送</Tag> : null}
    </Space>
  );
}

export const warningText = (code: string) => itemWarningMessages[code] ?? code;
export { itemSourceNames };
