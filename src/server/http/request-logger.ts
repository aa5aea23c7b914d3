import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString, Logger } from 'pino';

// Fastify gives every request a child logger bound to its reqId. pino makes a child by serialising its bindings
// (`,"reqId":"…"`) at once, ~2% of a case page's CPU in bench/ (run.ts --profile), though nearly no request logs
// anything (access logs are off: commands are events already). This child is made by the first line actually
// written at an enabled level, with the same bindings and options, so what is logged is unchanged.

class LazyChildLogger {
  #child: Logger | undefined;
  constructor(readonly parent: Logger, readonly bindingsOf: Bindings, readonly options: ChildLoggerOptions) {}

  get real(): Logger {
    return (this.#child ??= this.parent.child(this.bindingsOf, this.options));
  }

  get level(): LevelWithSilentOrString {
    return this.#child ? this.#child.level : (this.options.level ?? this.parent.level);
  }

  set level(level: LevelWithSilentOrString) {
    this.real.level = level;
  }

  isLevelEnabled(level: string): boolean {
    return this.#child || this.options.level ? this.real.isLevelEnabled(level) : this.parent.isLevelEnabled(level);
  }

  #write(level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace', args: unknown[]): void {
    if (this.isLevelEnabled(level)) (this.real[level] as (...a: unknown[]) => void)(...args);
  }

  // Methods on the prototype, not arrow fields: nothing is allocated per request but the object itself.
  fatal(...args: unknown[]): void {
    this.#write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  debug(...args: unknown[]): void {
    this.#write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.#write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.real.child(bindings, options);
  }

  bindings(): Bindings {
    return this.real.bindings();
  }
}

/** Fastify's childLoggerFactory: the request's logger, made only when something is logged. */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  const parent = logger as Logger;
  // Only a pino logger tells its levels; any other gets its child at once, as Fastify's default does.
  if (typeof parent.isLevelEnabled !== 'function') return logger.child(bindings, options);
  return new LazyChildLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
}
