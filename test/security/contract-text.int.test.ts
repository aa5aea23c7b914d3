import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { textCheck } from '../../src/contracts/common.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// PGlite only (vitest.config.ts, engineFree): it walks the routes' zod schemas; no engine is involved.

// Every string a request can carry (body, query, path parameters, headers of every route) goes through the one
// text normaliser (zStr in src/contracts/common.ts): walk the zod schemas of all registered routes.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Paths of string leaves (and record keys) that do not carry textCheck. */
function unguarded(schema: unknown, path: string, out: string[], seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema) || seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (!((def.checks as unknown[] | undefined) ?? []).includes(textCheck)) out.push(path || '(root)');
      break;
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) unguarded(v, path ? `${path}.${k}` : k, out, seen);
      if (def.catchall) unguarded(def.catchall, `${path}.*`, out, seen);
      break;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      unguarded(def.innerType, path, out, seen);
      break;
    case 'array':
      unguarded(def.element, `${path}[]`, out, seen);
      break;
    case 'tuple':
      (def.items as unknown[]).forEach((s, i) => unguarded(s, `${path}[${i}]`, out, seen));
      if (def.rest) unguarded(def.rest, `${path}[…]`, out, seen);
      break;
    case 'record':
      unguarded(def.keyType, `${path}{key}`, out, seen);
      unguarded(def.valueType, `${path}{}`, out, seen);
      break;
    case 'union':
      (def.options as unknown[]).forEach((s, i) => unguarded(s, `${path}|${i}`, out, seen));
      break;
    case 'intersection':
      unguarded(def.left, path, out, seen);
      unguarded(def.right, path, out, seen);
      break;
    case 'pipe':
      // What comes in is the pipe's input side (z.coerce and transforms read it).
      unguarded(def.in, path, out, seen);
      break;
    case 'lazy':
      unguarded((def.getter as () => unknown)(), path, out, seen);
      break;
    default:
      // number, boolean, enum, literal, date, transform, unknown…: no free text.
      break;
  }
  return out;
}

describe('one text normaliser for every request string', () => {
  it('the walker sees a plain z.string() and a zStr()', async () => {
    const { z } = await import('zod');
    const { zStr } = await import('../../src/contracts/common.js');
    expect(unguarded(z.object({ a: z.string(), b: zStr().trim().max(3).optional(), c: z.array(z.string().max(2)) }), '', [])).toEqual(['a', 'c[]']);
  });

  it('every string field of every route schema goes through zStr', () => {
    const missing: string[] = [];
    let strings = 0;
    for (const r of rt.app.routeList) {
      const schema = r.schema as Record<string, unknown> | undefined;
      if (!schema) continue;
      for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
        const s = schema[part];
        if (!s || typeof s !== 'object' || !('_zod' in s)) continue;
        for (const p of unguarded(s as z.ZodType, '', [])) missing.push(`${r.method} ${r.url} ${part}: ${p}`);
        strings++;
      }
    }
    expect(strings).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
