import { createHash, randomBytes, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** A new random key, `ab/cd/abcd…` (128 bits): the first two byte pairs fan the blobs out over 65,536 folders. */
export function newBlobKey(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
}

/**
 * A pass-through that counts and hashes what flows through it. (Not `size`: the S3 upload reads a body's `size` as
 * its length in advance.)
 */
export class Measure extends Transform {
  bytes = 0;
  readonly #hash: Hash = createHash('sha256');
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    this.#hash.update(chunk);
    done(null, chunk);
  }
  digest(): string {
    return this.#hash.digest('hex');
  }
}
