// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { boardReplyFiles, openCaseAttachment, type AttachmentBody, type BoardReplyFile } from './attachments.js';
export { sendAttachment } from './send-attachment.js';
