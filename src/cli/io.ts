/** Where a command writes: tests capture these, the CLI passes console.log / console.error. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}
