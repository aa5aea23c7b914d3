// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// receiveFile: one checked upload into the blob store (size, type from the bytes), reused for an item's evidence.
export { receiveFile } from './uploads.js';
