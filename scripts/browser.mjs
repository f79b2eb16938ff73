// Launching Debian Chromium with the built extension, and serving fixture pages at their real URLs.
// Shared by the e2e tests, the demo (`npm start`) and the benchmarks so they all run the same way.
import { readFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { EXTENSION_DIR, ROOT } from './setup.mjs';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * A temporary profile goes when its browser closes. Every e2e test and bench run starts from a new
 * one, and a full bench's holds a 100k-paper IndexedDB: left behind, they filled the disk (tens of
 * GB in /tmp after a few days of runs). Removed once `close()` has resolved, when the browser has
 * exited: its 'close' event comes earlier, while Chromium still writes to the profile.
 */
export function removeWhenClosed(context, dir) {
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (err) {
      console.warn(`[dejalu] could not remove the temporary profile ${dir}: ${err.message}`);
    }
  };
}

/**
 * A persistent context (extensions need one) with the built extension loaded; a profile made for it
 * (no `userDataDir` given) is removed when it closes.
 * @param {{ headless?: boolean, userDataDir?: string, extensionDir?: string, colorScheme?: 'light'|'dark', viewport?: {width:number,height:number} }} [opts]
 */
export async function launchWithExtension(opts = {}) {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'dejalu-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  if (!opts.userDataDir) removeWhenClosed(context, userDataDir);
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, userDataDir };
}

/**
 * The reader's click on the toolbar icon with `page`'s tab in front: Chrome grants the extension
 * `activeTab` on that tab (and opens the popup, which tests and the demo then open as a page of
 * their own). Through the DevTools protocol's Extensions.triggerAction, on the tab's target, found
 * by its address.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {string} extensionId
 * @param {import('@playwright/test').Page} page
 */
export async function clickToolbarIcon(context, extensionId, page) {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to trigger the action from');
  // The icon is clicked on the window's active tab: Chrome grants nothing on another.
  await page.bringToFront();
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tabs = targetInfos.filter((t) => t.url === page.url());
    if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabs[0].targetId });
  } finally {
    await cdp.detach();
  }
}

/** Fixture pages listed in tests/fixtures/index.json, by URL. */
export function fixtureIndex() {
  return JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'index.json'), 'utf8'));
}

/**
 * Serve `pages` (URL → { body, contentType } or a file path) and answer every other network request
 * with 404, recording it in the returned log so a test can assert the extension made none.
 * @param {import('@playwright/test').BrowserContext} context
 * @param {Map<string, string | { body: string | Buffer, contentType?: string }>} pages
 */
export async function servePages(context, pages) {
  const log = { served: [], refused: [] };
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = request.url();
    // The extension's own files, and the browser's (its PDF viewer's), are not network traffic.
    if (url.startsWith('chrome-extension://') || url.startsWith('chrome://') || url.startsWith('data:') || url.startsWith('blob:')) {
      await route.continue();
      return;
    }
    const key = url.split('#')[0];
    const page = pages.get(key) ?? pages.get(key.replace(/\/$/, ''));
    if (page !== undefined) {
      log.served.push(url);
      const { body, contentType, headers } =
        typeof page === 'string' ? { body: readFileSync(page), contentType: 'text/html; charset=utf-8' } : page;
      await route.fulfill({ status: 200, body, headers, contentType: contentType ?? 'text/html; charset=utf-8' });
      return;
    }
    const thumb = thumbnail(url);
    if (thumb) {
      log.served.push(url);
      await route.fulfill({ status: 200, body: thumb, contentType: 'image/svg+xml' });
      return;
    }
    log.refused.push(url);
    await route.fulfill({ status: 404, body: 'not served in tests', contentType: 'text/plain' });
  });
  return log;
}

/**
 * Hugging Face paper thumbnails are not in the fixtures: a quiet placeholder of the same shape keeps
 * pages looking like the real site (and keeps them out of the refused-request log).
 */
function thumbnail(url) {
  const m = /^https:\/\/cdn-thumbnails\.huggingface\.co\/.*?([\w.]+)\.png/.exec(url);
  if (!m) return null;
  let h = 0;
  for (const ch of m[1]) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = h % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="648" viewBox="0 0 1200 648">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,92%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},40%,84%)"/></linearGradient></defs>
<rect width="1200" height="648" fill="url(#g)"/>
<g fill="hsl(${hue},25%,70%)">${Array.from({ length: 9 }, (_, i) => `<rect x="120" y="${120 + i * 45}" width="${960 - ((h >> i) % 5) * 110}" height="18" rx="9"/>`).join('')}</g>
</svg>`;
}

/** The seed-made fixture pages (hf/ and arxiv/) at their real URLs. */
export function fixturePages() {
  const pages = new Map();
  for (const entry of fixtureIndex()) pages.set(entry.url, join(ROOT, 'tests', 'fixtures', entry.file));
  return pages;
}
