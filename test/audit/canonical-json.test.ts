import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash } from '../../src/domain/audit/chain.js';

// The first text of canonicalJson (entries, filter, sort, map, join). The loop version that replaced it for speed
// must give byte-for-byte the same text, or every stored chain would stop verifying.
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

const samples: unknown[] = [
  null, undefined, 0, -1.5, 'text', '引号"与\\反斜杠\n', true, new Date('2026-11-02T02:00:00.123Z'), [], {},
  [1, undefined, null, 'a', [2, [3]], { b: 1, a: 2 }],
  { z: 1, a: undefined, m: null, 中文: '值', Z: 'upper before lower', _: [], nested: { y: { b: 2, a: 1 }, x: [{ d: 4, c: 3 }] } },
  { assignmentId: 7, departmentId: 3, clock: 'reply', level: 'red', deadline: '2026-11-02T02:00:00.000Z' },
  { '\u00e9': 1, e: 2, '\ud83d\ude00': 3, '10': 4, '9': 5, '': 6 },
  // Keys already sorted, values primitive: the fast path (one JSON.stringify) must give the same text.
  { assignmentId: 7, clock: 'reply', deadline: '2026-11-02T02:00:00.000Z', departmentId: 3, level: 'red' },
  { a: undefined, b: -0, c: Number.NaN, d: '引号"\n', e: false, f: null },
  { '': 1, '10': 2, '9': 3 }, { '9': 3, a: 1 }, { B: 1, a: 2, 中: 3 }, { a: 1, b: { d: 1, c: 2 } }, { a: 1, b: [2, 1] },
  Object.assign(Object.create(null) as object, { a: 1, b: 'x' }),
];

describe('canonicalJson', () => {
  it('gives the same text as the first implementation', () => {
    for (const s of samples) expect(canonicalJson(s)).toBe(reference(s));
  });

  it('hashes an event as sha256(prev, newline, canonical content), whatever the fields hold', () => {
    const at = new Date('2026-11-02T02:00:00.5Z');
    const contents = [
      { caseId: 9, seq: 4, type: 'case.urged', actorUserId: null, actorDepartmentId: null, actorRole: 'system', at, payload: { by: 'system', reason: '答复已超期，系统自动催办', assignmentId: 3 } },
      { caseId: 1, seq: 1, type: 'case.created', actorUserId: 5, actorDepartmentId: 2, actorRole: 'intake', at, payload: { title: 'x', list: [{ b: 1, a: undefined }] } },
      { caseId: 2, seq: 2, type: 't', actorUserId: 5, actorDepartmentId: 2, actorRole: 'intake', at, payload: undefined },
    ];
    for (const c of contents) {
      const expected = createHash('sha256').update('prev').update('\n').update(reference({ ...c, at: c.at.toISOString() })).digest('hex');
      expect(eventHash('prev', c)).toBe(expected);
    }
  });

  it('hashes an event the same whatever the key order', () => {
    const at = new Date('2026-11-02T02:00:00Z');
    const a = eventHash('', { caseId: 1, seq: 1, type: 'case.warned', actorUserId: null, actorDepartmentId: null, actorRole: 'system', at, payload: { b: 1, a: [1, { y: 2, x: 1 }] } });
    const b = eventHash('', { caseId: 1, seq: 1, type: 'case.warned', actorUserId: null, actorDepartmentId: null, actorRole: 'system', at, payload: { a: [1, { x: 1, y: 2 }], b: 1 } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
