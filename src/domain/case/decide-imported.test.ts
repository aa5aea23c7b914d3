import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../import/record.js';
import { decideImported, type ImportedCasePatch, type ImportedInput } from './decide-imported.js';

const record = (over: Partial<ImportRecord> = {}): ImportRecord => ({
  externalId: 'GD-1', key: 'GD-1', title: '标题', description: '内容', createdAt: new Date('2024-03-05T06:30:00Z'), departmentName: '市住建局',
  sourceStatus: '已办结', state: 'finished', reply: '已办理。', repliedAt: new Date('2024-03-08T02:00:00Z'), rating: 'satisfied',
  closedAt: new Date('2024-03-09T02:00:00Z'), categoryText: null, subcategoryText: null, districtText: null, address: null, phone: null,
  submitterName: null, enterpriseName: null, isPublic: false, fingerprint: 'f', ...over,
});
const dept = { id: 7, code: 'zjj', name: '市住房和城乡建设局', kind: 'city_department' as const };
const category = { id: 3, code: 'other', name: '其他诉求', parentId: null, defaultLeadDepartmentId: 9 };
const input = (over: Partial<ImportRecord> = {}, department: typeof dept | null = dept): ImportedInput => ({ record: record(over), department, district: null, category });
const words = (patch: ImportedCasePatch) => [`→ ${patch.status}`];

describe('decideImported: a new case', () => {
  it('a finished record becomes a closed case with its lead assignment and case.imported', () => {
    const d = decideImported('12345', input());
    if (!d.ok) throw new Error(d.refused);
    expect(d.patch).toMatchObject({
      status: 'closed', leadDepartmentId: 7, round: 1, replyText: '已办理。', rating: 'satisfied', rejectReason: null,
      acceptedAt: new Date('2024-03-05T06:30:00Z'), closedAt: new Date('2024-03-09T02:00:00Z'), ratedAt: new Date('2024-03-09T02:00:00Z'),
    });
    expect(d.assignment).toEqual({
      departmentId: 7, role: 'lead', round: 1, status: 'done', dispatchedAt: new Date('2024-03-05T06:30:00Z'),
      signDeadline: new Date('2024-03-05T06:30:00Z'), closedAt: new Date('2024-03-09T02:00:00Z'),
    });
    expect(d.events).toHaveLength(1);
    expect(d.events[0].type).toBe('case.imported');
    expect(d.events[0].payload).toMatchObject({ source: '12345', externalId: 'GD-1', departmentId: 7, rating: 'satisfied' });
  });

  it('its payload keys are sorted, so JSON.stringify gives the text the first event hash covers', () => {
    for (const state of ['finished', 'open', 'rejected'] as const) {
      const d = decideImported('12345', input({ state }));
      if (!d.ok) throw new Error(d.refused);
      const keys = Object.keys(d.events[0].payload);
      expect(keys).toEqual([...keys].sort());
    }
  });

  it('a finished record handled by an unknown department is closed without an assignment', () => {
    const d = decideImported('12345', input({}, null));
    expect(d.ok && d.patch.leadDepartmentId === null && d.assignment === null && d.patch.status === 'closed').toBe(true);
  });

  it('an open record waits in the intake queue with case.created', () => {
    const d = decideImported('12345', input({ state: 'open', reply: null, closedAt: null, repliedAt: null }));
    if (!d.ok) throw new Error(d.refused);
    expect(d.patch).toMatchObject({ status: 'submitted', leadDepartmentId: null, round: 0, acceptedAt: null, closedAt: null });
    expect(d.assignment).toBeNull();
    expect(d.events[0]).toEqual({
      type: 'case.created',
      payload: { caseType: 'complaint', categoryId: 3, channel: 'import', departmentName: '市住建局', externalId: 'GD-1', source: '12345', suggestedLeadDepartmentId: 7, urgency: 'normal' },
    });
  });

  it('a rejected record is rejected with a reason', () => {
    const d = decideImported('12345', input({ state: 'rejected', reply: null, sourceStatus: '不予受理', closedAt: null }));
    if (!d.ok) throw new Error(d.refused);
    expect(d.patch).toMatchObject({ status: 'rejected', rejectReason: '原系统状态：不予受理', rejectedAt: new Date('2024-03-05T06:30:00Z'), replyText: null });
    expect(d.events[0].type).toBe('case.imported');
  });
});

describe('decideImported: a record imported again', () => {
  it('updates a case whose whole history is the import, with the next revision and the changes in words', () => {
    const d = decideImported('12345', input(), { status: 'submitted', eventTypes: ['case.created'], describe: words });
    if (!d.ok) throw new Error(d.refused);
    expect(d.patch.status).toBe('closed');
    expect(d.changes).toEqual(['→ closed']);
    expect(d.events[0].type).toBe('case.imported');
    expect(d.events[0].payload).toMatchObject({ revision: 2, changes: ['→ closed'] });
  });

  it('a still-open record records case.import_updated', () => {
    const d = decideImported('12345', input({ state: 'open' }), { status: 'submitted', eventTypes: ['case.created', 'case.import_updated'], describe: words });
    if (!d.ok) throw new Error(d.refused);
    expect(d.events[0]).toEqual({ type: 'case.import_updated', payload: { source: '12345', externalId: 'GD-1', revision: 3, changes: ['→ submitted'] } });
  });

  it('refuses a case handled here since', () => {
    expect(decideImported('12345', input(), { status: 'submitted', eventTypes: ['case.created', 'case.accepted'], describe: words }))
      .toEqual({ ok: false, refused: '该诉求导入后已在本系统中办理，未按文件更新' });
    expect(decideImported('12345', input(), { status: 'dispatched', eventTypes: ['case.created'], describe: words }).ok).toBe(false);
  });

  it('never takes a finished case back to open', () => {
    expect(decideImported('12345', input({ state: 'open' }), { status: 'closed', eventTypes: ['case.imported'], describe: words }))
      .toEqual({ ok: false, refused: '文件中为未办结，本系统已按办结导入，未更新' });
  });
});
