import {
  AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { indicatorSystemLabels, type LeadingDashboard } from '../../../contracts/indicators.js';
import { beijingDateCn } from '../../../domain/calendar/local-time.js';
import type { LeadReport } from './report.js';

// The lead unit's work report and the meeting pack (汇报材料, 会议材料) as Word documents, in the conventions of the
// assessment bulletin and the supervision orders (仿宋 body, 黑体 headings, bordered tables).

const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const heiti = { ascii: 'Times New Roman', eastAsia: '黑体', hAnsi: 'Times New Roman' };
const title = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' };
const text = (t: string, o: { bold?: boolean; size?: number; f?: typeof font } = {}) => new TextRun({ text: t, font: o.f ?? font, size: o.size ?? 28, bold: o.bold });
const para = (t: string) => new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 480 }, children: [text(t)] });
const heading = (t: string, size = 30) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [text(t, { f: heiti, size })] });
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const table = (headers: string[], rows: string[][]) => new Table({
  width: { size: 100, type: WidthType.PERCENTAGE },
  borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
  rows: [
    new TableRow({ tableHeader: true, children: headers.map((h) => new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(h, { bold: true, size: 21 })] })] })) }),
    ...rows.map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [text(c, { size: 21 })] })] })) })),
  ],
});

const lightWords = { green: '达到目标', yellow: '落后目标', red: '较上期变差', none: '暂无数据' } as const;
const itemLightWords = { green: '绿灯', yellow: '黄灯', red: '红灯', none: '—' } as const;
const num = (x: number | null) => (x === null ? '—' : String(Number(x.toFixed(4))));
const pct = (x: number | null) => (x === null ? '—' : `${x}%`); // platform rates are percentages already
const cn = '一二三四五六七八九十';
type Measure = LeadingDashboard['rows'][number]['measures'][number];

function trend(m: Measure): string {
  if (m.value === null || m.previousValue === null) return '—';
  if (m.value === m.previousValue) return '持平';
  const better = m.direction === 'higher' ? m.value > m.previousValue : m.value < m.previousValue;
  return `${better ? '向好' : '变差'}（上期 ${num(m.previousValue)}）`;
}

export const reportTitle = (r: Pick<LeadReport, 'year' | 'departmentName'>) => `${r.departmentName}${r.year}年营商环境评价指标牵头工作情况汇报`;

function reportBody(r: LeadReport): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  out.push(para(`${r.departmentName}牵头${indicatorSystemLabels[r.system]}指标 ${r.indicators.length} 项：${r.indicators.map((i) => i.row.name).join('、')}。现将${r.year}年工作情况汇报如下。`));
  r.indicators.forEach((ind, n) => {
    out.push(heading(`${cn[n % 10]}、${ind.row.name}（${ind.row.code}）　${lightWords[ind.row.light]}；改革举措${itemLightWords[ind.row.reformLight]}`));
    out.push(para('（一）指标数据与目标'));
    out.push(table(['分项', '单位', '期别', '本期数值', '趋势', '本市承诺', '标杆城市', '省内最优', '状态'], ind.row.measures.map((m) => [
      m.name, m.unit, m.periodLabel ?? '—', num(m.value), trend(m), num(m.commitment), num(m.benchmark), num(m.provinceBest), lightWords[m.light],
    ])));
    out.push(para(`（二）改革举措：已完成 ${ind.done.length} 项，推进中 ${ind.due.length} 项。`));
    for (const i of ind.done) out.push(para(`已完成：${i.title}（${i.code}，${i.leadDepartmentName}）。`));
    for (const i of ind.due) {
      const next = i.nextMilestone ? `，下一节点“${i.nextMilestone.title}”${i.nextMilestone.dueDate}` : '';
      const why = i.lightReasons.length ? `：${i.lightReasons.map((x) => x.text).join('；')}` : '';
      out.push(para(`推进中：${i.title}（${i.code}，${itemLightWords[i.light]}${why}${next}，完成时限 ${i.endDate}）。`));
    }
    out.push(para('（三）企业诉求办理情况'));
    out.push(table(['季度', '受理', '办结', '不满意', '响应率', '解决率', '满意率', '办理时长中位数（小时）'], ind.quarters.map((q) => [
      q.periodLabel, String(q.cases), String(q.closed), String(q.unsatisfied), pct(q.responseRate), pct(q.resolutionRate), pct(q.satisfactionRate), num(q.medianHandlingHours),
    ])));
    out.push(para('（四）典型案例（已脱敏）'));
    if (!ind.cases.length) out.push(para('本年度暂无已办结的相关诉求。'));
    ind.cases.forEach((c, k) => out.push(para(`${k + 1}. ${c.title}（${c.closedOn}办结${c.rating === 'satisfied' ? '，企业满意' : c.rating === 'unsatisfied' ? '，企业不满意' : ''}）${c.reply ? `：${c.reply}` : ''}`)));
  });
  out.push(heading(`${cn[r.indicators.length % 10]}、下一步工作`));
  for (const line of (r.nextSteps || '（牵头单位尚未填写）').split(/\n+/)) out.push(para(line));
  return out;
}

const cover = (t: string, sub: string) => [
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: t, font: title, size: 40 })] }),
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [text(sub)] }),
];

export function leadReportDocx(r: LeadReport, now: Date): Promise<Buffer> {
  const children = [...cover(reportTitle(r), `${r.departmentName}　${beijingDateCn(now)}`), ...reportBody(r)];
  return Packer.toBuffer(new Document({ creator: r.departmentName, title: reportTitle(r), sections: [{ children }] }));
}

/** One document for the leading group's meeting: the overview table, then every lead unit's report. */
export function meetingPackDocx(pack: { dash: LeadingDashboard; reports: LeadReport[] }, cityName: string, now: Date): Promise<Buffer> {
  const t = `${cityName}优化营商环境领导小组会议材料（${pack.dash.year}年${indicatorSystemLabels[pack.dash.system]}指标）`;
  const children: (Paragraph | Table)[] = [...cover(t, beijingDateCn(now)), heading('指标总览（红灯、黄灯在前）')];
  children.push(table(['指标', '牵头单位', '指标状态', '改革举措', '红/黄/绿/完成'], pack.dash.rows.map((r) => [
    `${r.code} ${r.name}`, r.leadDepartmentName ?? '—', lightWords[r.light], itemLightWords[r.reformLight], `${r.reforms.red}/${r.reforms.yellow}/${r.reforms.green}/${r.reforms.closed}`,
  ])));
  for (const r of pack.reports) {
    children.push(new Paragraph({ children: [new PageBreak()] }), heading(reportTitle(r), 34), ...reportBody(r));
  }
  return Packer.toBuffer(new Document({ creator: cityName, title: t, sections: [{ children }] }));
}
