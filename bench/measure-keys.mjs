// The page's shortcuts: from `t` on the card under the pointer to its tag field taking the keys
// that follow. A reader hovers a title and types a tag at once; until the field has focus, what is
// typed is held for it (components/badge/typeahead.ts), so the wait is not lost keys but a panel
// late to show. It once hid behind passing tests for 3 s a key (f30b66d): tests never time.
import { sleep } from './chromium.mjs';
import { figure, summary } from './report.mjs';
import { log } from './log.mjs';
import { loadPage, closePage } from './page-load.mjs';

/** The page's panel frame (components/badge/panel-host.ts), once it is there. */
async function panelFrame(page, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => !f.isDetached() && f.url().includes('/panel.html'));
    if (frame) return frame;
    if (Date.now() > until) throw new Error('no panel frame on the page');
    await sleep(5);
  }
}

/**
 * Hover card `id`'s title, press `t` at once, and return the milliseconds until its tag field has
 * focus (both clocks are the machine's wall clock). Polls the frame every 10 ms: Playwright's own
 * script runs there while the panel opens, a cost inside the figure, noted in bench/README.md.
 */
async function keyToTagField(page, id) {
  await page.locator('article', { has: page.locator(`a[href="/papers/${id}"]`) }).locator('h3').first().hover();
  const t0 = Date.now();
  await page.keyboard.press('t');
  const frame = await panelFrame(page);
  const at = await frame.waitForFunction(
    () => {
      const field = document.querySelector('[data-field=tag]');
      return !!field && document.hasFocus() && document.activeElement === field && Date.now();
    },
    null,
    { polling: 10, timeout: 30_000 },
  );
  return (await at.jsonValue()) - t0;
}

/** Close the panel as a reader does, Escape (a second one if the first closed suggestions). */
async function closePanel(page) {
  const frame = await panelFrame(page);
  for (let i = 0; i < 3 && (await frame.locator('[data-panel]').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await sleep(100);
  }
}

export async function measurePanelKeys(ctx) {
  const { size, want, figures, phase, keyPages, context } = ctx;
  if (want('keys')) {
    log('100-card page: t → tag field focused…');
    const first = [];
    const again = [];
    for (let i = 0; i <= size.runs; i++) {
      const { url, cards } = keyPages[i];
      const r = await loadPage(context, url, { extension: true, settleMs: 300 });
      const atOnce = await keyToTagField(r.page, cards[0].id);
      await closePanel(r.page);
      const loaded = await keyToTagField(r.page, cards[1].id);
      // Run 0 warms the browser's caches of the panel page: not counted.
      if (i > 0) {
        first.push(atOnce);
        again.push(loaded);
      }
      await closePage(r);
    }
    figures.push(
      figure({
        id: 'key-tags-first',
        name: 't on a card just hovered, a page\'s first: key → tag field focused',
        unit: 'ms',
        samples: first,
        notes: 'the panel page starts loading when the pointer reaches a card; t pressed as soon as the pointer is there',
      }),
      figure({
        id: 'key-tags-again',
        name: 't on another card, the panel used once: key → tag field focused',
        unit: 'ms',
        samples: again,
        notes: 'after Escape closed the first panel; the panel page is loaded',
        extra: { firstMs: summary(first) },
      }),
    );
  }
  phase('keys');
}
