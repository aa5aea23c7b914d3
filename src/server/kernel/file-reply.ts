import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { SHANGHAI_OFFSET_MS } from '../../domain/calendar/local-time.js';

// Every download the server sends (Word and Excel exports, CSV error sheets, attachments) names its file here.

export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const csvType = 'text/csv; charset=utf-8';

/** Content-Disposition with an ASCII fallback and the Chinese name per RFC 5987/6266 (`filename*=UTF-8''…`). */
export function contentDisposition(fileName: string, asciiFallback: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** A generated file, not to be cached: the export's type, its Chinese name and an ASCII fallback name. */
export function sendFile(reply: FastifyReply, body: Buffer | Readable, type: string, fileName: string, asciiFallback: string) {
  return reply.header('content-type', type).header('content-disposition', contentDisposition(fileName, asciiFallback))
    .header('cache-control', 'no-store').send(body);
}

/** Spreadsheet cells must not start a formula (CSV/formula injection): prefix such text with an apostrophe. */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A Date whose UTC fields show Beijing wall time: Excel dates carry no zone and display the stored fields. */
export function excelLocal(d: Date): Date {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS);
}
