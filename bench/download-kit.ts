// What the download benchmarks share (bench/export.ts, bench/items-ledger.ts): the real app listening on a free port
// with a user signed in, and one download read as a stream and thrown away (as a browser saving the file would) while
// the process's memory is sampled every 20 ms.
import { buildApp } from '../src/server/app.js';
import type { Database } from '../src/server/db/engine.js';
import { demoPassword } from '../src/server/demo/seed-org.js';
import { assembleDeps } from '../src/server/runtime.js';

export interface Download {
  seconds: number;
  /** CPU seconds of this process (server and client both run here). */
  cpu: number;
  bytes: number;
  /** Peak RSS and heap above the level before the download. */
  rssMb: number;
  heapMb: number;
}

/** Downloads one file while sampling memory; the body is counted, not kept. */
export async function download(url: string, cookie: string): Promise<Download> {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  try {
    const r = await fetch(url, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${await r.text()}`);
    let bytes = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    const seconds = (performance.now() - t) / 1000;
    const c = process.cpuUsage(cpu0);
    return { seconds, cpu: (c.user + c.system) / 1e6, bytes, rssMb: (peakRss - base.rss) / 2 ** 20, heapMb: (peakHeap - base.heapUsed) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Runs `work` against the app listening on a free port, signed in as `username` (demo password); closes it after. */
export async function withSignedInServer<T>(database: Database, now: Date, username: string, work: (address: string, cookie: string) => Promise<T>): Promise<T> {
  const app = await buildApp(assembleDeps(database, { now: () => now, logLevel: 'silent' }));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword }),
    });
    if (login.status !== 200) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
    return await work(address, (login.headers.get('set-cookie') ?? '').split(';')[0]);
  } finally {
    await app.close();
  }
}
