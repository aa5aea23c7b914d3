// Check digits of the numbers the masking recognises: ID cards (GB 11643) and bank cards (Luhn).

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** An 18-character resident ID number whose last character is its GB 11643 check character. */
export function isValidIdCard18(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * idWeights[i];
  return idCheckChars[sum % 11] === id[17].toUpperCase();
}

/** The check character an ID number's first 17 digits call for (tests build valid numbers with it). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * idWeights[i];
  return idCheckChars[sum % 11];
}

/** YYYYMMDD is a real calendar date between 1900 and 2099. */
export function isValidIdDate(yyyymmdd: string): boolean {
  if (!/^(?:19|20)\d{6}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
