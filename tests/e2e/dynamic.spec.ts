import { expect, test } from './fixtures';
// @ts-expect-error plain JS module shared with the demo
import { readThrough, sendFrom, settle, tabIdOf, waitForReport } from '../../scripts/walk.mjs';

/** Replace the page's cards with those of another fixture page, as Hugging Face's client-side navigation does. */
async function navigateClientSide(page: import('@playwright/test').Page, url: string, mode: 'replace' | 'append') {
  await page.evaluate(
    async ({ url, mode }) => {
      const html = await (await fetch(url)).text();
      const next = new DOMParser().parseFromString(html, 'text/html');
      const articles = [...next.querySelectorAll('article')];
      const current = document.querySelector('article')!.parentElement!;
      if (mode === 'replace') {
        for (const a of [...current.querySelectorAll(':scope > article')]) a.remove();
        history.pushState({}, '', url);
      }
      // The hydration island is left as it was: it goes stale, as on the real site.
      for (const a of articles) current.append(document.importNode(a, true));
    },
    { url, mode },
  );
}

test('client-side navigation and new cards: re-recognised, annotated once, a new visit; the toolbar counts new papers', async ({
  page,
  context,
  extensionId,
  net,
}) => {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.goto('https://huggingface.co/papers/date/2025-11-18');
  await page.bringToFront();
  const tabId = await tabIdOf(ext, page);
  await waitForReport(ext, tabId, 11, 20_000, page.url());
  await expect(page.locator('dejalu-badge')).toHaveCount(11);
  await expect.poll(() => ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('11');
  await readThrough(page, { pauseMs: 1_000 });

  await navigateClientSide(page, 'https://huggingface.co/papers/date/2025-12-09', 'replace');
  const report = await waitForReport(ext, tabId, 40, 20_000, 'https://huggingface.co/papers/date/2025-12-09');
  expect(report.state.page.digestDate).toBe('2025-12-09');
  expect(report.state.cards).toHaveLength(40);
  await expect(page.locator('dejalu-badge')).toHaveCount(40);
  // Every card carries exactly one badge.
  expect(await page.locator('article').evaluateAll((as) => as.map((a) => a.querySelectorAll('dejalu-badge').length))).toEqual(
    Array(40).fill(1),
  );
  const seenHere = report.state.cards.filter((c: { status: string }) => c.status !== 'new').length;
  expect(seenHere).toBeGreaterThan(0);
  await expect
    .poll(() => ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId))
    .toBe(String(40 - seenHere));

  // Infinite scroll: more cards appear on the same page.
  await navigateClientSide(page, 'https://huggingface.co/papers/date/2025-11-18', 'append');
  // A paper listed twice on one page is one card (three of Nov 18's were also on Dec 9).
  const distinct = await page.evaluate(
    () => new Set([...document.querySelectorAll('article')].map((a) => a.querySelector('a[href^="/papers/"]')?.getAttribute('href'))).size,
  );
  expect(distinct).toBe(48);
  await expect(page.locator('dejalu-badge')).toHaveCount(distinct);
  const after = await waitForReport(ext, tabId, distinct, 20_000, 'https://huggingface.co/papers/date/2025-12-09');
  expect(after.state.cards).toHaveLength(distinct);
  // The Nov 18 cards were read during the first visit: on this page they show as seen.
  const appended = after.state.cards.slice(40);
  expect(appended.every((c: { status: string }) => c.status === 'seen')).toBe(true);

  // The visit to the Dec 9 "page" is its own visit: reading it records its cards.
  await readThrough(page, { pauseMs: 1_000 });
  await settle(ext);
  const stats = await sendFrom(ext, { type: 'library.stats' });
  expect(stats.sightings).toBe(11 + distinct);
  expect(net.refused).toEqual([]);
});
