import { describe, expect, it } from 'vitest';
import { singleFlight } from './single-flight.js';

describe('singleFlight: a double click sends one request', () => {
  it('a second call while the first is out shares its promise; after it settles a new call runs again', async () => {
    let calls = 0;
    let release!: (v: number) => void;
    const run = singleFlight(() => { calls++; return new Promise<number>((r) => { release = r; }); });
    const a = run();
    const b = run();
    expect(calls).toBe(1);
    release(7);
    await expect(Promise.all([a, b])).resolves.toEqual([7, 7]);
    const c = run();
    expect(calls).toBe(2);
    release(8);
    await expect(c).resolves.toBe(8);
  });
  it('a failure is reported once to both callers and does not block the next call', async () => {
    let calls = 0;
    const run = singleFlight(async () => { calls++; throw new Error('x'); });
    await expect(Promise.allSettled([run(), run()])).resolves.toHaveLength(2);
    expect(calls).toBe(1);
    await expect(run()).rejects.toThrow('x');
    expect(calls).toBe(2);
  });
});
