/**
 * arXiv's other listings: a past day's ("catchup") and an author's page, both in the listings'
 * markup (tests/fixtures/arxiv served at their addresses).
 */
import { expect, test } from './fixtures';
import { ShadowDom } from './shadow';
import { badges, helper, stats } from './elsewhere';
import { fixtureHtml } from '../fixtures/pages/variants';

test("an arXiv catchup page (a past day's listing) and an author's page get badges; the catchup's day is where the papers were first seen", async ({
  page,
  pages,
  extensionId,
}) => {
  const catchup = 'https://arxiv.org/catchup/cs.LG/2025-11-10?abs=True&page=1';
  const author = 'https://arxiv.org/a/sun_m_1';
  pages.set(catchup, { body: fixtureHtml('arxiv/list-cs.LG-new.html') });
  pages.set(author, { body: fixtureHtml('arxiv/list-cs.LG-new.html') });
  const ext = await helper(page.context(), extensionId);
  await page.bringToFront();
  await page.goto(catchup);
  const dom = await ShadowDom.open(page);
  expect((await badges(dom, 22)).every((t) => t.startsWith('New'))).toBe(true);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(22);

  // The same listing as /new, another day: every paper met on the catchup page, on its day.
  await page.goto('https://arxiv.org/list/cs.LG/new');
  const again = await badges(dom, 22);
  expect(again.every((t) => t.startsWith('Seen 1× · first Nov 10'))).toBe(true);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(44);

  // An author's page (its papers, in the listings' markup): looked up, so never dimmed as seen.
  await page.goto(author);
  expect((await badges(dom, 22)).every((t) => t.startsWith('Seen 2× · first Nov 10'))).toBe(true);
  const summary = (await dom.hosts('dejalu-summary'))[0]!;
  expect(summary.text).toContain('0 new · 22 seen');
  // A toggle that would change nothing is not shown.
  expect(summary.find('label.toggle')[0]?.attrs).toHaveProperty('hidden');
});
