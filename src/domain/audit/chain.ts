import { createHash } from 'node:crypto';

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
  // Default sort compares UTF-16 code units, as `a < b` does.
  const keys = Object.keys(record).sort();
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

/** hash = sha256(prevHash + canonical content), hex. The first event of a case has prevHash ''. */
export function eventHash(prevHash: string, content: ChainedContent): string {
  // Name the fields: callers may pass a wider row (with prevHash/hash), which must not change the hash.
  const { caseId, seq, type, actorUserId, actorDepartmentId, actorRole, at, payload } = content;
  const fields = { caseId, seq, type, actorUserId, actorDepartmentId, actorRole, at: at.toISOString(), payload };
  // The keys in sorted order, written out (canonicalJson's text for this object when no field is undefined).
  const body = Object.values(fields).includes(undefined) ? canonicalJson(fields)
    : `{"actorDepartmentId":${canonicalJson(actorDepartmentId)},"actorRole":${canonicalJson(actorRole)},"actorUserId":${canonicalJson(actorUserId)},"at":${JSON.stringify(fields.at)},"caseId":${canonicalJson(caseId)},"payload":${canonicalJson(payload)},"seq":${canonicalJson(seq)},"type":${canonicalJson(type)}}`;
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
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
