import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { assembleDeps } from '../src/server/runtime.js';
import { buildApp } from '../src/server/app.js';
import { startNotificationWorker } from '../src/server/jobs/notification-worker.js';
import type { AppDeps } from '../src/server/deps.js';
import { demoPassword } from '../src/server/demo/seed-org.js';
import { freshDatabase } from '../test/kit/runtime.js';

export const shotsDir = '/tmp/yw-shots';

export interface WebRuntime {
  app: FastifyInstance;
  deps: AppDeps;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Like testRuntime(), but serves the built client from dist/web and listens on a random port.
 * The clock is real: the browser computes "剩余 X 天" from its own clock, so the server must agree.
 */
export async function webRuntime(opts: { notifications?: boolean } = {}): Promise<WebRuntime> {
  const webRoot = path.resolve('dist/web');
  if (!existsSync(path.join(webRoot, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first');
  const fresh = await freshDatabase();
  const deps: AppDeps = assembleDeps(fresh.database, { logLevel: process.env.E2E_LOG_LEVEL ?? 'silent', webRoot, validateResponses: true });
  const app = await buildApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  // Opt-in: the notification worker as `serve` runs it (through startJobs), so the inbox and the bell fill by themselves.
  const worker = opts.notifications ? startNotificationWorker(deps, 500) : null;
  return {
    app,
    deps,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      worker?.stop();
      await app.close();
      await fresh.drop();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(shotsDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** One browser context per user, logged in through the login page. */
export async function loginAs(browser: Browser, baseUrl: string, username: string): Promise<Page> {
  // Reduced motion turns off antd's animations (see web/app/theme.ts): a click on a modal that is still zooming in
  // can miss its button on a loaded machine.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => console.error(`[${username}] page error:`, e.message));
  await page.goto(`${baseUrl}/`);
  // The first load parses the whole console; on a busy CI machine that alone can take many seconds.
  await page.getByLabel('用户名').fill(username, { timeout: 60_000 });
  await page.getByLabel('密码').fill(demoPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
  return page;
}

/** Waits until the locator's text contains `expected`, and returns the text (so tests can assert on it). */
export async function textOf(loc: Locator, expected: string | RegExp, timeout = 20_000): Promise<string> {
  const until = Date.now() + timeout;
  let last: string;
  for (;;) {
    last = (await loc.first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() > until) throw new Error(`expected text ${String(expected)}, last saw ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Picks an option in an antd Select (with search) found by its label: type, then Enter on the first match. */
export async function pickOption(scope: Page | Locator, label: string, text: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  const page = 'page' in scope ? scope.page() : scope;
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().waitFor();
  await input.press('Enter');
}

/** Opens a case command from its button, fills the modal and confirms; waits for the modal to close. */
export async function runAction(page: Page, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('command-ok').click();
  await dialog.waitFor({ state: 'hidden' }).catch(async (e: unknown) => {
    // Say what the modal and the message bar showed, so a failure on CI can be read from the log.
    const messages = await page.locator('.ant-message').allTextContents().catch(() => []);
    const modal = await dialog.textContent({ timeout: 1_000 }).catch(() => '');
    throw new Error(`${action}: the modal stayed open; messages ${JSON.stringify(messages)}; modal ${JSON.stringify(modal)}`, { cause: e });
  });
}

export const statusOf = (page: Page) => page.getByTestId('case-header').getByTestId('case-status');

export async function openCase(page: Page, baseUrl: string, id: number): Promise<void> {
  await page.goto(`${baseUrl}/cases/${id}`);
  await page.getByTestId('case-header').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/**
 * The header cells of the tables under `scope` whose right edge is beyond their table's visible container or the
 * window (a column a person cannot see without scrolling the page sideways), and the named headers not in view.
 * A column inside a horizontally scrolling table counts as in view when it is fixed (sticky) or within the scroll box.
 */
export async function columnsOutOfView(scope: Locator, mustSee: string[] = []): Promise<{ outside: string[]; missing: string[] }> {
  return scope.evaluate((root, names) => {
    const vw = window.innerWidth;
    const outside: string[] = [];
    const seen = new Set<string>();
    for (const th of Array.from(root.querySelectorAll<HTMLElement>('.ant-table-thead th'))) {
      const text = (th.innerText || '').trim();
      if (!text || th.offsetParent === null) continue;
      const box = (th.closest('.ant-table-content, .ant-table-body, .ant-table-header, .ant-table-container') as HTMLElement | null)?.getBoundingClientRect();
      const r = th.getBoundingClientRect();
      const right = Math.min(vw, box ? box.right : vw);
      // A table wider than the window, or a fixed column outside its table, is a column nobody sees; a middle column
      // scrolled out inside the table's own scroll box is reachable by scrolling the table.
      if ((box && box.right > vw + 1) || r.right > right + 1 || r.left < (box ? box.left : 0) - 1) {
        if ((box && box.right > vw + 1) || th.classList.contains('ant-table-cell-fix-right') || th.classList.contains('ant-table-cell-fix-left')) outside.push(text);
        continue;
      }
      seen.add(text);
    }
    return { outside, missing: names.filter((n) => !seen.has(n)) };
  }, mustSee);
}
