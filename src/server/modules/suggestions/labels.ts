import type { SuggestionKind } from '../../../domain/suggestions/model.js';

const digits = '〇一二三四五六七八九';

/** 17 → 十七, 5 → 五 (1–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return digits[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones ? digits[ones] : ''}`;
}

export const kindBody: Record<SuggestionKind, string> = { deputy: '人大', cppcc: '政协' };
export const kindNames: Record<SuggestionKind, string> = { deputy: '人大代表建议', cppcc: '政协提案' };

/** 第十七届人大第五次会议第 123 号 */
export function suggestionLabel(s: { kind: SuggestionKind; term: number; session_no: number; number: number }): string {
  return `第${chineseNumber(s.term)}届${kindBody[s.kind]}第${chineseNumber(s.session_no)}次会议第 ${s.number} 号`;
}
