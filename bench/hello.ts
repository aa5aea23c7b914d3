// The ceiling: a bare Fastify 5 app on the same machine, run as a child process of bench/run.ts exactly like the
// server under test (same core, same listen address), answering {hello:'world'}.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.on('message', (req: { id: number; cmd: string }) => {
  if (req.cmd === 'stop') {
    app.close().then(() => {
      process.send!({ id: req.id, result: true });
      setImmediate(() => process.exit(0));
    });
  }
});
process.send!({ ready: true, port, setupMs: 0 });
