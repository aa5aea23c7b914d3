import type { ExtensionState, MeetingForm, ReplyClass, SuggestionKind, SuggestionStatus, UnitRole } from './model.js';

// The Chinese words of the suggestions area, shared by the console, the public site and the exports.

export const suggestionKindLabels: Record<SuggestionKind, string> = { deputy: '人大代表建议', cppcc: '政协提案' };
export const suggestionStatusLabels: Record<SuggestionStatus, string> = {
  registered: '待交办', assigned: '待签收', handling: '办理中', countersigning: '会签中', awaiting_rating: '待评价', closed: '已办结',
};
export const unitRoleLabels: Record<UnitRole, string> = { lead: '主办', co: '会办', split: '分办' };
export const replyClassLabels: Record<ReplyClass, string> = { A: 'A类 已解决', B: 'B类 正在解决', C: 'C类 列入计划逐步解决', D: 'D类 留作参考' };
export const meetingFormLabels: Record<MeetingForm, string> = {
  in_person: '当面座谈', phone: '电话沟通', video: '视频会议', site_visit: '实地调研', forum: '集中座谈会',
};
export const extensionStateLabels: Record<ExtensionState, string> = { none: '未申请', requested: '延期待审批', approved: '已延期', denied: '延期未获批准' };
