import { describe, expect, it } from 'vitest';
import { toSuccessors } from './successors.js';

describe('toSuccessors', () => {
  it('gives a merged unit’s share to its successor and reorders', () => {
    const successor = (id: number) => (id === 7 ? 9 : id);
    const out = toSuccessors([
      { departmentId: 3, confidence: 0.4, words: ['a'] },
      { departmentId: 7, confidence: 0.3, words: ['b'] },
      { departmentId: 9, confidence: 0.2, words: ['c'] },
      { departmentId: 5, confidence: 0.1, words: [] },
    ], successor, 2);
    expect(out.map((s) => [s.departmentId, Number(s.confidence.toFixed(2)), s.words])).toEqual([[9, 0.5, ['b']], [3, 0.4, ['a']]]);
  });
});
