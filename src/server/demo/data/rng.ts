// Small deterministic PRNG so demo data is reproducible from a seed.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: 32-bit state, good enough for demo data, tiny and fast. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng.next() * items.length)];
}

export function chance(rng: Rng, probability: number): boolean {
  return rng.next() < probability;
}
