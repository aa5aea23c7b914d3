import { isItemSupervisor } from '../../../domain/items/index.js';
import type { ItemRow } from '../../db/schema-items.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { publishItemNotices, writeItemNotices, type ItemNotice } from '../notifications/index.js';
import { viewerOf } from './access.js';

export function requireSupervisor(user: StaffUser): void {
  if (!isItemSupervisor(viewerOf(user))) throw new AppError('FORBIDDEN');
}

export function requireOpen(row: Pick<ItemRow, 'state'>): void {
  if (row.state === 'closed') throw new AppError('ITEM_CLOSED');
}

export const itemLink = (id: number) => `/items/${id}`;

/** Item notices go out by e-mail when a mailer is configured (as case notices do), by SMS when urgent. */
export const noticeChannels = (deps: AppDeps) => ({ email: deps.notifications.mailer.enabled });

/** Runs a command in one transaction with its notices, then wakes the notices' recipients. */
export async function runItemCommand<T>(deps: AppDeps, work: (tx: Tx, notices: ItemNotice[]) => Promise<T>): Promise<T> {
  const notices: ItemNotice[] = [];
  const { result, pairs } = await deps.database.db.transaction().execute(async (tx) => {
    const result = await work(tx, notices);
    const pairs = await writeItemNotices(tx, notices, deps.now(), noticeChannels(deps));
    return { result, pairs };
  });
  await publishItemNotices(deps, pairs);
  return result;
}
