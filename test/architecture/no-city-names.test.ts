import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The platform serves whatever city `yiwang init` set up: every text that names the city reads it from the city's
// settings (modules/settings). Only the demo data may name the demo city (Hengyang).
//
// Scanned: every source file under src/ (code, the web client's HTML pages). Not scanned, and why:
// - src/server/demo/: the demo data (Hengyang's organisation, its case texts and its settings, demo/data/city.ts).
// - *.test.ts beside the code: test fixtures (addresses, enterprise names and departments of sample cases).
// - src/server/db/migrations/: 0024 keeps the texts of the one platform in use before the settings existed; a landed
//   migration is never edited, and it is data, not a text the platform shows.

const root = join(import.meta.dirname, '../..');
const cityNames = /衡阳/;

const exempt = (rel: string) =>
  rel.startsWith('src/server/demo/') || rel.startsWith('src/server/db/migrations/') || /\.test\.tsx?$/.test(rel);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|html|css|json|mjs|cjs|js)$/.test(name)) yield path;
  }
}

/** Lines of `text` naming the demo city, as `file:line: text`. */
export function cityMentions(rel: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (cityNames.test(line) ? [`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`] : []));
}

describe('no city names outside the demo data', () => {
  it('finds the name where it is written (the check itself)', () => {
    expect(cityMentions('src/x.ts', "const t = '衡阳市优化营商环境';\nconst u = 1;")).toEqual(["src/x.ts:1: const t = '衡阳市优化营商环境';"]);
    expect(cityMentions('src/x.ts', "const t = `${city}优化营商环境`;")).toEqual([]);
    expect(exempt('src/server/demo/data/city.ts')).toBe(true);
    expect(exempt('src/domain/privacy/mask.test.ts')).toBe(true);
    expect(exempt('src/server/modules/notifications/fan-out.ts')).toBe(false);
    expect(exempt('src/web/index.html')).toBe(false);
  });

  it('no source file outside src/server/demo/ names 衡阳 or 衡阳市', () => {
    const found: string[] = [];
    for (const file of files(join(root, 'src'))) {
      const rel = relative(root, file).replaceAll('\\', '/');
      if (exempt(rel)) continue;
      found.push(...cityMentions(rel, readFileSync(file, 'utf8')));
    }
    expect(found).toEqual([]);
  });
});
