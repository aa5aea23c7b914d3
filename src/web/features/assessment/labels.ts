export const groupLabels = { city: '市直部门', district: '县市区', park: '园区' } as const;

export const measureLabels: Record<string, string> = {
  cases: '考核件数', response: '响应率', resolution: '解决率', satisfaction: '满意率', signing: '按时签收率', replying: '按时答复率',
  overdue: '超期', yellow: '黄牌督办', red: '红牌督办', refused_return: '退单被驳回', redo: '重办',
};

export const partLabels = { numerator: '分子', denominator: '分母' } as const;

/** What each part of a figure counts, in words, shown above its case list. */
export const partHelp: Record<string, { numerator: string; denominator: string }> = {
  cases: { numerator: '本期有考核事实的诉求', denominator: '本期有考核事实的诉求' },
  response: { numerator: '有效回访中按时响应（签收）的诉求', denominator: '本期有效回访（诉求人已评价）的诉求' },
  resolution: { numerator: '有效回访中已解决（非不满意）的诉求', denominator: '本期有效回访的诉求' },
  satisfaction: { numerator: '有效回访中满意或基本满意（基本满意按方案折算）的诉求', denominator: '本期有效回访的诉求' },
  signing: { numerator: '按时签收的诉求', denominator: '本期派给本单位并已签收的诉求' },
  replying: { numerator: '按时答复的诉求', denominator: '本期本单位答复的诉求' },
  overdue: { numerator: '本期超期的诉求', denominator: '本单位本期全部考核诉求' },
  yellow: { numerator: '本期被黄牌督办的诉求', denominator: '本单位本期全部考核诉求' },
  red: { numerator: '本期被红牌督办的诉求', denominator: '本单位本期全部考核诉求' },
  refused_return: { numerator: '本期退单申请被驳回的诉求', denominator: '本单位本期全部考核诉求' },
  redo: { numerator: '本期重办的诉求', denominator: '本单位本期全部考核诉求' },
};

export const appealStateLabels = { pending: '待审核', approved: '已批准', refused: '未批准' } as const;
export const appealStateColors = { pending: 'processing', approved: 'success', refused: 'default' } as const;

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const score = (x: number | null) => (x === null ? '—' : x.toFixed(2));

const sectionLabels: Record<string, string> = { items: '督办事项', suggestions: '建议提案', directAnswers: '直接答复', facts: '考核事实' };
const fieldLabels: Record<string, string> = {
  ...measureLabels, ...partLabels, city: '全市', department: '单位', digest: '快照摘要', exclusions: '剔除记录', composite: '综合得分', rank: '排名',
  combined: '综合得分（含专项）', items: '事项数', suggestions: '建议件数', reports: '按时报送', milestones: '节点按期', replies: '按时答复',
  ratings: '代表委员满意', answers: '直接答复',
};

/** A verify difference's field ("suggestions.replies.numerator") in words: "建议提案 · 按时答复 · 分子". */
export function differenceFieldLabel(field: string): string {
  const [head, ...rest] = field.split('.');
  const parts = rest.length && sectionLabels[head!] ? [sectionLabels[head!]!, ...rest.map((p) => fieldLabels[p] ?? p)] : [fieldLabels[head!] ?? head!, ...rest.map((p) => fieldLabels[p] ?? p)];
  return parts.join(' · ');
}

/** A verify difference's value as a person reads it. */
export function differenceValue(v: unknown): string {
  if (v === null || v === undefined) return '无';
  if (v === 'listed') return '在列';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}
