import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseEventTypes, catalogueJsonSchema, isCaseEventType, notifyingEventTypes, parseEvent, safeParseEvent } from './catalogue.js';

const snapshotPath = new URL('./catalogue.snapshot.json', import.meta.url);
const srcRoot = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|sql)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('the event catalogue', () => {
  it('matches the committed snapshot: changing a payload is treated like a migration', () => {
    const current = `${JSON.stringify(catalogueJsonSchema(), null, 2)}\n`;
    if (process.env.YIWANG_ACCEPT_EVENT_CATALOGUE === '1') writeFileSync(snapshotPath, current);
    const committed = readFileSync(snapshotPath, 'utf8');
    expect(current === committed, [
      'The event catalogue (src/domain/events) differs from src/domain/events/catalogue.snapshot.json.',
      'Stored events are hash-chained and never rewritten: a payload change must accept every payload already written',
      '(add optional fields or widen enums; never remove, rename or narrow). See docs/events.md.',
      'When the change is deliberate and backward compatible, accept it with',
      '  YIWANG_ACCEPT_EVENT_CATALOGUE=1 npx vitest run --project unit src/domain/events/catalogue.test.ts',
      'and commit the updated snapshot with the change.',
    ].join('\n')).toBe(true);
  });

  it('knows every event type named anywhere in the code (producers, consumers, migrations)', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(srcRoot)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"](case\.[a-z_]+)['"]/g)) named.add(m[1]);
    }
    expect(named.size).toBeGreaterThan(30);
    expect([...named].filter((t) => !isCaseEventType(t))).toEqual([]);
    // And the other way: no type in the catalogue that nothing produces.
    expect(caseEventTypes.filter((t) => !named.has(t))).toEqual([]);
  });

  it('lists only catalogue types as notifying', () => {
    expect(notifyingEventTypes.filter((t) => !isCaseEventType(t))).toEqual([]);
  });

  it('accepts the payloads older code wrote', () => {
    const old = [
      // Dispatches before routing was recorded; the reply deadline left out when there was none.
      { type: 'case.dispatched', payload: { round: 1, leadDepartmentId: 3, coDepartmentIds: [] } },
      // Raises before the payload named the department.
      { type: 'case.order_raised', payload: { orderId: 1, from: 'normal', to: 'yellow', reason: 'x' } },
      // Signing and returns before levels (二级派单).
      { type: 'case.signed', payload: { assignmentId: 4, role: 'lead' } },
      { type: 'case.return_requested', payload: { assignmentId: 4, role: 'lead', reason: 'x', basis: 'y' } },
      { type: 'case.return_approved', payload: { assignmentId: 4, role: 'co' } },
      // The demo's registration and an open imported record's.
      { type: 'case.created', payload: { channel: 'hotline', categoryCode: 'approval.construction_permit', urgency: 'normal' } },
      {
        type: 'case.created',
        payload: { categoryId: 2, channel: 'import', departmentName: null, externalId: 'A1', source: 's', suggestedLeadDepartmentId: null, urgency: 'normal' },
      },
      { type: 'case.closed', payload: { by: 'rating' } },
      { type: 'case.imported', payload: { source: 's', externalId: 'x', createdAt: '2026-10-01T00:00:00Z' } },
    ];
    for (const row of old) expect(() => parseEvent(row)).not.toThrow();
  });

  it('refuses an unknown type, a missing field and an unknown field', () => {
    expect(safeParseEvent({ type: 'case.teleported', payload: {} })).toMatchObject({ success: false });
    expect(safeParseEvent({ type: 'case.rejected', payload: {} })).toMatchObject({ success: false });
    expect(safeParseEvent({ type: 'case.accepted', payload: { by: 'x' } })).toMatchObject({ success: false });
    expect(() => parseEvent({ type: 'case.rated', payload: { rating: 'great', comment: '', wantsRedo: false } })).toThrow(/case\.rated/);
  });
});
