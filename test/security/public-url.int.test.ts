import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { publicUrlFromEnv } from '../../src/server/http/public-url.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// PGlite only (vitest.config.ts, engineFree): public URLs come from the environment, not the database.

// Issue 16: public absolute URLs come from YIWANG_PUBLIC_URL, never from the request's Host header.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

const discovery = async (app: typeof rt.app, host: string, forwarded: Record<string, string> = {}) =>
  (await app.inject({ method: 'GET', url: '/open311/v2/discovery.json', headers: { host, ...forwarded } })).json().endpoints[0].url as string;

describe('public URL', () => {
  it('Open311 discovery does not echo a forged Host header', async () => {
    const url = await discovery(rt.app, 'evil.example:666', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
    expect(url).not.toContain('evil');
    expect(url).toBe('/open311/v2');
  });

  it('with YIWANG_PUBLIC_URL the endpoint is absolute on the configured address, whatever Host says', async () => {
    const app = await buildApp({ ...rt.deps, publicUrl: publicUrlFromEnv('https://12345.hengyang.gov.cn/') });
    try {
      expect(await discovery(app, 'evil.example')).toBe('https://12345.hengyang.gov.cn/open311/v2');
      const xml = (await app.inject({ method: 'GET', url: '/open311/v2/discovery.xml', headers: { host: 'evil.example' } })).body;
      expect(xml).toContain('<url>https://12345.hengyang.gov.cn/open311/v2</url>');
      expect(xml).not.toContain('evil');
    } finally {
      await app.close();
    }
  });

  it('a malformed YIWANG_PUBLIC_URL stops start-up with a clear message', () => {
    expect(publicUrlFromEnv(undefined)).toBeUndefined();
    expect(publicUrlFromEnv('http://10.0.0.5:3000/yiwang/')).toBe('http://10.0.0.5:3000/yiwang');
    for (const bad of ['12345.hengyang.gov.cn', 'ftp://x.cn', 'https://x.cn/?a=1', 'https://u:p@x.cn']) expect(() => publicUrlFromEnv(bad)).toThrow(/YIWANG_PUBLIC_URL/);
  });
});
