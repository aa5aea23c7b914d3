import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

// Argon2id with OWASP's minimum parameters (19 MiB, 2 passes): slow for an attacker, ~20 ms for us.
const fullOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const options = testPasswordCost() ? { memoryCost: 512, timeCost: 1, parallelism: 1 } : fullOptions;

/**
 * The test suite signs in thousands of times, and each sign-in verifies the seeded accounts' hash at full cost: a
 * good share of the suite's CPU. vitest.config.ts sets YIWANG_TEST_PASSWORD_COST=low, honoured only in a process the
 * test runner started (it sets VITEST), so no configuration of a real server can lower the cost. What is tested
 * (a right or wrong password, the dummy hash for unknown names, the policy) does not depend on the cost.
 */
function testPasswordCost(): boolean {
  return process.env.YIWANG_TEST_PASSWORD_COST === 'low' && process.env.VITEST === 'true';
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so a wrong username costs as long as a wrong password. */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-password');
  return dummy;
}

// One-time passwords (an administrator's reset, the account import) are 16 random characters from a 56-symbol
// alphabet, about 93 bits: no guessing attack gets near them, so they need no key stretching. Argon2id still stores
// them (same format, same verify), with the cheapest parameters (512 KiB, 1 pass, ~0.3 ms), which is what lets an
// import hash 50,000 of them in seconds. The person must replace it at the first sign-in, and the chosen password is
// then hashed with the full parameters above.
const oneTimeOptions = { memoryCost: 512, timeCost: 1, parallelism: 1 };
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

export function generateOneTimePassword(): string {
  const bytes = randomBytes(32);
  let out = '';
  for (const b of bytes) {
    if (b >= 224) continue; // 224 = 4 × 56: keep the draw uniform
    out += alphabet[b % alphabet.length];
    if (out.length === 16) return out;
  }
  return out + generateOneTimePassword().slice(0, 16 - out.length);
}

export function hashOneTimePassword(password: string): Promise<string> {
  return hash(password, oneTimeOptions);
}
