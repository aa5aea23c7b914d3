import {
  AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { beijingDateCn, beijingDateTimeCn } from '../../../../domain/calendar/local-time.js';
import { issuingOffice, levelNames } from '../../../../domain/supervision/names.js';

// The supervision order as an office prints, stamps and sends it (督办单), with the department's answer section.

export interface OrderDocument {
  code: string;
  level: keyof typeof levelNames;
  departmentName: string;
  caseCode: string;
  caseTitle: string;
  caseSummary: string;
  demands: string;
  deadline: Date;
  issuedAt: Date;
  answerText: string | null;
  answeredAt: Date | null;
  /** The city's name from its settings, for the title. */
  cityName: string;
}

export { issuingOffice };
const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const titleFont = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' };

const run = (text: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text, font, size: opts.size ?? 28, bold: opts.bold });
const para = (text: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}) =>
  new Paragraph({ alignment: opts.align, spacing: { line: 400 }, children: [run(text, opts)] });
/** Multi-line text as paragraphs so line breaks survive. */
const paras = (text: string) => text.split(/\r?\n/).map((line) => para(line));

function row(label: string, content: Paragraph[], minHeight = 600): TableRow {
  return new TableRow({
    height: { value: minHeight, rule: 'atLeast' },
    children: [
      new TableCell({ width: { size: 22, type: WidthType.PERCENTAGE }, verticalAlign: VerticalAlign.CENTER, children: [para(label, { bold: true, align: AlignmentType.CENTER })] }),
      new TableCell({ width: { size: 78, type: WidthType.PERCENTAGE }, verticalAlign: VerticalAlign.CENTER, children: content }),
    ],
  });
}

const blank = (n: number) => Array.from({ length: n }, () => para(''));

export function summaryOf(text: string, max = 200): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}……` : t;
}

export async function orderDocx(o: OrderDocument): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
  const main = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders,
    rows: [
      row('承办单位', [para(o.departmentName)]),
      row('诉求编号', [para(o.caseCode)]),
      row('诉求标题', [para(o.caseTitle)]),
      row('内容摘要', paras(o.caseSummary), 1400),
      row('督办要求', paras(o.demands), 2000),
      row('办理时限', [para(`请于${beijingDateTimeCn(o.deadline)}前书面答复办理结果`)]),
    ],
  });
  const answer = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders,
    rows: [
      row('答复情况', o.answerText ? paras(o.answerText) : blank(5), 2400),
      row('答复单位（盖章）', [...blank(2), para(`负责人签字：　　　　　　　答复日期：${o.answeredAt ? beijingDateCn(o.answeredAt) : '　　年　　月　　日'}`)], 1400),
    ],
  });
  const doc = new Document({
    creator: issuingOffice,
    title: `${o.cityName}优化营商环境问题督办单 ${o.code}`,
    sections: [{
      properties: { page: { margin: { top: 1440, bottom: 1440, left: 1588, right: 1474 } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: `${o.cityName}优化营商环境问题督办单`, font: titleFont, size: 44, bold: true })] }),
        new Paragraph({ alignment: AlignmentType.LEFT, spacing: { after: 200 }, children: [run(`编号：${o.code}`), run('　　　　'), run(`督办等级：${levelNames[o.level]}`, { bold: true })] }),
        main,
        para(''),
        para(`签发单位：${issuingOffice}`, { align: AlignmentType.RIGHT }),
        para(`签发日期：${beijingDateCn(o.issuedAt)}`, { align: AlignmentType.RIGHT }),
        para('（盖章）', { align: AlignmentType.RIGHT }),
        ...blank(2),
        para('答复部分（由承办单位填写，盖章后报送市优化营商环境办公室）', { bold: true }),
        answer,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
