/**
 * dblp: a person's publications mark the papers met on a digest (by arXiv id on a CoRR entry, by
 * title on its conference version, which teaches where it appeared), save with one click, and the
 * site has its own switch.
 */
import { expect, popupFor, sendFromExtension, test } from './fixtures';
// @ts-expect-error plain JS modules shared with the demo
import { tabIdOf } from '../../scripts/walk.mjs';
import { afterNov18, badges, stats } from './elsewhere';
import { fixtureHtml } from '../fixtures/pages/variants';

const PERSON = 'https://dblp.org/pid/000/0001.html';
type Got = { paper: { key: string; title: string; journal?: string; proceedings?: string; year?: number; doi?: string; savedAt?: number; sites: string[] } };

const badgeOf = (title: string, nth = 0) =>
  `[...document.querySelectorAll('li.entry')].filter((e) => e.querySelector('span.title').textContent.startsWith(${JSON.stringify(title)}))[${nth}].querySelector('dejalu-badge')`;

test("a dblp person page marks the papers met on a digest, teaches the conference version's venue, and saves an entry", async ({ page, pages, context, extensionId }) => {
  pages.set(PERSON, { body: fixtureHtml('dblp/person-000-0001.html') });
  const { ext, dom } = await afterNov18(page, context, extensionId);

  await page.goto(PERSON);
  // ICLR version (title and authors), journal article, NeurIPS paper, CoRR version (id), older preprint (id).
  const texts = await badges(dom, 5);
  expect(texts.map((t) => t.replace(/ · first.*/, ''))).toEqual(['Seen 1×', 'New', 'New', 'Seen 1×', 'Seen 1×']);
  expect(texts[0]).toMatch(/first Nov 18/);
  // Each badge at the end of its entry's title, inside the citation, before the venue.
  const placed = await page.evaluate(() => [...document.querySelectorAll('dejalu-badge')].every((b) => b.parentElement?.matches('cite span.title')));
  expect(placed).toBe(true);
  // A person's list was looked up: nothing to fade.
  const summary = (await dom.hosts('dejalu-summary'))[0]!;
  expect(summary.find('label.toggle')[0]?.attrs).toHaveProperty('hidden');

  // The paper met on the digest appeared at ICLR 2026, as the entry of its conference version says.
  await expect.poll(async () => (await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2508.27978' })).paper.proceedings, { timeout: 20_000 }).toBe('ICLR 2026');
  const known = await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2508.27978' });
  expect(known.paper).toMatchObject({ year: 2026, title: 'Hidden Dynamics of Massive Activations in Transformer Training' });
  expect(known.paper.sites.sort()).toEqual(['dblp', 'huggingface']);

  // The ICLR entry and the CoRR entry are one paper: the page's summary and the popup count it
  // once, and the popup shows it as one row that says the page lists it twice.
  expect(summary.text).toContain('2 new · 2 seen · 0 saved');
  const popup = await popupFor(context, extensionId, await tabIdOf(ext, page));
  await expect(popup.getByTestId('paper-row')).toHaveCount(4);
  await expect(popup.getByTestId('count-seen')).toHaveText('2 seen');
  const twice = popup.getByTestId('paper-row').filter({ has: popup.getByTestId('also-here') });
  await expect(twice.getByTestId('row-title')).toHaveText('Hidden Dynamics of Massive Activations in Transformer Training');
  await expect(twice.getByTestId('also-here')).toHaveText('· listed twice on this page');
  // Where each was published: as the library learned it from the ICLR entry, and as the journal
  // article's entry says it.
  await expect(twice.getByTestId('row-venue')).toHaveText('ICLR 2026');
  const article = popup.getByTestId('paper-row').filter({ hasText: 'Sparse Attention Kernels' });
  await expect(article.getByTestId('row-venue')).toHaveText('IEEE Trans. Pattern Anal. Mach. Intell.');
  await popup.close();

  // One click saves the journal article, with its journal and DOI.
  const [star] = (await dom.hostAt(badgeOf('Sparse Attention Kernels'))).find('[data-action=save]');
  await dom.click(star!);
  await expect.poll(async () => (await dom.hostAt(badgeOf('Sparse Attention Kernels'))).text).toBe('Saved');
  await expect.poll(async () => (await stats(ext)).saved).toBe(1);
  const saved = await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'doi:10.1109/tpami.2026.3561234' });
  expect(saved.paper).toMatchObject({ title: 'Sparse Attention Kernels for Long-Context Inference', journal: 'IEEE Trans. Pattern Anal. Mach. Intell.', year: 2026 });
  expect(saved.paper.savedAt).toBeGreaterThan(0);

  // The site has its own switch in the settings.
  await ext.bringToFront();
  await ext.getByTestId('tab-settings').click();
  await expect(ext.getByTestId('settings-site-dblp')).toBeChecked();
  await expect(ext.getByText('dblp person pages, tables of contents and searches')).toBeVisible();
});
