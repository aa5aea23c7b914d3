import { Tag } from 'antd';
import type { SuggestionListItem } from '../../../contracts/suggestions.js';
import { replyClassLabels, suggestionStatusLabels } from '../../../domain/suggestions/labels.js';

const statusColors: Record<SuggestionListItem['status'], string> = {
  registered: 'gold', assigned: 'blue', handling: 'processing', countersigning: 'purple', awaiting_rating: 'cyan', closed: 'success',
};

export const StatusTag = ({ status }: { status: SuggestionListItem['status'] }) => <Tag color={statusColors[status]}>{suggestionStatusLabels[status]}</Tag>;
export const ClassTag = ({ value }: { value: SuggestionListItem['class'] }) => (value ? <Tag color={value === 'A' ? 'green' : value === 'D' ? 'default' : 'orange'}>{replyClassLabels[value]}</Tag> : <>—</>);

/** 剩余 N 天 / 已超期 N 天 / — for the reply limit. */
export function LimitText({ item }: { item: Pick<SuggestionListItem, 'daysLeft' | 'isLate'> }) {
  if (item.daysLeft === null) return item.isLate ? <Tag color="red">逾期答复</Tag> : <>—</>;
  if (item.daysLeft < 0) return <Tag color="red">已超期 {-item.daysLeft} 天</Tag>;
  return <Tag color={item.daysLeft <= 15 ? 'orange' : 'default'}>剩余 {item.daysLeft} 天</Tag>;
}
