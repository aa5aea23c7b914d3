import { Tag } from 'antd';
import { lightLabels, type Light } from '../../../domain/indicators/light.js';

export const lightColors: Record<Light, string> = { green: 'green', yellow: 'gold', red: 'red', none: 'default' };
export const figureStatusLabels = { filed: '待审核', returned: '已退回', accepted: '已通过' } as const;
export const figureStatusColors = { filed: 'processing', returned: 'warning', accepted: 'success' } as const;
export const stepLabels = { file: '填报', refile: '修改重报', accept: '审核通过', return: '退回', correct: '营商办更正' } as const;
export const storyStatusLabels = { nominated: '待审核', returned: '已退回', published: '已发布', withdrawn: '已撤回' } as const;
export const pressStatusLabels = { open: '待处理', ordered: '已下发督办单', declined: '不予督办' } as const;
export const directionLabels = { higher: '越高越好', lower: '越低越好' } as const;

export function LightTag({ light }: { light: Light }) {
  return <Tag color={lightColors[light]} data-testid="light">{lightLabels[light]}</Tag>;
}
