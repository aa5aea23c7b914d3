import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// PGlite only (vitest.config.ts, engineFree): response headers are set by the HTTP layer, whatever the engine.

// Issue 16: security headers on every answer (API, static client, API docs), HSTS only behind HTTPS.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
  const [name, ...values] = d.split(/\s+/);
  return [name, values];
}));

describe('security headers', () => {
  it('API answers carry a CSP without inline scripts, no framing, nosniff and a referrer policy; no HSTS over plain HTTP', async () => {
    for (const url of ['/healthz', '/api/auth/me', '/api/public/board', '/open311/v2/discovery.xml', '/nothing-here']) {
      const r = await rt.app.inject({ method: 'GET', url });
      const csp = directives(String(r.headers['content-security-policy']));
      expect(csp['script-src'], url).toEqual(["'self'"]);
      expect(csp['script-src-attr']).toEqual(["'none'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp).not.toHaveProperty('upgrade-insecure-requests');
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('documents carry the document-only headers too; API answers leave them out', async () => {
    const documentOnly = ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection'];
    const page = await rt.app.inject({ method: 'GET', url: '/nothing-here' });
    for (const h of documentOnly) expect(page.headers[h], h).toBeDefined();
    for (const url of ['/api/auth/me', '/api/public/board', '/open311/v2/discovery.xml']) {
      const r = await rt.app.inject({ method: 'GET', url });
      for (const h of documentOnly) expect(r.headers[h], `${url} ${h}`).toBeUndefined();
      expect(r.headers['cross-origin-resource-policy'], url).toBe('same-origin');
    }
    const docs = await rt.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('the API docs page works under its own CSP (hashes for its inline scripts), still not framable', async () => {
    const page = await rt.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    const csp = directives(String(page.headers['content-security-policy']));
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp).not.toHaveProperty('upgrade-insecure-requests');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const spec = await rt.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
  });

  it('behind HTTPS (YIWANG_SECURE_COOKIES=1): HSTS and upgrade-insecure-requests', async () => {
    const app = await buildApp({ ...rt.deps, secureCookies: true });
    try {
      const r = await app.inject({ method: 'GET', url: '/healthz' });
      expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(directives(String(r.headers['content-security-policy']))).toHaveProperty('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });
});
