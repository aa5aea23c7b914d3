import type { AppDeps } from '../server/deps.js';
import type { CliIo } from './io.js';

/** `yiwang assess run --period YYYY-MM [--json] | yiwang assess verify --period YYYY-MM [--json]` */
export async function assessCommand(_args: string[], _deps: AppDeps, io: CliIo): Promise<number> {
  io.err('not implemented yet');
  return 1;
}
