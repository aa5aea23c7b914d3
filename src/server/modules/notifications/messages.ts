import type { Rating } from '../../../domain/case/status.js';
import { exhaustive, type EventPayload } from '../../../domain/events/catalogue.js';
import type { NotifiableEvent } from './recipients.js';
import { beijingDateTimeCn } from '../../../domain/calendar/local-time.js';

// Chinese title and body of a notice, from the event and the case it belongs to. Pure.

export interface CaseRef {
  id: number;
  code: string;
  title: string;
}

export interface NoticeText {
  title: string;
  body: string;
  link: string;
}

const clockLabels: Record<EventPayload<'case.warned'>['clock'], string> = { sign: '签收', opinion: '协办意见', reply: '答复' };
const levelLabels: Record<EventPayload<'case.order_issued'>['level'], string> = { normal: '普通', yellow: '黄牌', red: '红牌' };
const todo: Record<EventPayload<'case.warned'>['clock'], string> = { sign: '签收', opinion: '提交协办意见', reply: '答复' };
const ratingLabels: Record<Rating, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };

function shanghaiTime(v: string | null | undefined): string {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) return '';
  return beijingDateTimeCn(new Date(v));
}

function headline(e: NotifiableEvent): { label: string; detail: string } {
  const other = { label: '诉求动态', detail: '' };
  switch (e.type) {
    case 'case.dispatched': return { label: '新派单', detail: `请及时签收办理。${e.payload.replyDeadline ? `答复期限：${shanghaiTime(e.payload.replyDeadline)}。` : ''}` };
    case 'case.redone': return { label: '重办', detail: `诉求人不满意，诉求已重新交办（第 ${e.payload.round || ''} 轮）。原因：${e.payload.reason}` };
    case 'case.return_approved': return { label: '改派', detail: '原主办单位退单已获批准，诉求改派给本单位，请及时签收办理。' };
    case 'case.sub_dispatched': return { label: '下派', detail: `上级单位将诉求下派给本单位，请及时签收办理。${e.payload.replyDeadline ? `上报期限：${shanghaiTime(e.payload.replyDeadline)}。` : ''}` };
    case 'case.sub_replied': return { label: '下级上报', detail: `下级单位已上报办理结果：${e.payload.text}` };
    case 'case.called_in': return { label: '吹哨报到', detail: `主办单位请求本单位协同办理，请在 ${shanghaiTime(e.payload.signDeadline)} 前签收并提交协办意见。事由：${e.payload.reason}` };
    case 'case.warned': {
      const p = e.payload;
      const clock = clockLabels[p.clock] ?? '';
      return p.level === 'red'
        ? { label: '超期提醒', detail: `${clock}时限已过（期限 ${shanghaiTime(p.deadline)}），已超期。系统已向本单位催办，并转督办中心跟进，请尽快${todo[p.clock] ?? '办理'}。` }
        : { label: '时限预警', detail: `${clock}时限即将到期（期限 ${shanghaiTime(p.deadline)}），请抓紧${todo[p.clock] ?? '办理'}。` };
    }
    case 'case.urged': return { label: '催办', detail: `${e.payload.by === 'system' ? '系统自动催办' : '督办员催办'}：${e.payload.reason}` };
    case 'case.order_issued': return { label: '督办单', detail: `收到${levelLabels[e.payload.level] ?? ''}督办单，请于 ${shanghaiTime(e.payload.deadline)} 前书面答复。督办要求：${e.payload.demands}` };
    case 'case.order_raised': {
      const p = e.payload;
      return { label: '督办升级', detail: `督办级别由${levelLabels[p.from] ?? p.from}升为${levelLabels[p.to] ?? p.to}。原因：${p.reason}` };
    }
    // The reason names the clock; older reasons also named an office, which is not repeated here.
    case 'case.escalated': return { label: '超期转督办', detail: `${e.payload.reason.replace(/[，,]?\s*升级至.*$/, '')}。诉求已转入督办中心，请跟进督办。` };
    case 'case.return_requested': return { label: '退单申请', detail: `${e.payload.parentDepartmentId != null ? '下级单位' : '承办单位'}申请退单，待审核。理由：${e.payload.reason}` };
    case 'case.extension_requested': return { label: '延期申请', detail: `承办单位申请延期至 ${shanghaiTime(e.payload.until)}，待审核。理由：${e.payload.reason}` };
    case 'case.replied': return { label: '答复待审', detail: '主办单位已答复，待审核。' };
    case 'case.order_answered': return { label: '督办单答复', detail: `承办单位已书面答复督办单：${e.payload.text}` };
    case 'case.instructed': return { label: '领导批示', detail: `领导批示：${e.payload.text}` };
    case 'case.rated': return { label: '不满意评价', detail: `诉求人评价：${ratingLabels[e.payload.rating] ?? ''}。${e.payload.comment}` };
    case 'case.created':
    case 'case.accepted':
    case 'case.rejected':
    case 'case.merged':
    case 'case.merge_received':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.signed':
    case 'case.return_denied':
    case 'case.extension_approved':
    case 'case.extension_denied':
    case 'case.suspended':
    case 'case.resumed':
    case 'case.opinion_given':
    case 'case.reply_approved':
    case 'case.sent_back':
    case 'case.closed':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
    case 'case.answered_directly':
      return other;
    default:
      exhaustive(e);
      return other;
  }
}

export function noticeText(event: NotifiableEvent, c: CaseRef): NoticeText {
  const { label, detail } = headline(event);
  const link = `/cases/${c.id}`;
  return {
    title: `【${label}】${c.code} ${c.title}`.slice(0, 200),
    body: `诉求 ${c.code}「${c.title}」：${detail}`.slice(0, 2000),
    link,
  };
}
