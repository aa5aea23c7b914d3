// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// One checked upload (size, type from the bytes, safe name) into the blob store, reused by the indicators' evidence.
export { receiveFile } from './uploads.js';
