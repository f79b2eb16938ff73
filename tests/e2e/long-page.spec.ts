import { expect, test } from './fixtures';
// @ts-expect-error plain JS module shared with the benchmarks
import { hfDailyPage, pageUrl } from '../../bench/pages.mjs';
// @ts-expect-error plain JS module shared with the demo
import { tabIdOf, waitForReport } from '../../scripts/walk.mjs';

const N = 700;
const cards = Array.from({ length: N }, (_, i) => ({
  id: `2601.${String(10_000 + i).padStart(5, '0')}`,
  title: `Long page paper ${i}: scaling probes of layer ${i % 37} in sparse models`,
  abstract: 'An abstract.',
  authors: ['Ada Lovelace'],
  publishedAt: '2026-01-05',
}));

test('a very long page: every card is recognised at once, far-off cards get their badge as they come near', async ({
  page,
  context,
  extensionId,
  pages,
}) => {
  pages.set(pageUrl('2099-01-07'), { body: hfDailyPage('2099-01-07', cards) });
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.goto(pageUrl('2099-01-07'));
  await page.bringToFront();
  const tabId = await tabIdOf(ext, page);
  const report = await waitForReport(ext, tabId, N, 30_000, page.url());
  expect(report.state.cards).toHaveLength(N);
  const badged = await page.locator('dejalu-badge').count();
  expect(badged).toBeGreaterThanOrEqual(400);
  expect(badged).toBeLessThan(N);

  // Scroll to the end: the last cards get their badge, and none gets two.
  await page.locator('article').last().scrollIntoViewIfNeeded();
  await expect(page.locator('article').last().locator('dejalu-badge')).toHaveCount(1);
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 2_000) {
      window.scrollTo(0, y);
      // IntersectionObserver looks when a frame renders: a busy machine may render none in 30 ms,
      // and cards scrolled past between two frames never came near (as in a reader's fling).
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await expect(page.locator('dejalu-badge')).toHaveCount(N);
  expect(await page.locator('article').evaluateAll((as) => as.every((a) => a.querySelectorAll('dejalu-badge').length === 1))).toBe(true);
});
