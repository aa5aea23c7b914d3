import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isItemEventType, itemCatalogueJsonSchema, itemEventTypes, parseItemEvent, safeParseItemEvent } from './items.js';

const snapshotPath = new URL('./items.snapshot.json', import.meta.url);
const srcRoot = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|sql)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('the item event catalogue', () => {
  it('matches the committed snapshot: changing a payload is treated like a migration', () => {
    const current = `${JSON.stringify(itemCatalogueJsonSchema(), null, 2)}\n`;
    if (process.env.YIWANG_ACCEPT_EVENT_CATALOGUE === '1') writeFileSync(snapshotPath, current);
    const committed = readFileSync(snapshotPath, 'utf8');
    expect(current === committed, 'src/domain/events/items.ts differs from items.snapshot.json; see docs/events.md and accept with YIWANG_ACCEPT_EVENT_CATALOGUE=1').toBe(true);
  });

  it('knows every item event type named in the code, and each type has a producer', () => {
    const named = new Set<string>();
    for (const file of sourceFiles(srcRoot)) {
      if (file.endsWith('events/items.ts')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/['"](item\.[a-z_]+)['"]/g)) named.add(m[1]);
    }
    expect([...named].filter((t) => !isItemEventType(t))).toEqual([]);
    expect(itemEventTypes.filter((t) => !named.has(t))).toEqual([]);
  });

  it('refuses an unknown type, a missing field and an unknown field', () => {
    expect(safeParseItemEvent({ type: 'item.teleported', payload: {} })).toMatchObject({ success: false });
    expect(safeParseItemEvent({ type: 'item.report_returned', payload: { reportId: 1 } })).toMatchObject({ success: false });
    expect(safeParseItemEvent({ type: 'item.order_closed', payload: { orderId: 1, reason: 'x', extra: 1 } })).toMatchObject({ success: false });
    expect(() => parseItemEvent({ type: 'item.light_changed', payload: { from: 'green', to: 'blue', reasons: [] } })).toThrow(/item\.light_changed/);
    expect(parseItemEvent({ type: 'item.closed', payload: { evidence: '验收报告', fileIds: [] } }).type).toBe('item.closed');
  });
});
