import type { Readable } from 'node:stream';

// Where file contents live (attachments today; reply and opinion attachments next): a blob store keeps bytes under
// keys it makes itself; the database keeps the key and what the file is (name, type, size, sha256). Callers never
// name a key, so a client's file name never reaches a path or an object name.

export interface StoredBlob {
  /** The store's own name for the bytes: `ab/cd/<32 hex>` (random, fanned out over two folder levels). */
  key: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /** Where the blobs live, for messages: a folder, or `s3://bucket/prefix` at an endpoint. Never a secret. */
  readonly location: string;
  /**
   * Streams `body` into the store and returns its key once the bytes are durable (fsync + rename on disk, a completed
   * upload on S3). A failed or interrupted put leaves nothing under any key.
   */
  put(body: Readable | Buffer, opts: { contentType: string }): Promise<StoredBlob>;
  /** The bytes as a stream, with their length; BlobNotFound when the key holds nothing. */
  get(key: string): Promise<{ stream: Readable; size: number }>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; no error when it is already gone. */
  delete(key: string): Promise<void>;
  /** Every key with its last change, for the orphan sweep and the backup. */
  list(): AsyncIterable<{ key: string; modifiedAt: Date; size: number }>;
  /** Releases connections (S3); the filesystem store holds none. */
  close(): Promise<void>;
}

export class BlobNotFound extends Error {
  override name = 'BlobNotFound';
  constructor(readonly key: string) {
    super(`blob not found: ${key}`);
  }
}

const keyPattern = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** A key this code made; anything else (`../`, absolute paths, other names) is refused before it reaches a path. */
export function isBlobKey(key: string): boolean {
  return keyPattern.test(key);
}

export function checkKey(key: string): string {
  if (!isBlobKey(key)) throw new BlobNotFound(key);
  return key;
}
