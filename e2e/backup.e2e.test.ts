import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, webRuntime, type WebRuntime } from './kit.js';

// The admin downloads a backup from the workbench while the server runs (the only way on a PGlite folder).

let rt: WebRuntime;
let browser: Browser;

beforeAll(async () => {
  rt = await webRuntime();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rt?.close();
});

describe('备份数据', () => {
  it('the admin clicks 下载备份 and the browser saves a backup file', async () => {
    const page = await loginAs(browser, rt.baseUrl, 'admin');
    await page.getByTestId('workbench-leader').waitFor();
    const card = page.getByTestId('backup-card');
    await card.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载备份' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^一网督办备份-\d{8}-\d{4}\.backup$/);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'yw-e2e-backup-')), 'b.backup');
    await download.saveAs(file);
    const head = readFileSync(file).subarray(0, 4096).toString('utf8');
    expect(head.startsWith('YIWANG-BACKUP\n')).toBe(true);
    expect(JSON.parse(head.slice(14).trim())).toMatchObject({ engine: rt.deps.database.kind, users: expect.any(Number) });
    await page.getByText('备份已生成').waitFor();
  });

  it('other roles do not see the card', async () => {
    const page = await loginAs(browser, rt.baseUrl, 'leader');
    // The same workbench as the admin's, without the card.
    await page.getByTestId('workbench-leader').waitFor();
    expect(await page.getByTestId('backup-card').count()).toBe(0);
  });
});
