import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every case list shows a case's state with one component (StatusCell in src/web/shared/case-tags.tsx): status,
// warning with its overdue clock, rating. 查询 once built its own copy of the case table's cell and drifted (no
// overdue clock). A file that composes StatusTag and WarningTag itself is such a copy.

const root = join(import.meta.dirname, '../..');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.tsx')) yield path;
  }
}

/** Whether a source composes a status cell of its own. */
export const ownStatusCell = (text: string) => /<StatusTag\b/.test(text) && /<WarningTag\b/.test(text);

describe('one status cell for every case list', () => {
  it('detects a copied cell', () => {
    expect(ownStatusCell('<Space><StatusTag status={s} /><WarningTag level={l} /></Space>')).toBe(true);
    expect(ownStatusCell('<StatusCell status={s} warningLevel={l} />')).toBe(false);
  });

  it('no web file but case-tags.tsx composes StatusTag with WarningTag; 查询 and the case table use StatusCell', () => {
    const copies = [...files(join(root, 'src/web'))]
      .map((p) => relative(root, p).replaceAll('\\', '/'))
      .filter((rel) => rel !== 'src/web/shared/case-tags.tsx' && ownStatusCell(readFileSync(join(root, rel), 'utf8')));
    expect(copies).toEqual([]);
    for (const rel of ['src/web/features/search/search-page.tsx', 'src/web/shared/case-table.tsx']) {
      expect(readFileSync(join(root, rel), 'utf8')).toMatch(/<StatusCell\b/);
    }
  });
});
