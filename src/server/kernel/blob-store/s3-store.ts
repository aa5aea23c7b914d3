import {
  DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { newBlobKey, Measure } from './keys.js';
import { BlobNotFound, checkKey, isBlobKey, type BlobStore, type StoredBlob } from './types.js';

export interface S3StoreConfig {
  bucket: string;
  /** Object names start with this (no leading slash), e.g. `yiwang/`; empty for the whole bucket. */
  prefix: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, Ceph, a cloud's OSS/COS S3 gateway); absent for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** From the environment only; absent means the SDK's own chain (instance role, ~/.aws). */
  accessKeyId?: string;
  secretAccessKey?: string;
}

const notFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

/**
 * Blobs as objects in an S3-compatible bucket. A put is a (multipart when large) upload streamed from the body: the
 * object appears under its key only when the upload completes, so an interrupted put leaves no object.
 */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly location: string;
  readonly #client: S3Client;

  constructor(readonly config: S3StoreConfig) {
    const options: S3ClientConfig = { region: config.region, forcePathStyle: config.forcePathStyle };
    if (config.endpoint) options.endpoint = config.endpoint;
    if (config.accessKeyId && config.secretAccessKey) options.credentials = { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey };
    this.#client = new S3Client(options);
    this.location = `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` (${config.endpoint})` : ''}`;
  }

  #name(key: string) {
    return `${this.config.prefix}${checkKey(key)}`;
  }

  async put(body: Readable | Buffer, opts: { contentType: string }): Promise<StoredBlob> {
    const key = newBlobKey();
    const measure = new Measure();
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    source.on('error', (err) => measure.destroy(err));
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.config.bucket, Key: this.#name(key), Body: source.pipe(measure), ContentType: opts.contentType },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
      leavePartsOnError: false,
    });
    await upload.done();
    return { key, size: measure.bytes, sha256: measure.digest() };
  }

  async get(key: string): Promise<{ stream: Readable; size: number }> {
    try {
      const r = await this.#client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.#name(key) }));
      return { stream: r.Body as Readable, size: Number(r.ContentLength ?? 0) };
    } catch (err) {
      if (notFound(err)) throw new BlobNotFound(key);
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    if (!isBlobKey(key)) return false;
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.#name(key) }));
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.#name(key) }));
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date; size: number }> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: this.config.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const key = (o.Key ?? '').slice(this.config.prefix.length);
        if (isBlobKey(key)) yield { key, modifiedAt: o.LastModified ?? new Date(0), size: Number(o.Size ?? 0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }
}
