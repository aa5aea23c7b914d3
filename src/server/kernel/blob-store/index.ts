export { BlobNotFound, isBlobKey, type BlobStore, type StoredBlob } from './types.js';
export { FsBlobStore } from './fs-store.js';
export { S3BlobStore, type S3StoreConfig } from './s3-store.js';
export { blobStoreFromEnv, s3ConfigFromEnv } from './config.js';
