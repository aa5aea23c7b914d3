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
import { emptyRuntime } from '../test/settings/empty-db.js';

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
export async function webRuntime(opts: { notifications?: boolean; now?: () => Date } = {}): Promise<WebRuntime> {
  const webRoot = path.resolve('dist/web');
  if (!existsSync(path.join(webRoot, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first');
  const fresh = await freshDatabase();
  const deps: AppDeps = assembleDeps(fresh.database, { now: opts.now, logLevel: process.env.E2E_LOG_LEVEL ?? 'silent', webRoot, validateResponses: true });
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

/** The app on an empty, migrated database (no demo, no city yet), serving the built console on a random port. */
export async function emptyWebRuntime(): Promise<{ baseUrl: string; deps: AppDeps; close(): Promise<void> }> {
  const webRoot = path.resolve('dist/web');
  if (!existsSync(path.join(webRoot, 'index.html'))) throw new Error('dist/web/index.html is missing: run `npm run build:web` first');
  const rt = await emptyRuntime({ webRoot });
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`, deps: rt.deps, close: () => rt.close() };
}

export interface NewCity { city: string; code: string; username: string; name: string; password: string }

/** The first-start page of an empty platform: sets up the city and its first administrator; ends on the login page. */
export async function initialiseCity(page: Page, baseUrl: string, c: NewCity, shotName?: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/setup$/, { timeout: 90_000 });
  await page.getByLabel('城市名称').fill(c.city);
  await page.getByLabel('行政区划代码').fill(c.code);
  await page.getByLabel('管理员用户名').fill(c.username);
  await page.getByLabel('管理员姓名').fill(c.name);
  await page.getByLabel('管理员密码').fill(c.password);
  await page.getByLabel('确认密码').fill(c.password);
  if (shotName) await page.screenshot({ path: path.join(shotsDir, `${shotName}.png`) });
  await page.getByRole('button', { name: '初始化平台' }).click();
  await textOf(page.locator('.ant-result-title'), '初始化完成');
  await page.getByTestId('setup-go-login').click();
  await page.waitForURL(/\/login$/);
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(shotsDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context as a desk user sees the console: 1440×900, zh-CN, Beijing time. */
export async function consolePage(browser: Browser, who = 'page'): Promise<Page> {
  // Reduced motion turns off antd's animations (see web/app/theme.ts): a click on a modal that is still zooming in
  // can miss its button on a loaded machine.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => console.error(`[${who}] page error:`, e.message));
  return page;
}

/** Fills the login page and presses 登录 (the first load parses the whole console: on a busy CI machine that alone can take many seconds). */
async function submitLogin(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('用户名').fill(username, { timeout: 60_000 });
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** One browser context per user, logged in through the login page (the demo's password unless given). */
export async function loginAs(browser: Browser, baseUrl: string, username: string, password = demoPassword): Promise<Page> {
  const page = await consolePage(browser, username);
  await submitLogin(page, baseUrl, username, password);
  await page.getByTestId('current-user').waitFor({ timeout: 60_000 });
  return page;
}

/** Reads the one-time password the accounts screen shows once, and closes its dialog. */
export async function readOtp(page: Page): Promise<string> {
  // The dialog of an earlier password may still be in the page, hidden: read the one on screen.
  const value = (await page.locator('[data-testid="otp-value"]:visible').first().textContent()) ?? '';
  if (!/^[A-Za-z0-9]{16}$/.test(value)) throw new Error(`not a one-time password: ${JSON.stringify(value)}`);
  await page.getByRole('button', { name: '我已记下' }).click();
  return value;
}

/**
 * A person's first sign-in with the one-time password an administrator gave them: the console asks for a new password
 * before anything else. `check` runs on the forced-change form before the new password is saved (e.g. a weak one).
 */
export async function firstSignIn(browser: Browser, baseUrl: string, username: string, otp: string, newPassword: string,
  check?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await consolePage(browser, username);
  await submitLogin(page, baseUrl, username, otp);
  await page.getByTestId('forced-change-password').waitFor({ timeout: 60_000 }).catch(async (err) => {
    await shot(page, `${username}-otp-login-failed`);
    throw new Error(`${String(err)}\n${(await page.locator('body').textContent())?.slice(0, 400)}`);
  });
  await page.getByTestId('old-password').fill(otp);
  if (check) await check(page);
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('confirm-password').fill(newPassword);
  await page.getByTestId('change-password-submit').click();
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

/** Picks a node in an antd TreeSelect found by its label (type, then click the matching title). */
export async function pickTree(page: Page, label: string, text: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: text }).first().click();
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
 * Value labels (numbers) of an SVG chart under `scope` that overlap another value label or a line series' point
 * symbol (small stroked paths): numbers nobody can read. Returns the overlapping labels' texts.
 */
export async function overlappingChartLabels(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const svg = root.querySelector('svg');
    if (!svg) return ['no chart'];
    const box = (e: Element) => e.getBoundingClientRect();
    const labels = Array.from(svg.querySelectorAll('text')).filter((t) => /^\d+$/.test((t.textContent || '').trim()) && box(t).width > 0);
    // Point symbols: small paths with a stroke and a fill (the line itself is one long path).
    const points = Array.from(svg.querySelectorAll('path')).filter((p) => {
      const r = box(p);
      return r.width > 2 && r.width <= 30 && r.height > 2 && r.height <= 30 && (p.getAttribute('stroke') ?? 'none') !== 'none' && (p.getAttribute('fill') ?? 'none') !== 'none';
    });
    const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 2 && b.left < a.right - 2 && a.top < b.bottom - 2 && b.top < a.bottom - 2;
    const axisLabel = (t: Element) => labels.filter((o) => o !== t).some((o) => Math.abs(box(o).left - box(t).left) < 1); // a column of y-axis ticks
    const values = labels.filter((t) => !axisLabel(t));
    const out = new Set<string>();
    values.forEach((t, i) => {
      const r = box(t);
      if (values.some((o, j) => j !== i && hit(r, box(o))) || points.some((p) => hit(r, box(p)))) out.add((t.textContent || '').trim());
    });
    return [...out];
  });
}

/**
 * The named columns of the tables under `scope` whose header or a body cell breaks its text over more than one line
 * (a column too narrow for what it holds: "月/度", "2026-/10").
 */
export async function wrappedColumns(scope: Locator, names: string[]): Promise<string[]> {
  return scope.evaluate((root, wanted) => {
    // Lines of text in an element: its text boxes grouped by vertical overlap (a tag, a button and a link on one
    // line have different boxes that still overlap; a wrapped text's boxes do not).
    const lines = (el: Element) => {
      const boxes: DOMRect[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!(n.textContent || '').trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        boxes.push(...Array.from(range.getClientRects()).filter((r) => r.width > 0));
      }
      boxes.sort((a, b) => a.top - b.top);
      let count = 0;
      let bottom = -Infinity;
      for (const r of boxes) {
        if (r.top >= bottom - 2) { count++; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom);
      }
      return count;
    };
    const out = new Set<string>();
    for (const table of Array.from(root.querySelectorAll('table'))) {
      const heads = Array.from(table.querySelectorAll<HTMLElement>('thead th'));
      heads.forEach((th, i) => {
        const name = (th.innerText || '').trim();
        if (!wanted.includes(name)) return;
        if (lines(th) > 1) out.add(name);
        for (const tr of Array.from(table.querySelectorAll('tbody tr.ant-table-row'))) {
          const td = tr.children[i];
          if (td && lines(td) > 1) out.add(name);
        }
      });
    }
    return [...out];
  }, names);
}

/**
 * The header cells of the tables under `scope` whose right edge is beyond their table's visible container or the
 * window (a column a person cannot see without scrolling the page sideways), and the named headers not in view.
 * A column inside a horizontally scrolling table counts as in view when it is fixed (sticky) or within the scroll box
 * and not lying under a fixed column (a named column under one is reported missing).
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
      // A scrolling column lying under a fixed (sticky) one is covered: in the box, yet nobody sees it.
      const table = th.closest('table');
      const fixed = th.classList.contains('ant-table-cell-fix-right') || th.classList.contains('ant-table-cell-fix-left');
      if (!fixed && table) {
        const rights = Array.from(table.querySelectorAll<HTMLElement>('thead th.ant-table-cell-fix-right')).map((f) => f.getBoundingClientRect().left);
        const lefts = Array.from(table.querySelectorAll<HTMLElement>('thead th.ant-table-cell-fix-left')).map((f) => f.getBoundingClientRect().right);
        if ((rights.length && r.right > Math.min(...rights) + 1) || (lefts.length && r.left < Math.max(...lefts) - 1)) continue;
      }
      seen.add(text);
    }
    return { outside, missing: names.filter((n) => !seen.has(n)) };
  }, mustSee);
}

/**
 * Texts of the elements under `scope` matching `selector` that a viewer cannot read whole: cut by an ancestor that
 * clips (overflow other than visible), pushed past the window, or overflowing their own box. For screens nobody
 * scrolls (the big screen), where a panel's overflow: hidden would silently cut a row or a column.
 */
export async function cutElements(scope: Locator, selector: string): Promise<string[]> {
  return scope.evaluate((root, sel) => {
    const cut: string[] = [];
    const inside = (r: DOMRect, b: { left: number; top: number; right: number; bottom: number }) =>
      r.left >= b.left - 1 && r.top >= b.top - 1 && r.right <= b.right + 1 && r.bottom <= b.bottom + 1;
    for (const el of Array.from(root.querySelectorAll<HTMLElement>(sel))) {
      const r = el.getBoundingClientRect();
      let ok = inside(r, { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight })
        && el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1;
      for (let a = el.parentElement; ok && a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') ok = inside(r, a.getBoundingClientRect());
      }
      if (!ok) cut.push((el.innerText || '').trim());
    }
    return cut;
  }, selector);
}
