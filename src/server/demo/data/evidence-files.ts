import { crc32, deflateSync } from 'node:zlib';

// Small real files for the demo's evidence (issue 14): a PNG bar chart and a one-page PDF, made in memory so they pass
// the upload's content check (the type is read from the bytes) like any file a unit uploads.

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A 240×160 PNG: a light background, an axis and bars of the given heights (0–1), in the console's blue. */
export function barChartPng(heights: readonly number[]): Buffer {
  const w = 240, h = 160;
  const rows: Buffer[] = [];
  const barW = Math.floor((w - 40) / Math.max(1, heights.length));
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      let rgb = [246, 248, 252];
      if (x === 20 || y === h - 20) rgb = [140, 140, 140];
      const i = Math.floor((x - 24) / barW);
      if (x >= 24 && i < heights.length && (x - 24) % barW < barW - 6 && y < h - 20 && y >= h - 20 - Math.round(heights[i] * (h - 40))) rgb = [29, 78, 216];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF with a few lines of ASCII text (a reference and figures; the file's Chinese name says what it is). */
export function onePagePdf(lines: readonly string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 12 Tf 56 ${760 - i * 20} Td (${l.replace(/[()\\]/g, '')}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
