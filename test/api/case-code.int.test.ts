import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Make the random part of tracking codes repeat, to force the clash that chance brings over years.
let draws = 0;
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    randomBytes: (n: number) => (n === 8 && draws++ < 3 ? Buffer.alloc(8, 7) : real.randomBytes(n)),
  };
});

// The integration projects share modules between the files a worker runs (isolate: false): drop the modules an earlier
// file evaluated, so the application imported below sees the mock; afterAll drops them again for the next file.
vi.resetModules();
const { loginAs } = await import('../kit/http.js');
const { orgIds, sampleCase } = await import('../kit/org.js');
const { testRuntime } = await import('../kit/runtime.js');
let rt: Awaited<ReturnType<typeof testRuntime>>;

beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(async () => {
  await rt.close();
  vi.doUnmock('node:crypto');
  vi.resetModules();
});

describe('tracking codes', () => {
  it('a clash with an existing code draws a new one instead of failing the intake', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const a = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
    const b = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.code).toMatch(/^YW\d{8}-[2-9A-Z]{8}$/);
    expect(b.body.code).not.toBe(a.body.code);
    expect(draws).toBeGreaterThanOrEqual(3);
  });
});
