import { createHash, randomBytes } from 'node:crypto';

/** A random 192-bit token for a URL; only its SHA-256 is stored, so a database leak does not open anyone's case. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{32}$/.test(token);
}
