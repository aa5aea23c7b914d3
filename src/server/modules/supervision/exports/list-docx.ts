import {
  AlignmentType, BorderStyle, Document, PageOrientation, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import { issuingOffice } from '../../../../domain/supervision/names.js';

// A list of cases as a landscape Word table under a title, signed by the office: a department's overdue list, the
// supervision centre's list.

export interface ListDocument {
  title: string;
  subtitle: string;
  signature: string;
  headers: string[];
  rows: string[][];
}

export function listDocx(l: ListDocument): Promise<Buffer> {
  const font = { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312', hAnsi: 'Times New Roman' };
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font, size: 21, bold })] })] });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: l.headers.map((h) => cell(h, true)) }),
      ...l.rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) })),
    ],
  });
  const doc = new Document({
    creator: issuingOffice,
    sections: [{
      properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: l.title, font, size: 40, bold: true })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: l.subtitle, font, size: 24 })] }),
        table,
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [new TextRun({ text: l.signature, font, size: 24 })] }),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
