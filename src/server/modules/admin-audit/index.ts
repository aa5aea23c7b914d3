// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
// The administrative audit trail (安全审计): every admin command records its change here, in its own transaction.
export { consoleActor, recordAdminChange, staffActor, type AdminActor, type AdminChange } from './record.js';
export { verifyAdminChain, type AdminChainReport } from './verify.js';
