import { detectPersonalData } from './mask.js';

// Official numbers are not personal data: a unit's service or office line in its reply is there so the submitter can
// call back. The allow-list has two parts: the national government service lines, and the fixed lines a unit writes
// into its own reply (a department's office number; the submitter's own number, when the reply repeats it, stays
// masked because masking checks it against the case's phones first).

/** Government service lines (12345 hotline, market supervision, tax, social security, …), short or with an area code. */
export const publicServiceNumbers = ['12345', '12315', '12366', '12333', '12348', '12319', '12369', '12320', '12338', '12350', '110', '119', '120', '122'];

/** The fixed lines (area code + number) a unit wrote into its reply, as written. */
export function unitLinesInReply(reply: string): string[] {
  return detectPersonalData(reply).filter((s) => s.kind === 'landline' && /^[(（]?0\d{2,3}/.test(s.text)).map((s) => s.text);
}

/** The allow-list for a unit's reply shown to its submitter. */
export function officialNumbersFor(reply: string): string[] {
  return [...publicServiceNumbers, ...unitLinesInReply(reply)];
}
