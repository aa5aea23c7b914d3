import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IConfiguration } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { describe, expect, it } from 'vitest';

// The layering rules of .dependency-cruiser.cjs (run by `npm run lint`) must catch what they forbid: they run here on a
// small fixture tree that breaks each of them on purpose (test/layers/fixture/src).

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

async function violations(baseDir: string): Promise<string[]> {
  const { tsConfig: _ts, ...options } = config.options ?? {};
  const result = await cruise(['src'], { ...options, validate: true, ruleSet: { forbidden: config.forbidden }, baseDir },
    {}, { tsConfig: extractTSConfig(path.join(root, 'tsconfig.json')) });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('dependency rules', () => {
  it('report a domain → server import, a circle of files, a reach past an area entry and a circle of areas', async () => {
    expect(await violations(path.join(root, 'test/layers/fixture'))).toEqual([
      'area-through-public-entry: src/server/modules/routing/rules-store.ts → src/server/modules/cases/repository.ts',
      'domain-is-pure: src/domain/case/decide.ts → src/server/modules/cases/repository.ts',
      'no-circular-areas: src/server/modules/cases → src/server/modules/routing',
      'no-circular-areas: src/server/modules/routing → src/server/modules/cases',
      'no-circular: src/domain/case/decide.ts → src/domain/case/status.ts',
    ]);
  }, 60_000);
});
