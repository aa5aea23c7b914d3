import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { beijingDateCn } from '../../../domain/calendar/local-time.js';
import { storyFigureLine } from '../../../domain/indicators/index.js';
import type { AppDeps } from '../../deps.js';
import { publicStories } from './stories.js';

// The published stories (城市故事) as one Word document: each story's public (masked) title and text, its before and
// after (text and figures with units), the units involved. Only published text goes in, so the file may leave the building.

export async function storiesDocx(deps: AppDeps, cityName: string): Promise<Buffer> {
  const { items } = await publicStories(deps, undefined);
  const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
  const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) => new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined, spacing: { after: 120 },
    children: [new TextRun({ text, font, size: opts.size ?? 24, bold: opts.bold })],
  });
  const children = [
    p(`${cityName}优化营商环境典型案例汇编`, { bold: true, size: 40, center: true }),
    p(`（${beijingDateCn(deps.now())}，共 ${items.length} 篇）`, { center: true }),
  ];
  items.forEach((s, i) => {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 300, after: 120 }, children: [new TextRun({ text: `${i + 1}. ${s.title}`, font, size: 30, bold: true })] }));
    if (s.indicatorName) children.push(p(`评价指标：${s.indicatorName}`));
    if (s.beforeText) children.push(p(`改革前：${s.beforeText}`));
    if (s.afterText) children.push(p(`改革后：${s.afterText}`));
    for (const f of s.figures) children.push(p(storyFigureLine(f)));
    for (const para of s.body.split(/\n+/)) children.push(p(para));
    if (s.departmentNames.length) children.push(p(`参与单位：${s.departmentNames.join('、')}`));
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
