// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// receiveFile: one checked upload (size, type from the bytes, safe name) into the blob store, reused for an item's and
// an indicator's evidence.
export { receiveFile } from './uploads.js';
export { boardReplyFiles, openCaseAttachment, type AttachmentBody, type BoardReplyFile } from './attachments.js';
export { sendAttachment } from './send-attachment.js';
