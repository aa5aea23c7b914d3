import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  organisationCodeCheckChar,
} from './credit-code';

// Publicly displayed codes of well-known companies (also validated by this implementation).
const REAL_CODES: Array<[string, string]> = [
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  ['914403001922038216', '华为技术有限公司'],
  ['91440300708461136T', '腾讯科技（深圳）有限公司'],
  ['91330100716105852F', '阿里巴巴（中国）有限公司'],
  ['91110108551385082Q', '北京小米科技有限责任公司'],
];

describe('creditCodeCheckChar', () => {
  it.each(REAL_CODES)('computes the check char of %s (%s)', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('maps a remainder of 0 to check char 0', () => {
    // Seventeen zeros: sum 0, 31 - 0 = 31, which wraps to '0'.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
  });

  it('rejects prefixes of the wrong length or with letters outside the charset', () => {
    expect(() => creditCodeCheckChar('9111000080210043')).toThrow();
    expect(() => creditCodeCheckChar('91110000802100I33')).toThrow();
  });
});

describe('isValidCreditCode', () => {
  it.each(REAL_CODES)('accepts %s (%s)', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['wrong check char', '91110000802100433C'],
    ['one digit changed', '91110000802100434B'],
    ['two digits swapped', '91110000802104033B'],
    ['too short', '91110000802100433'],
    ['too long', '91110000802100433BB'],
    ['letter I is not in the charset', '9111000080210043IB'],
    ['letter O is not in the charset', '91110000802100O33B'],
    ['lower case', '91440300708461136t'],
    ['empty', ''],
    ['full-width digits', '９１１１００００８０２１００４３３Ｂ'],
  ])('rejects %s', (_label, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('detects every single-character substitution of a real code', () => {
    const code = REAL_CODES[0][0];
    for (let i = 0; i < 18; i++) {
      for (const ch of CREDIT_CODE_CHARSET) {
        if (ch === code[i]) continue;
        const mutated = code.slice(0, i) + ch + code.slice(i + 1);
        expect(isValidCreditCode(mutated), mutated).toBe(false);
      }
    }
  });
});

describe('organisationCodeCheckChar', () => {
  it.each([
    // The organisation-code segment (positions 9-17) of the real codes above.
    ['80210043', '3'],
    ['19220382', '1'],
    ['70846113', '6'],
    ['71610585', '2'],
  ])('check char of %s is %s', (body, check) => {
    expect(organisationCodeCheckChar(body)).toBe(check);
  });

  it('rejects malformed bodies', () => {
    expect(() => organisationCodeCheckChar('1234567')).toThrow();
    expect(() => organisationCodeCheckChar('1234567a')).toThrow();
  });
});
