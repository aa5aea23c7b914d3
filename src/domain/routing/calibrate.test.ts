import { describe, expect, it } from 'vitest';
import { fitIsotonic, fitPlatt, plattProbability } from './calibrate.js';
import { seededRandom } from './model.js';

describe('Platt scaling', () => {
  it('recovers the slope and offset of outcomes drawn from a known logistic curve', () => {
    const rand = seededRandom(3);
    const scores: number[] = [];
    const correct: boolean[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = rand() * 6 - 2;
      scores.push(s);
      correct.push(rand() < 1 / (1 + Math.exp(-(1.5 * s - 1))));
    }
    const p = fitPlatt(scores, correct);
    expect(p.a).toBeCloseTo(1.5, 1);
    expect(p.b).toBeCloseTo(-1, 1);
    // Calibrated: among scores near 1, about σ(0.5) are right.
    expect(plattProbability(p, 1)).toBeCloseTo(1 / (1 + Math.exp(-0.5)), 1);
  });

  it('stays finite on perfectly separated outcomes (smoothed targets) and is increasing in the score', () => {
    const p = fitPlatt([-3, -2, -1, 1, 2, 3], [false, false, false, true, true, true]);
    expect(Number.isFinite(p.a) && Number.isFinite(p.b)).toBe(true);
    expect(p.a).toBeGreaterThan(0);
    expect(plattProbability(p, 3)).toBeLessThan(1);
    expect(plattProbability(p, 3)).toBeGreaterThan(plattProbability(p, -3));
  });

  it('a larger margin never means less likely right: a negative slope becomes the base rate', () => {
    const p = fitPlatt([1, 2, 3, 4, 5, 6, 7, 8], [true, true, true, true, true, true, false, false]);
    expect(p.a).toBe(0);
    expect(plattProbability(p, 8)).toBeCloseTo(plattProbability(p, 1), 10);
  });

  it('gives the base rate when the score says nothing', () => {
    const p = fitPlatt(Array.from({ length: 1000 }, () => 1), Array.from({ length: 1000 }, (_, i) => i % 4 !== 0));
    expect(plattProbability(p, 1)).toBeCloseTo(0.75, 2);
  });
});

describe('isotonic regression', () => {
  it('pools adjacent violators into a non-decreasing step function, ties in one block', () => {
    // Outcomes by score 1 0 | 1 1 (0 1 at the tied score 5) | 1: the dip at 2 is pooled with 1; the tie at 5 (one
    // right of two) pools with 3 and 4 (3 of 4 right); 6 stays alone.
    const iso = fitIsotonic([1, 2, 3, 4, 5, 5, 6], [1, 0, 1, 1, 0, 1, 1]);
    expect(iso.from).toEqual([1, 3, 6]);
    expect(iso.value).toEqual([0.5, 0.75, 1]);
    expect(iso.count).toEqual([2, 4, 1]);
  });

  it('is the identity on outcomes already in order, and one block when they fall', () => {
    expect(fitIsotonic([0.1, 0.2, 0.3], [0, 0, 1]).value).toEqual([0, 0, 1]);
    const falling = fitIsotonic([0.1, 0.2, 0.3, 0.4], [1, 1, 0, 0]);
    expect(falling.from).toEqual([0.1]);
    expect(falling.value).toEqual([0.5]);
  });
});
