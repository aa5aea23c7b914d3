import { hash } from 'node:crypto';

/** The content of an event row that its hash covers. */
export interface ChainedContent {
  caseId: number;
  seq: number;
  type: string;
  actorUserId: number | null;
  actorDepartmentId: number | null;
  actorRole: string;
  at: Date;
  payload: unknown;
}

/**
 * JSON with object keys sorted at every level, so the same content always hashes the same (jsonb reorders keys).
 * Written with plain loops: it runs for every event appended (tens of thousands in one SLA sweep).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Keys already in order and every value a primitive (the payloads bulk writers build so): JSON.stringify writes
  // exactly this text, without a sort or a string per key.
  if (flatAndSorted(record, keys)) return JSON.stringify(record);
  // Default sort compares UTF-16 code units, as `a < b` does.
  keys.sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/** A plain object whose keys are in canonical order and whose values are all primitives (or undefined). */
function flatAndSorted(record: Record<string, unknown>, keys: string[]): boolean {
  if (typeof record.toJSON === 'function') return false;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1] < keys[i])) return false;
    const v = record[keys[i]];
    if (v !== null && typeof v === 'object') return false;
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return false;
  }
  return true;
}

/** hash = sha256(prevHash + canonical content), hex. The first event of a case has prevHash ''. */
export function eventHash(prevHash: string, content: ChainedContent): string {
  return eventHashWithPayload(prevHash, content, canonicalJson(content.payload));
}

/**
 * eventHash with the payload's canonical JSON already made (canonicalJson(content.payload)): writers that store the
 * same text as the event's payload make it once.
 */
export function eventHashWithPayload(prevHash: string, content: ChainedContent, payloadJson: string): string {
  // Name the fields: callers may pass a wider row (with prevHash/hash), which must not change the hash.
  const { caseId, seq, type, actorUserId, actorDepartmentId, actorRole, at } = content;
  // The keys in sorted order, written out (canonicalJson's text for this object when no field is undefined).
  const body = caseId === undefined || seq === undefined || type === undefined || actorUserId === undefined
    || actorDepartmentId === undefined || actorRole === undefined || content.payload === undefined
    ? canonicalJson({ caseId, seq, type, actorUserId, actorDepartmentId, actorRole, at: at.toISOString(), payload: content.payload })
    : `{"actorDepartmentId":${canonicalJson(actorDepartmentId)},"actorRole":${canonicalJson(actorRole)},"actorUserId":${canonicalJson(actorUserId)},"at":${JSON.stringify(at.toISOString())},"caseId":${canonicalJson(caseId)},"payload":${payloadJson},"seq":${canonicalJson(seq)},"type":${canonicalJson(type)}}`;
  // One-shot hash (Node ≥ 20.12): no Hash object per event (half the time of createHash for an SLA sweep's 70,000).
  return hash('sha256', `${prevHash}\n${body}`, 'hex');
}

export interface ChainRow extends ChainedContent {
  prevHash: string;
  hash: string;
}

/** Index of the first row whose link or hash does not hold, or -1 when the chain is intact. Rows in seq order. */
export function firstBrokenLink(rows: readonly ChainRow[]): number {
  let prev = '';
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.seq !== i + 1 || r.prevHash !== prev || eventHash(prev, r) !== r.hash) return i;
    prev = r.hash;
  }
  return -1;
}
