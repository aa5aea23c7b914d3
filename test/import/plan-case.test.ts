import { describe, expect, it } from 'vitest';
import { eventHash } from '../../src/domain/audit/chain.js';
import type { Actor } from '../../src/domain/case/types.js';
import type { ImportRecord } from '../../src/domain/import/record.js';
import { eventColumns, eventStamp, planNewCase, type ResolvedRecord } from '../../src/server/modules/import/plan-case.js';

// planNewCase hashes a case's first event from JSON text whose keys are written in sorted order instead of calling
// canonicalJson per row (bulk import speed). `yiwang audit verify` recomputes the hash with eventHash, so the two
// must agree for every kind of record and every awkward value.

const record = (over: Partial<ImportRecord>): ImportRecord => ({
  externalId: 'GD-1', key: 'GD-1', title: '标题', description: '内容', createdAt: new Date('2024-03-05T06:30:00Z'), departmentName: '市住建局',
  sourceStatus: '已办结', state: 'finished', reply: '已办理。', repliedAt: new Date('2024-03-08T02:00:00Z'), rating: 'satisfied',
  closedAt: new Date('2024-03-08T02:00:00Z'), categoryText: null, subcategoryText: null, districtText: null, address: null, phone: null,
  submitterName: null, enterpriseName: null, isPublic: false, fingerprint: 'f', ...over,
});

const dept = { id: 7, code: 'zjj', name: '市住房和城乡建设局', kind: 'city_department' as const };
const category = { id: 3, code: 'other', name: '其他诉求', parentId: null, defaultLeadDepartmentId: 9 };
const resolved = (rec: ImportRecord, department = dept as typeof dept | null): ResolvedRecord => ({ rowNumber: 2, record: rec, department, district: null, category, warnings: [] });

const awkward = '引号"与\\反斜杠\n换行\t制表 \u2028 😀 </script>';
const cases: [string, ResolvedRecord][] = [
  ['finished with a department', resolved(record({}))],
  ['finished, department unknown, no rating', resolved(record({ departmentName: '某某局', rating: null, repliedAt: null }), null)],
  ['open', resolved(record({ state: 'open', sourceStatus: '办理中', reply: null, rating: null, closedAt: null, repliedAt: null }))],
  ['open without a department or its text', resolved(record({ state: 'open', departmentName: null, sourceStatus: null, reply: null, closedAt: null }), null)],
  ['rejected', resolved(record({ state: 'rejected', sourceStatus: '不予受理', rating: null }))],
  ['awkward text everywhere', resolved(record({ key: awkward, externalId: awkward, departmentName: awkward, sourceStatus: awkward, reply: awkward }))],
];
const actors: Actor[] = [
  { userId: null, role: 'system' as const, departmentId: null },
  { userId: 12, role: 'intake' as const, departmentId: 4 },
];

describe('planNewCase', () => {
  for (const [name, r] of cases) {
    for (const actor of actors) {
      it(`hashes the first event as eventHash does: ${name}, ${actor.role}`, () => {
        const now = new Date('2026-11-02T01:00:00.123Z');
        const p = planNewCase(4242, 'YW20240305-ABCDEFGH', '12345', r, eventStamp(actor, now));
        const event = Object.fromEntries(eventColumns.map(([c], i) => [c, (JSON.parse(p.eventJson) as unknown[])[i]]));
        expect(event).toMatchObject({ case_id: 4242, seq: 1, type: p.type, actor_user_id: actor.userId, actor_department_id: actor.departmentId, actor_role: actor.role, at: now.toISOString(), prev_hash: '' });
        expect(event.payload).toEqual(p.payload);
        const expected = eventHash('', { caseId: 4242, seq: 1, type: p.type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId, actorRole: actor.role, at: now, payload: event.payload });
        expect(event.hash).toBe(expected);
        expect(p.caseRow.last_event_hash).toBe(expected);
      });
    }
  }
});
