// Loading a generated page in Chromium and reading what it measured, and the raw IndexedDB read
// the navigation baseline takes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath, removeWhenClosed } from '../scripts/browser.mjs';
import { metrics, sleep } from './chromium.mjs';
import { benchState, navTiming, whenMarked } from './page-probe.mjs';
import { mainThreadTasks, startTrace, stopTrace } from './trace.mjs';

export async function launchPlain() {
  const dir = mkdtempSync(join(tmpdir(), 'dejalu-bench-plain-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
    args: CHROMIUM_FLAGS,
  });
  removeWhenClosed(context, dir);
  return context;
}
/**
 * One page load. With the extension, waits until every card shows its badge; without, until load.
 * Then lets the page settle, reads CDP metrics (after a GC when `heap`), and the trace when `trace`.
 */
export async function loadPage(context, url, { extension, trace = false, heap = false, settleMs = 1_000, scriptUrl, timeoutMs = 180_000 }) {
  const page = await context.newPage();
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const badges = extension ? await whenMarked(cdp, 'badges', timeoutMs) : null;
  if (trace) await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  await badges?.wait();
  const probe = await benchState(page);
  await sleep(settleMs);
  let heapMB;
  if (heap) {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(200);
  }
  const m = await metrics(cdp);
  if (heap) heapMB = m.JSHeapUsedSize / 1e6;
  const nav = await navTiming(page);
  const longTasks = await page.evaluate(() => [...window.__bench.longTasks]);
  let tasks = null;
  if (trace) {
    const events = await stopTrace(cdp);
    tasks = mainThreadTasks(events, url, scriptUrl);
  }
  return { page, cdp, probe, nav, metrics: m, heapMB, longTasks, tasks };
}
/** A new page of the extension at `url`, returned once the init script has seen its first rows. */
export async function openMarked(context, url, viewport) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const cdp = await context.newCDPSession(page);
  const rows = await whenMarked(cdp, 'rows', 60_000);
  await page.goto(url);
  await rows.wait();
  await cdp.detach().catch(() => {});
  return page;
}
export async function closePage(r) {
  await r.cdp.detach().catch(() => {});
  await r.page.close();
}
/** Raw IndexedDB read of keys from the extension page: the lookup part of the navigation baseline. */
export async function rawIdbRead(extPage, keys) {
  return extPage.evaluate(async (ks) => {
    const db =
      globalThis.__benchDb ??
      (globalThis.__benchDb = await new Promise((resolve, reject) => {
        const req = indexedDB.open('dejalu');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      }));
    const t0 = performance.now();
    const tx = db.transaction('papers', 'readonly');
    const store = tx.objectStore('papers');
    const rows = await Promise.all(
      ks.map(
        (k) =>
          new Promise((resolve, reject) => {
            const r = store.get(k);
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          }),
      ),
    );
    const ms = performance.now() - t0;
    return { ms, found: rows.filter(Boolean).length };
  }, keys);
}
export async function closeRawIdb(extPage) {
  await extPage.evaluate(() => {
    globalThis.__benchDb?.close();
    globalThis.__benchDb = undefined;
  });
}
