import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { beijingDateCn } from '../../../domain/calendar/local-time.js';
import type { ReplyClass } from '../../../domain/suggestions/model.js';

// The reply letter (答复函) as a unit prints, stamps and sends it: 文号, class mark, salutation, body, countersigning
// units, date. The same fonts and page as the supervision order (modules/supervision/exports/order-docx.ts).

export const classNames: Record<ReplyClass, string> = { A: '已解决', B: '正在解决', C: '列入计划逐步解决', D: '留作参考' };

export interface LetterDocument {
  departmentName: string;
  docNumber: string;
  replyClass: ReplyClass;
  /** 第十七届人大第五次会议第 123 号 */
  label: string;
  kindName: string;
  title: string;
  proposers: string[];
  body: string;
  promise: string | null;
  promiseDue: string | null;
  countersigns: { departmentName: string; opinion: string }[];
  repliedAt: Date;
  isPublic: boolean;
}

const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
const titleFont = { ascii: 'Times New Roman', eastAsia: '方正小标宋简体', hAnsi: 'Times New Roman' };
const run = (text: string, bold = false) => new TextRun({ text, font, size: 32, bold });
const para = (text: string, opts: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({ alignment: opts.align, spacing: { line: 560 }, indent: opts.indent ? { firstLine: 640 } : undefined, children: [run(text, opts.bold)] });

export async function letterDocx(l: LetterDocument): Promise<Buffer> {
  const addressee = l.proposers.length > 1 ? `${l.proposers[0]}等${l.kindName === '政协提案' ? '委员' : '代表'}` : `${l.proposers[0]}${l.kindName === '政协提案' ? '委员' : '代表'}`;
  const doc = new Document({
    creator: l.departmentName,
    title: `关于${l.label}的答复`,
    sections: [{
      properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
      children: [
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`${l.replyClass}类（${classNames[l.replyClass]}）`, true)] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(l.isPublic ? '公开' : '不公开')] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 300, after: 200 }, children: [run(l.docNumber)] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: `关于${l.kindName}${l.label}的答复`, font: titleFont, size: 44 })] }),
        para(`${addressee}：`),
        para(`您提出的《${l.title}》收悉。现答复如下：`, { indent: true }),
        ...l.body.split(/\r?\n/).filter((x) => x.trim()).map((x) => para(x, { indent: true })),
        ...(l.promise ? [para(`承诺事项：${l.promise}（计划于${l.promiseDue}前完成）。`, { indent: true })] : []),
        para('感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见。', { indent: true }),
        para(''),
        ...(l.countersigns.length ? [para(`会签单位：${l.countersigns.map((c) => c.departmentName).join('、')}`)] : []),
        para(''),
        para(l.departmentName, { align: AlignmentType.RIGHT }),
        para(beijingDateCn(l.repliedAt), { align: AlignmentType.RIGHT }),
        para('（盖章）', { align: AlignmentType.RIGHT }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
