import type { AppDeps } from '../server/deps.js';
import type { CliIo } from './io.js';

/** `yiwang router train [--json] | yiwang router eval --test FILE [--json]` */
export async function routerCommand(_args: string[], _deps: AppDeps, io: CliIo): Promise<number> {
  io.err('not implemented yet');
  return 1;
}
