// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { issuingOffice } from './exports/order-docx.js';
export { issueOrderTx } from './order-commands.js';
