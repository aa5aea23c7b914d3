import { caseKinds, type CaseKind } from './status.js';

// Case types (诉求类型) in words, and the reading of a type written by people or other systems.

export const caseTypeLabels: Record<CaseKind, string> = {
  consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬',
};

// Words other systems write for each type (12345 exports, English 311 exports), lower case.
const synonyms: Record<CaseKind, readonly string[]> = {
  consultation: ['咨询', '咨询类', '政策咨询', '询问', 'consultation', 'consult', 'inquiry', 'enquiry', 'question'],
  help: ['求助', '求助类', '求援', 'help', 'assistance'],
  complaint: ['投诉', '投诉类', 'complaint', 'complain'],
  report: ['举报', '举报类', '检举', '揭发', 'report', 'whistleblowing', 'tip'],
  suggestion: ['建议', '建议类', '意见建议', '意见', 'suggestion', 'proposal', 'idea'],
  praise: ['表扬', '表扬类', '感谢', '致谢', '锦旗', 'praise', 'compliment', 'thanks', 'commendation'],
};

/** A type from text (咨询, 咨询类, consultation, Complaint…), or null when the text names none. */
export function parseCaseType(text: string | null | undefined): CaseKind | null {
  if (text == null) return null;
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');
  if (!t) return null;
  if ((caseKinds as readonly string[]).includes(t)) return t as CaseKind;
  for (const k of caseKinds) if (synonyms[k].includes(t)) return k;
  return null;
}

export function isCaseKind(v: unknown): v is CaseKind {
  return typeof v === 'string' && (caseKinds as readonly string[]).includes(v);
}
