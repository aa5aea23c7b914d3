import type { AppDeps } from '../server/deps.js';
import type { CliIo } from './io.js';

/** `yiwang import FILE [--source NAME] [--mapping FILE] [--dry-run] [--json]` */
export async function importCommand(_args: string[], _deps: AppDeps, io: CliIo): Promise<number> {
  io.err('not implemented yet');
  return 1;
}
