import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../../domain/enterprise/credit-code';
import { caseTemplates } from './case-templates';
import {
  createRng,
  generateCaseText,
  generateOpinionText,
  generateRatingComment,
  generateReplyText,
  type CaseText,
} from './case-text';
import { demoCategories } from './categories';
import { demoDepartments } from './departments';

const leaves = demoCategories.filter((c) => c.parentCode !== undefined);
const districts = demoDepartments.filter((d) => d.kind === 'district' || d.kind === 'park');
const towns = demoDepartments.filter((d) => d.kind === 'town');

// Slots documented in case-templates/types.ts.
const KNOWN_SLOTS = new Set([
  'ent', 'entShort', 'otherEnt', 'district', 'town', 'place', 'road', 'project', 'estate', 'amount',
  'bigAmount', 'smallAmount', 'fee', 'month', 'day', 'months', 'days', 'times', 'count', 'area',
  'capacity', 'person', 'village', 'plate', 'bank', 'soe', 'product',
]);

/** Roughly what the demo seeder does: a couple of thousand cases across the city. */
function generateMany(seed: number, n: number): CaseText[] {
  const rng = createRng(seed);
  const out: CaseText[] = [];
  for (let i = 0; i < n; i++) {
    const category = leaves[Math.floor(rng.next() * leaves.length)];
    const district = districts[Math.floor(rng.next() * districts.length)];
    const ownTowns = towns.filter((t) => t.parentCode === district.code);
    const town = ownTowns.length > 0 && rng.next() < 0.8 ? ownTowns[Math.floor(rng.next() * ownTowns.length)] : undefined;
    out.push(generateCaseText(rng, category.code, district.name, town?.name));
  }
  return out;
}

const UNFILLED = /[{}[\]|]|undefined|NaN/;

describe('createRng', () => {
  it('is deterministic and stays in [0, 1)', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(createRng(8).next()).not.toBe(createRng(7).next());
  });
});

describe('case templates', () => {
  it('has at least 6 templates for every leaf category and none for unknown codes', () => {
    const leafCodes = new Set(leaves.map((c) => c.code));
    for (const leaf of leaves) expect(caseTemplates[leaf.code]?.length ?? 0, leaf.code).toBeGreaterThanOrEqual(6);
    for (const code of Object.keys(caseTemplates)) expect(leafCodes.has(code), code).toBe(true);
  });

  it('uses only known slots and balanced alternatives', () => {
    for (const [code, templates] of Object.entries(caseTemplates)) {
      for (const [, title, body] of templates) {
        for (const text of [title, body]) {
          for (const [, slot] of text.matchAll(/\{(\w+)\}/g)) expect(KNOWN_SLOTS.has(slot), `${code}: {${slot}}`).toBe(true);
          const withoutSlots = text.replace(/\[[^[\]]*\]/g, '').replace(/\{\w+\}/g, '');
          expect(withoutSlots, `${code}: ${text}`).not.toMatch(/[{}[\]|]/);
        }
      }
    }
  });
});

describe('generateCaseText', () => {
  const cases = generateMany(20240601, 2000);

  it('is deterministic for a seed', () => {
    expect(generateMany(20240601, 50)).toEqual(cases.slice(0, 50));
    expect(generateMany(20240602, 50)).not.toEqual(cases.slice(0, 50));
  });

  it('leaves no placeholder unfilled', () => {
    for (const c of cases) {
      for (const value of Object.values(c)) expect(String(value), JSON.stringify(c)).not.toMatch(UNFILLED);
    }
  });

  it('writes descriptions of 60-250 characters and short titles', () => {
    for (const c of cases) {
      expect(c.description.length, c.description).toBeGreaterThanOrEqual(60);
      expect(c.description.length, c.description).toBeLessThanOrEqual(250);
      expect(c.title.length, c.title).toBeGreaterThanOrEqual(6);
      expect(c.title.length, c.title).toBeLessThanOrEqual(60);
    }
  });

  it('rarely repeats a title over 2,000 cases', () => {
    const distinct = new Set(cases.map((c) => c.title)).size;
    expect(distinct / cases.length).toBeGreaterThan(0.9);
  });

  it('gives plausible contacts: Chinese names, 11-digit mobiles, Hengyang addresses', () => {
    for (const c of cases) {
      expect(c.contactName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(c.phone).toMatch(/^1(3\d|5[0-35-9]|8\d)\d{8}$/);
      expect(c.address.startsWith('衡阳市')).toBe(true);
    }
  });

  it('gives valid credit codes to about 60% of enterprises', () => {
    const enterprises = cases.filter((c) => c.enterpriseName !== undefined);
    const withCode = enterprises.filter((c) => c.creditCode !== undefined);
    expect(enterprises.length).toBeGreaterThan(cases.length / 2);
    expect(withCode.length / enterprises.length).toBeGreaterThan(0.5);
    expect(withCode.length / enterprises.length).toBeLessThan(0.7);
    for (const c of withCode) {
      expect(isValidCreditCode(c.creditCode as string), c.creditCode).toBe(true);
      expect(c.creditCode).toMatch(/^9[12]4304/);
    }
    expect(cases.every((c) => c.creditCode === undefined || c.enterpriseName !== undefined)).toBe(true);
  });

  it('accepts a top-level category and rejects an unknown one', () => {
    expect(generateCaseText(createRng(1), 'arrears', '蒸湘区').description.length).toBeGreaterThan(0);
    expect(() => generateCaseText(createRng(1), 'nope', '蒸湘区')).toThrow(/unknown demo category/);
  });
});

describe('replies, opinions and rating comments', () => {
  it('writes 2-4 sentence replies for every leaf, deterministically, with nothing unfilled', () => {
    const rng = createRng(99);
    for (const leaf of leaves) {
      for (let i = 0; i < 30; i++) {
        const reply = generateReplyText(rng, leaf.code);
        expect(reply, reply).not.toMatch(UNFILLED);
        const sentences = reply.split('。').filter((s) => s.length > 0).length;
        expect(sentences, reply).toBeGreaterThanOrEqual(2);
        expect(sentences, reply).toBeLessThanOrEqual(4);
      }
    }
    expect(generateReplyText(createRng(5), 'arrears.soe')).toBe(generateReplyText(createRng(5), 'arrears.soe'));
  });

  it('writes opinions and rating comments', () => {
    const rng = createRng(3);
    for (let i = 0; i < 100; i++) {
      expect(generateOpinionText(rng)).not.toMatch(UNFILLED);
      for (const rating of ['satisfied', 'basically', 'unsatisfied'] as const) {
        expect(generateRatingComment(rng, rating).length).toBeGreaterThan(0);
      }
    }
  });
});
