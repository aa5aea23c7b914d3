import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, firstBrokenLink, type ChainRow } from './chain.js';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = '';
  for (let i = 1; i <= n; i++) {
    const content = { caseId: 7, seq: i, type: `case.step${i}`, actorUserId: i, actorDepartmentId: 3, actorRole: 'handler', at: new Date(1_700_000_000_000 + i * 1000), payload: { n: i, text: '答复' } };
    const hash = eventHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('hash chain', () => {
  it('canonical JSON ignores key order, as jsonb does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it('an intact chain verifies', () => {
    expect(firstBrokenLink(chain(5))).toBe(-1);
  });

  it('finds an altered payload, actor or time', () => {
    for (const alter of [(r: ChainRow) => (r.payload = { n: 3, text: '改过' }), (r: ChainRow) => (r.actorUserId = 99), (r: ChainRow) => (r.at = new Date(0))]) {
      const rows = chain(5);
      alter(rows[2]);
      expect(firstBrokenLink(rows)).toBe(2);
    }
  });

  it('finds a deleted or reordered row', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(firstBrokenLink(rows)).toBe(1);
    const swapped = chain(5);
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expect(firstBrokenLink(swapped)).toBe(3);
  });

  it('a recomputed hash on an altered row still breaks the next link', () => {
    const rows = chain(4);
    rows[1].payload = { forged: true };
    rows[1].hash = eventHash(rows[1].prevHash, rows[1]);
    expect(firstBrokenLink(rows)).toBe(2);
  });
});
