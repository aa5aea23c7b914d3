import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

// Security headers on every answer: a Content-Security-Policy without inline scripts, no framing by any site,
// no MIME sniffing, a referrer that never leaks paths (tracking tokens live in /p/track/… paths) to other
// origins, and HSTS only when the deployment says it is behind HTTPS (YIWANG_SECURE_COOKIES=1).
//
// Styles: Ant Design's CSS-in-JS injects <style> elements and sets style attributes at run time, so style-src keeps
// 'unsafe-inline' (measured: without it the console logs dozens of violations per page). A nonce would cover the
// <style> elements only, and needs a per-request HTML page and the nonce in every ConfigProvider. Scripts never
// run inline: Vite emits only external module scripts.

export interface SecurityHeaderOptions {
  /** HTTPS in front (YIWANG_SECURE_COOKIES=1): send Strict-Transport-Security and upgrade-insecure-requests. */
  secure: boolean;
}

export function contentSecurityPolicy(secure: boolean): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    // Without HTTPS in front, upgrading would break every asset of a plain-HTTP intranet install.
    'upgrade-insecure-requests': secure ? [] : null,
  };
}

/**
 * The API docs page (swagger-ui): its own static CSP (hashes of its inline scripts, if any), never framable, and,
 * like Ant Design, inline styles (swagger-ui sets style attributes and <style> at run time).
 */
export function docsPolicy(header: string, secure: boolean): string {
  let h = header.replace(/frame-ancestors [^;]*;?/, "frame-ancestors 'none';").replace(/style-src [^;]*;?/, "style-src 'self' 'unsafe-inline';");
  if (!secure) h = h.replace(/\s*upgrade-insecure-requests;?/, '');
  return h.trim();
}

export function helmetOptions(opts: SecurityHeaderOptions): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(opts.secure) },
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: opts.secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Attachments and exports open in new tabs; cross-origin isolation would buy nothing here and can break downloads.
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers helmet sets, worked out once: none of ours depends on the request (no nonces). @fastify/helmet built
 * helmet's middleware again on every request (parsing every CSP directive), ~8% of a case page's CPU in bench/.
 */
export function securityHeaders(opts: SecurityHeaderOptions): [string, string][] {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  helmet(helmetOptions(opts))({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return [...headers];
}

/**
 * Helmet's headers that only a document (a page a browser renders) acts on: DNS prefetching of its links, its
 * opener and agent cluster, Internet Explorer 8's download prompt and XSS filter, Flash and Acrobat policy files.
 * A JSON or XML answer of the API carries the rest (CSP, no framing, nosniff, referrer policy, resource policy, HSTS):
 * what OWASP's REST security sheet asks of an API. Six header lines fewer on every API answer: the client parses
 * each line (bench/: the case page's load generator, not the server, was the limit).
 */
const documentOnly = new Set([
  'cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options',
  'x-permitted-cross-domain-policies', 'x-xss-protection',
]);

/** Answers of the API and the Open311 feed (the API docs page is a document). */
export function isDataUrl(url: string): boolean {
  return (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/open311/');
}

export async function installSecurityHeaders(app: FastifyInstance, opts: SecurityHeaderOptions): Promise<void> {
  const headers = securityHeaders(opts);
  const dataHeaders = headers.filter(([name]) => !documentOnly.has(name));
  // On the raw response, as helmet did: a route that sets its own (the API docs' CSP) overrides them.
  app.addHook('onRequest', (req, reply, done) => {
    for (const [name, value] of isDataUrl(req.url) ? dataHeaders : headers) reply.raw.setHeader(name, value);
    done();
  });
}
