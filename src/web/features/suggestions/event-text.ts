import type { SuggestionDetail } from '../../../contracts/suggestions.js';
import { ratingLabels } from '../../../domain/case/labels.js';
import { unitRoleLabels } from '../../../domain/suggestions/labels.js';

type E = SuggestionDetail['events'][number];
const p = (e: E) => e.payload as Record<string, never>;

/** One line of the 办理记录 per event type. */
export function eventText(e: E): string {
  const x = p(e);
  switch (e.type) {
    case 'suggestion.registered': return '登记';
    case 'suggestion.assigned': return x.mode === 'split' ? '分办' : '交办';
    case 'suggestion.signed': return `签收（${unitRoleLabels[x.role] ?? ''}）`;
    case 'suggestion.extension_requested': return `申请延期：${x.reason}`;
    case 'suggestion.extension_decided': return x.approved ? '同意延期' : '不同意延期';
    case 'suggestion.meeting_recorded': return `登记见面沟通（${x.metOn}）`;
    case 'suggestion.replied': return `答复（${x.docNumber}，${x.class}类${x.isLate ? '，逾期' : ''}）`;
    case 'suggestion.countersigned': return `会签：${x.opinion}`;
    case 'suggestion.letter_sent': return '答复函送达代表委员';
    case 'suggestion.rated': return `评价：${ratingLabels[x.rating as 'satisfied'] ?? ''}${x.comment ? `（${x.comment}）` : ''}`;
    case 'suggestion.rehandling_started': return '不满意，重新办理';
    case 'suggestion.promise_tracked': return x.itemId ? `承诺事项转为督办事项 #${x.itemId}` : `记录承诺事项：${x.promise}`;
    default: return e.type;
  }
}
