import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from '../../src/server/http/request-logger.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: pino({ level }, stream) as unknown as FastifyBaseLogger };
}

describe('the request logger made on first use', () => {
  it('writes the lines pino child would write, with the request id, and only at enabled levels', () => {
    const { lines, log } = capture('warn');
    const lazy = lazyChildLogger(log, { reqId: 'r-1' }, {});
    const eager = log.child({ reqId: 'r-1' });
    lazy.info('not written');
    lazy.warn({ code: 'X' }, 'database fault');
    eager.warn({ code: 'X' }, 'database fault');
    lazy.error(new Error('boom'));
    expect(lines).toHaveLength(3);
    const [a, b, c] = lines.map(({ time: _t, ...rest }) => rest);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ reqId: 'r-1', code: 'X', msg: 'database fault', level: 40 });
    expect(c).toMatchObject({ reqId: 'r-1', level: 50, err: { message: 'boom' } });
    expect(lazy.level).toBe('warn');
    expect((lazy.child({ extra: 1 }) as unknown as pino.Logger).bindings()).toEqual({ reqId: 'r-1', extra: 1 });
  });

  it("is what a route's req.log is, and a route's line carries its request id", async () => {
    const { lines, log } = capture();
    const app = Fastify({ loggerInstance: log, childLoggerFactory: lazyChildLogger, genReqId: () => 'req-42' });
    app.get('/', async (req) => {
      req.log.info({ step: 1 }, 'handled');
      return { ok: true };
    });
    expect((await app.inject('/')).json()).toEqual({ ok: true });
    await app.close();
    expect(lines.filter((l) => l.msg === 'handled')).toEqual([expect.objectContaining({ reqId: 'req-42', step: 1 })]);
  });
});
