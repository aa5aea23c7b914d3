// Supervised items (督办事项): the names the domain, the contracts and the web share (docs/items.md).

/** Where an item comes from: a meeting (with date and the minutes' words), the government work report, a leader's
 * instruction, a deputy's suggestion (a B/C reply's promise), a hot-spot topic. */
export const itemSourceKinds = ['meeting', 'work_report', 'instruction', 'suggestion', 'hotspot'] as const;
export type ItemSourceKind = (typeof itemSourceKinds)[number];

/** in_progress: 推进中; closed: 已销号 (by the supervisor, on evidence). */
export const itemStates = ['in_progress', 'closed'] as const;
export type ItemState = (typeof itemStates)[number];

export const itemLights = ['green', 'yellow', 'red'] as const;
export type ItemLight = (typeof itemLights)[number];

export const reportFrequencies = ['none', 'monthly', 'quarterly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/** submitted: 待审核; accepted: 已认可; returned: 已退回 (with a reason). */
export const itemReportStates = ['submitted', 'accepted', 'returned'] as const;
export type ItemReportState = (typeof itemReportStates)[number];

export const itemSourceNames: Record<ItemSourceKind, string> = {
  meeting: '会议部署', work_report: '政府工作报告', instruction: '领导批示', suggestion: '代表建议', hotspot: '热点问题',
};
export const itemStateNames: Record<ItemState, string> = { in_progress: '推进中', closed: '已销号' };
export const itemLightNames: Record<ItemLight, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };
export const reportStateNames: Record<ItemReportState, string> = { submitted: '待审核', accepted: '已认可', returned: '已退回' };

/** A milestone's due: a calendar date, or N working days from the item's start (the working calendar decides). */
export type MilestoneDue = { date: string } | { workingDays: number };

/** The report schedule: none, or monthly / quarterly due by day `day` (1–28) of the month (of a quarter's last month). */
export type ReportSchedule = { frequency: 'none' } | { frequency: 'monthly' | 'quarterly'; day: number };
