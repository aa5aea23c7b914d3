// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { sendNotices, type Notice } from './notices.js';
export { publishItemNotices, writeItemNotices, type ItemNotice, type NoticeChannels } from './item-notices.js';
export { noticeUnits, type UnitNotice } from './unit-notices.js';
export { markItemHistoryRead } from './inbox.js';
