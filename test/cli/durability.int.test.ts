import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { cliTarget, projectRoot, spawnTs } from '../kit/cli.js';

let target: Awaited<ReturnType<typeof cliTarget>>;
beforeAll(async () => {
  target = await cliTarget();
});
afterAll(() => target.drop());

describe('an acknowledged write survives kill -9', () => {
  it('every case the writer acknowledged is there after SIGKILL, with an intact chain', async () => {
    const child = spawnTs(`${projectRoot}/test/cli/crash-writer.ts`, target.args, target.env);
    const acked: number[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
        // Kill mid-stream, while the writer is still committing.
        if (acked.length >= 150 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    expect(acked.length, stderr).toBeGreaterThanOrEqual(150);
    const database = await openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });
    try {
      const rows = await database.db.selectFrom('cases').select('id').where('id', 'in', acked).execute();
      expect(rows.length).toBe(acked.length);
      const report = await verifyChains(database.db);
      expect(report.firstBroken).toBeNull();
    } finally {
      await database.close();
    }
  });
});
