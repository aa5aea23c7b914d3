import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { WorkingTime } from '../../../domain/sla/policy.js';
import { createItem } from '../items/index.js';
import type { PromiseTracker } from './commands.js';

/**
 * A B or C answer's promise as a supervised item (督办事项), in the reply's transaction: source 代表建议, the suggestion's
 * number as its reference and the promise as its words, the answering unit as lead, one milestone on the promised date,
 * quarterly progress reports. The item keeps the suggestion as its origin; the suggestion keeps the item's id.
 */
export function promiseItems(clock: () => Date, calendar: () => WorkingTime, isDemo = false): PromiseTracker {
  return async (tx, p) => {
    // The demo replays the past and creates its items as of its own present, so their lights are current.
    const now = clock();
    const item = await createItem(tx, {
      title: `${p.title.replace(/^关于/, '落实').replace(/的(建议|提案)$/, '')}（${p.replyClass}类答复承诺）`,
      sourceKind: 'suggestion', sourceRef: p.label, sourceDate: beijingDate(p.at), sourceWords: p.promise,
      leaderUserId: null, leaderName: '分管副市长', leadDepartmentId: p.departmentId, coDepartmentIds: [],
      description: `建议提案答复承诺：${p.promise}`, startDate: beijingDate(p.at), endDate: p.promiseDue,
      schedule: { frequency: 'quarterly', day: 25 }, targets: [],
      milestones: [{ title: '完成答复承诺事项', due: { date: p.promiseDue } }],
    }, { userId: p.actorUserId, role: 'handler', departmentId: p.departmentId }, {
      now, calendar: calendar(), origin: { type: 'suggestion', id: p.suggestionId }, isDemo,
    });
    return item.id;
  };
}
