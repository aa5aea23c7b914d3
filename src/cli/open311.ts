import type { AppDeps } from '../server/deps.js';
import type { CliIo } from './io.js';

/** `yiwang open311 keys create --name NAME` */
export async function open311Command(_args: string[], _deps: AppDeps, io: CliIo): Promise<number> {
  io.err('not implemented yet');
  return 1;
}
