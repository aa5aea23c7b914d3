import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open311Limits } from '../../src/server/modules/open311/rate-limit.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { xml } from './kit.js';

// Per-IP limits on /open311/v2/*, like the portal's: the request after the limit in the window is refused with 429
// in the GeoReport error body of the format asked for; another address, or the next window, is served.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

async function getFrom(ip: string, url: string) {
  return rt.app.inject({ method: 'GET', url, remoteAddress: ip });
}

async function postFrom(ip: string, url: string) {
  return rt.app.inject({ method: 'POST', url, remoteAddress: ip, payload: 'api_key=yw311_wrong&service_code=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

describe('Open311 reads', () => {
  it(`serves ${open311Limits.read.max} GETs a window per address and answers the next with 429 in .json and .xml`, async () => {
    const ip = '10.31.1.1';
    const statuses = new Map<number, number>();
    for (let i = 0; i < open311Limits.read.max; i++) {
      // Every kind of GET counts, including unknown resources.
      const url = i % 100 === 0 ? '/open311/v2/nothing-here.json' : i % 10 === 0 ? '/open311/v2/services.json' : '/open311/v2/discovery.json';
      const s = (await getFrom(ip, url)).statusCode;
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(statuses.get(429)).toBeUndefined();

    const json = await getFrom(ip, '/open311/v2/services.json');
    expect(json.statusCode).toBe(429);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.json()).toEqual([{ code: 429, description: expect.stringContaining('请求过于频繁') }]);
    expect(Number(json.headers['retry-after'])).toBeGreaterThan(0);

    const x = await getFrom(ip, '/open311/v2/requests.xml');
    expect(x.statusCode).toBe(429);
    expect(x.headers['content-type']).toMatch(/^text\/xml/);
    expect(x.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml.parse(x.body).errors.error[0]).toEqual({ code: '429', description: expect.stringContaining('请求过于频繁') });

    // Another address is not affected; the same address is served again in the next window.
    expect((await getFrom('10.31.1.2', '/open311/v2/services.json')).statusCode).toBe(200);
    rt.clock.advanceHours(open311Limits.read.windowMs / 3_600_000);
    expect((await getFrom(ip, '/open311/v2/services.json')).statusCode).toBe(200);
  });
});

describe('Open311 submissions', () => {
  it(`allows ${open311Limits.submit.max} POSTs a window per address (even refused ones) and answers the next with 429`, async () => {
    const ip = '10.31.2.1';
    for (let i = 0; i < open311Limits.submit.max; i++) {
      const r = await postFrom(ip, '/open311/v2/requests.json');
      if (r.statusCode !== 403) throw new Error(`POST ${i}: ${r.statusCode} ${r.body}`);
    }
    const r = await postFrom(ip, '/open311/v2/requests.json');
    expect(r.statusCode).toBe(429);
    expect(r.json()).toEqual([{ code: 429, description: expect.stringContaining('请求过于频繁') }]);
    // Reads from that address have their own count.
    expect((await getFrom(ip, '/open311/v2/discovery.json')).statusCode).toBe(200);
  });
});
