// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { issuingOffice } from './exports/order-docx.js';
export { listDocx, type ListDocument } from './exports/list-docx.js';
export { answerItemOrder, closeItemOrder, insertItemOrder, itemOrdersOf, lockItemOrder, readdressItemOrder, type ItemOrderRow } from './item-orders.js';
export { orderDeadline } from './order-commands.js';
export { issueOrderTx } from './order-commands.js';
