/**
 * The process must not open the data: another process holds the PGlite folder, or a landed migration changed.
 * The message is for the operator, in Chinese and English; the CLI prints it without a stack and exits non-zero.
 */
export class StartRefused extends Error {
  override name = 'StartRefused';
}
