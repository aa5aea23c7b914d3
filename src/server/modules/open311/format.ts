import type { FastifyReply, FastifyRequest } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import { messageFor, type ErrorCode } from '../../../contracts/errors.js';
import { httpStatusFor } from '../../kernel/index.js';
import { beijingIso } from '../../../domain/calendar/local-time.js';

// GeoReport v2 output: every resource in `.json` and `.xml` (XML is the spec's required format and the default
// when a path has no extension). XML lists wrap each record in a named element under a named root.

export type Format = 'json' | 'xml';

/** `requests/YW2026-ABC.json` → { id: 'YW2026-ABC', format: 'json' }. Service codes contain dots, so only a known suffix is cut. */
export function splitFormat(name: string): { id: string; format: Format } {
  const m = /^(.*)\.(json|xml)$/i.exec(name);
  return m ? { id: m[1], format: m[2].toLowerCase() as Format } : { id: name, format: 'xml' };
}

/** The format asked for by a URL (for errors raised before a route knows it). */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0];
  return /\.json$/i.test(path) ? 'json' : 'xml';
}

// processEntities escapes & < > " ' in every text; xmlText removes what XML 1.0 cannot carry at all.
const builder = new XMLBuilder({ format: true, suppressEmptyNode: false, suppressBooleanAttributes: false, processEntities: true });

// Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). Input refuses
// them (contracts/common.ts) but older rows, imports and SQL may hold some: one of them must not break the feed.
// eslint-disable-next-line no-control-regex
const notXmlChar = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML 1.0 can carry it: characters it does not allow are removed (escaping is the builder's). */
export const xmlText = (s: string): string => s.replace(notXmlChar, '');

/** Scalars as XML text: booleans as true/false, null as an empty element. */
function xmlValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return xmlText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.map(xmlValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, xmlValue(x)]));
  return v;
}

export function toXml(root: string, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlValue(body) })}`;
}

export interface XmlShape {
  /** Root element, e.g. service_requests. */
  root: string;
  /** Element of each record in a list, e.g. request. Absent for a single object (discovery, service_definition). */
  item?: string;
}

/** `xmlBody` replaces `body` in XML where the two forms differ (nested lists such as discovery's formats). */
export function send(reply: FastifyReply, format: Format, status: number, body: unknown, shape: XmlShape, xmlBody?: unknown): FastifyReply {
  if (format === 'json') return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  const b = xmlBody ?? body;
  const xml = shape.item ? toXml(shape.root, { [shape.item]: b }) : toXml(shape.root, b as Record<string, unknown>);
  return reply.status(status).type('text/xml; charset=utf-8').send(xml);
}

/** The standard error body: `[{code, description}]` / `<errors><error><code>…</code><description>…</description></error></errors>`. */
export function sendError(reply: FastifyReply, format: Format, code: ErrorCode, detail?: string): FastifyReply {
  const status = httpStatusFor(code);
  const description = `${messageFor(code)}${detail ? `：${detail}` : ''}`;
  return send(reply, format, status, [{ code: status, description }], { root: 'errors', item: 'error' });
}

export function sendStatusError(reply: FastifyReply, format: Format, status: number, description: string): FastifyReply {
  return send(reply, format, status, [{ code: status, description }], { root: 'errors', item: 'error' });
}

/** W3C date-time in Beijing time, e.g. 2026-11-02T09:00:00+08:00 (the spec wants an explicit offset). */
export function w3(d: Date | null | undefined): string {
  if (!d) return '';
  return beijingIso(d);
}

/** Query or body parameters as plain strings (the first value when a name repeats). */
export function param(source: Record<string, unknown>, name: string): string | undefined {
  const v = source[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || s === null) return undefined;
  const t = String(s).trim();
  return t === '' ? undefined : t;
}

export function queryOf(req: FastifyRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}
