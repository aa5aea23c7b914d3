// Unified social credit code (统一社会信用代码), GB 32100-2015.
// Layout: 1 registration authority + 1 entity type + 6 division code + 9 organisation code
// (GB 11714, itself ending in a check char) + 1 check char over the first 17.

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The 18th character for the given first 17; throws on a malformed prefix. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`credit code prefix must have 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new Error(`invalid credit code character '${first17[i]}' at ${i}`);
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  const check = 31 - (sum % 31);
  return CREDIT_CODE_CHARSET[check === 31 ? 0 : check];
}

/**
 * True for an 18-character code over the GB 32100 charset whose last character is the
 * correct check. Case-sensitive on purpose: codes are printed in upper case, and
 * normalising is the caller's job (e.g. `code.trim().toUpperCase()` on form input).
 */
export function isValidCreditCode(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18) return false;
  for (const ch of code) {
    if (!CREDIT_CODE_CHARSET.includes(ch)) return false;
  }
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** What is wrong with a code (already trimmed and upper-cased), so the message can say it; null when it is valid. */
export function creditCodeProblem(code: string): 'length' | 'chars' | 'check' | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'chars';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

/**
 * Check character of a GB 11714 organisation code body (8 chars of 0-9/A-Z).
 * Used to make generated demo codes look right at the inner level too.
 */
export function organisationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new Error(`organisation code body must be 8 characters of 0-9/A-Z, got '${body8}'`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += value * ORGANISATION_CODE_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}
