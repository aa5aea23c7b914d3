import type { AppDeps } from '../../deps.js';
import { publishItemNotices, writeItemNotices } from './item-notices.js';

// Notices to the people of one unit that concern no case event (the knowledge base's flags): written to the inbox
// and woken at once, like the security alerts. The caller runs this after its own change has committed. The rows are
// written by the same writer as the supervised items' notices.

export interface UnitNotice {
  /** A type name for the inbox row (not a case event type), e.g. knowledge.flagged. */
  type: string;
  title: string;
  body: string;
  link: string;
}

/** Writes each notice to the active heads and handlers of its unit; returns how many inbox rows were written. */
export async function noticeUnits(deps: AppDeps, notices: readonly (UnitNotice & { unitId: number })[]): Promise<number> {
  if (notices.length === 0) return 0;
  const pairs = await deps.database.db.transaction().execute((tx) =>
    writeItemNotices(tx, notices.map(({ unitId, ...n }) => ({ ...n, departmentId: unitId })), deps.now()));
  await publishItemNotices(deps, pairs);
  return pairs.length;
}
