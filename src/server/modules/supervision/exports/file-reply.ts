import type { FastifyReply } from 'fastify';

export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987/6266 (`filename*=UTF-8''…`). */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export function sendFile(reply: FastifyReply, body: Buffer, type: string, fileName: string, asciiFallback: string) {
  return reply.header('content-type', type).header('content-disposition', contentDisposition(fileName, asciiFallback))
    .header('cache-control', 'no-store').send(body);
}

// Office documents are read in Asia/Shanghai (fixed UTC+8, no daylight saving).
const shift = (d: Date) => new Date(d.getTime() + 8 * 3_600_000);

/** 2026年11月3日 */
export function cnDate(d: Date): string {
  const s = shift(d);
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日`;
}

/** 2026年11月6日 17:30 */
export function cnDateTime(d: Date): string {
  const s = shift(d);
  return `${cnDate(d)} ${String(s.getUTCHours()).padStart(2, '0')}:${String(s.getUTCMinutes()).padStart(2, '0')}`;
}

/** A Date whose UTC fields show Shanghai wall time: Excel dates carry no zone and display the stored fields. */
export function excelLocal(d: Date): Date {
  return shift(d);
}

/** Spreadsheet cells must not start a formula (CSV/formula injection): prefix such text with an apostrophe. */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const levelNames = { normal: '普通督办', yellow: '黄牌督办', red: '红牌督办' } as const;
