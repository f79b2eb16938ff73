/**
 * OpenReview: a venue's lists mark the papers met on a digest (by title: OpenReview's ids are its
 * own), lists rendered after load (a tab switch) are read, a note saves with one click, and a
 * paper's forum page is that one paper.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, popupFor, sendFromExtension, test } from './fixtures';
import { badgeTexts } from './shadow';
import { afterNov18, badges } from './elsewhere';
import { fixtureHtml } from '../fixtures/pages/variants';
// @ts-expect-error plain JS modules shared with the demo
import { onePagePdf } from '../../scripts/pdf.mjs';
// @ts-expect-error plain JS modules shared with the demo
import { tabIdOf } from '../../scripts/walk.mjs';

const VENUE = 'https://openreview.net/group?id=ICLR.cc/2026/Conference';
const FORUM = 'https://openreview.net/forum?id=hdMAtt5sXk';
type Found = { papers: { key: string; title: string; sites: string[]; savedAt?: number }[] };

type Served = Map<string, string | { body: string; contentType?: string; headers?: Record<string, string> }>;

/** The Nov 18 digest read, then ICLR 2026's venue open: its four badges' texts. */
async function venueAfterNov18(page: Page, pages: Served, context: BrowserContext, extensionId: string) {
  pages.set(VENUE, { body: fixtureHtml('openreview/iclr-2026-conference.html') });
  const { ext, dom } = await afterNov18(page, context, extensionId);
  await page.goto(VENUE);
  return { ext, dom, texts: await badges(dom, 4) };
}

const badgeOf = (title: string) =>
  `[...document.querySelectorAll('.note h4')].find((h) => h.textContent.includes(${JSON.stringify(title)})).querySelector('dejalu-badge')`;

test('an OpenReview venue marks the papers met on a digest by title, reads a tab rendered later, saves a note, teaches where each was accepted, and a forum page is its paper', async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  pages.set(FORUM, { body: fixtureHtml('openreview/forum-hdMAtt5sXk.html') });
  const { ext, dom, texts } = await venueAfterNov18(page, pages, context, extensionId);
  // Title and authors match (Nov 18), new, title match, new and anonymous.
  expect(texts.map((t) => t.replace(/ · first.*/, ''))).toEqual(['Seen 1×', 'New', 'Seen 1×', 'New']);
  expect(texts[0]).toMatch(/first Nov 18/);
  // On the title's line, after the title and its PDF link: the heading's own links stay as they were.
  const placed = await page.evaluate(() =>
    [...document.querySelectorAll('dejalu-badge')].every((b) => b.parentElement?.matches('.note h4') && b.previousElementSibling?.matches('a.pdf-link') && !b.nextSibling),
  );
  expect(placed).toBe(true);
  expect((await dom.hosts('dejalu-summary'))[0]?.text).toContain('2 new · 2 seen · 0 saved');

  // The reader switches tab: the site renders another list in place of the first.
  await page.evaluate(() => {
    document.querySelector('.tab-content')!.innerHTML =
      '<div class="tab-pane active" id="accept-poster"><ul class="list-unstyled submissions-list">' +
      '<li><div class="note "><h4><a href="/forum?id=sUpErExPrT">Unveiling Super Experts in Mixture-of-Experts Large Language Models</a></h4><div class="note-authors"><span><a href="/profile?id=~Author_One3">Author 1</a>, <a href="/profile?id=~Author_Two3">Author 2</a> </span></div><ul class="note-meta-info list-inline"><li>Published: 26 Jan 2026</li><li>ICLR 2026 Poster</li></ul></div></li>' +
      '<li><div class="note "><h4><a href="/forum?id=nEwPoStEr1">Sparse Autoencoders Find Massive Activations Early in Training</a></h4><div class="note-authors"><span><a href="/profile?id=~Jane_Doe1">Jane Doe</a> </span></div><ul class="note-meta-info list-inline"><li>Published: 26 Jan 2026</li><li>ICLR 2026 Poster</li></ul></div></li>' +
      '</ul></div>';
  });
  await expect.poll(async () => (await badgeTexts(dom)).map((t) => t.replace(/ · first.*/, '')), { timeout: 15_000 }).toEqual(['Seen 1×', 'New']);

  // One click saves a note the library did not hold, with its forum's address.
  const [star] = (await dom.hostAt(badgeOf('Sparse Autoencoders'))).find('[data-action=save]');
  await dom.click(star!);
  await expect.poll(async () => (await dom.hostAt(badgeOf('Sparse Autoencoders'))).text).toBe('Saved');
  // Its sighting comes in the visit's next batch, a second after the cards showed.
  const search = () => sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'sparse autoencoders massive activations' } });
  await expect.poll(async () => (await search()).papers[0]?.sites, { timeout: 20_000 }).toEqual(['openreview']);
  const found = (await search()).papers[0]!;
  expect(found).toMatchObject({ title: 'Sparse Autoencoders Find Massive Activations Early in Training' });
  expect(found.savedAt).toBeGreaterThan(0);
  const saved = await sendFromExtension<{ paper: { urls: string[]; proceedings?: string } }>(ext, { type: 'paper.get', key: found.key });
  expect(saved.paper.urls).toEqual(['https://openreview.net/forum?id=nEwPoStEr1']);
  // The poster's venue line says where it was accepted; the submission under review says nowhere yet.
  expect(saved.paper.proceedings).toBe('ICLR 2026');
  const grokking = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'grokking beyond algorithmic data' } });
  const underReview = await sendFromExtension<{ paper: { proceedings?: string } }>(ext, { type: 'paper.get', key: grokking.papers[0]!.key });
  expect(underReview.paper).not.toHaveProperty('proceedings');

  // The paper's forum is that one paper, seen twice before this visit (the digest, the venue).
  await page.goto(FORUM);
  const [forum] = await badges(dom, 1);
  expect(forum).toMatch(/^Seen 2× · first Nov 18/);
  const hidden = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'hidden dynamics massive activations' } });
  expect(hidden.papers).toHaveLength(1);
  expect(hidden.papers[0]).toMatchObject({ key: 'arxiv:2508.27978' });
  expect(hidden.papers[0]?.sites.sort()).toEqual(['huggingface', 'openreview']);

  // The digest's paper, accepted as the venue said: its details name the proceedings, and it is
  // cited as a conference paper.
  await ext.bringToFront();
  await ext.getByTestId('search-input').fill('hidden dynamics massive activations');
  await expect(ext.getByTestId('paper-row')).toHaveCount(1);
  await expect(ext.getByTestId('paper-row').getByTestId('row-venue')).toHaveText('ICLR 2026');
  await ext.getByTestId('paper-row').getByTestId('row-open').click();
  await expect(ext.getByTestId('detail-venue')).toHaveText('ICLR 2026');
  await expect(ext.getByTestId('link-openreview')).toHaveAttribute('href', FORUM);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ext.getByTestId('copy-bibtex').click();
  await expect(ext.getByTestId('toast')).toContainText('BibTeX copied');
  const cited = await ext.evaluate(() => navigator.clipboard.readText());
  expect(cited).toMatch(/^@inproceedings\{/);
  expect(cited).toContain('  booktitle = {ICLR 2026},');
  // Of the year it was accepted, not the preprint's (2025 on the digest).
  expect(cited).toContain('  year = {2026},');
  expect(cited).toContain('eprint = {2508.27978}');

  // The site has its own switch in the settings.
  await ext.getByTestId('tab-settings').click();
  await expect(ext.getByTestId('settings-site-openreview')).toBeChecked();
  await expect(ext.getByText('OpenReview venues, searches and forums')).toBeVisible();
});

test('the reader corrects the venue a list taught, then clears it, and the forum does not teach it again', async ({ page, pages, context, extensionId }) => {
  pages.set(FORUM, { body: fixtureHtml('openreview/forum-hdMAtt5sXk.html') });
  const { ext, dom } = await venueAfterNov18(page, pages, context, extensionId);
  const key = 'arxiv:2508.27978';
  const get = () => sendFromExtension<{ paper: { seenCount: number; proceedings?: string; venueFixed?: boolean } }>(ext, { type: 'paper.get', key });
  await expect.poll(async () => (await get()).paper.proceedings, { timeout: 20_000 }).toBe('ICLR 2026');

  await ext.bringToFront();
  await ext.getByTestId('search-input').fill('hidden dynamics massive activations');
  await expect(ext.getByTestId('paper-row')).toHaveCount(1);
  await expect(ext.getByTestId('paper-row').getByTestId('row-venue')).toHaveText('ICLR 2026');
  await ext.getByTestId('paper-row').getByTestId('row-open').click();
  await expect(ext.getByTestId('detail-venue')).toHaveText('ICLR 2026');

  // The proceedings' full name, and the pages: typed, Enter saves.
  await ext.getByTestId('venue-edit').click();
  await expect(ext.getByTestId('venue-name')).toBeFocused();
  await expect(ext.getByTestId('venue-year')).toHaveValue('2026');
  await ext.getByTestId('venue-name').fill('The Fourteenth International Conference on Learning Representations');
  await ext.getByTestId('venue-pages').fill('1--24');
  await ext.getByTestId('detail-panel').screenshot({ path: test.info().outputPath('venue-form.png') });
  await ext.getByTestId('venue-pages').press('Enter');
  await expect(ext.getByTestId('venue-form')).toHaveCount(0);
  await expect(ext.getByTestId('detail-venue')).toHaveText('The Fourteenth International Conference on Learning Representations, pp. 1–24');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ext.getByTestId('copy-bibtex').click();
  await expect(ext.getByTestId('toast')).toContainText('BibTeX copied');
  const cited = await ext.evaluate(() => navigator.clipboard.readText());
  expect(cited).toContain('  booktitle = {The Fourteenth International Conference on Learning Representations},');
  expect(cited).toContain('  pages = {1--24},');
  // Found by the name the reader gave it.
  await ext.getByTestId('search-input').fill('fourteenth learning representations');
  await expect(ext.getByTestId('paper-row')).toHaveCount(1);
  await expect(ext.getByTestId('paper-row').getByTestId('row-venue')).toHaveText('The Fourteenth International Conference on Learning Representations');

  // Cleared: the forum, which names ICLR 2026, records its sighting and teaches nothing.
  await ext.getByTestId('venue-edit').click();
  await ext.getByTestId('venue-clear').click();
  await expect(ext.getByTestId('detail-no-venue')).toHaveText('none (cleared)');
  await ext.getByTestId('search-input').fill('hidden dynamics massive activations');
  await expect(ext.getByTestId('paper-row')).toHaveCount(1);
  await expect(ext.getByTestId('paper-row').getByTestId('row-venue')).toHaveCount(0);
  await page.bringToFront();
  await page.goto(FORUM);
  await badges(dom, 1);
  await expect.poll(async () => (await get()).paper.seenCount, { timeout: 20_000 }).toBe(3);
  expect((await get()).paper).toMatchObject({ venueFixed: true });
  expect((await get()).paper).not.toHaveProperty('proceedings');
  await ext.bringToFront();
  await expect(ext.getByTestId('detail-no-venue')).toHaveText('none (cleared)');
  await expect(ext.getByText('3 times')).toBeVisible();
});

test('a paper met before, deleted in the library while its page is open and the deletion undone, shows as seen before this visit again', async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  const { ext, dom, texts: [first] } = await venueAfterNov18(page, pages, context, extensionId);
  expect(first).toMatch(/^Seen 1× · first Nov 18/);
  const key = 'arxiv:2508.27978';
  const text = async () => (await dom.hostAt(badgeOf('Hidden Dynamics'))).text;
  // This visit's own sighting is stored: the paper now counts two.
  await expect.poll(async () => (await sendFromExtension<{ paper: { seenCount: number } | null }>(ext, { type: 'paper.get', key })).paper?.seenCount, { timeout: 20_000 }).toBe(2);

  const del = await sendFromExtension<{ ok: boolean; snapshot?: string }>(ext, { type: 'papers.bulk', keys: [key], op: { kind: 'delete' } });
  expect(del.ok).toBe(true);
  await expect.poll(text).toBe('New');
  expect(await sendFromExtension(ext, { type: 'papers.restore', snapshot: del.snapshot })).toMatchObject({ ok: true });
  // Back as it was before this visit: seen once, on Nov 18 (not New, not Seen 2×).
  await expect.poll(text).toMatch(/^Seen 1× · first Nov 18/);
});

test("the popup on a paper's OpenReview PDF shows the paper met on the venue, found by its forum", async ({ page, pages, context, extensionId }) => {
  const PDF = 'https://openreview.net/pdf?id=hdMAtt5sXk';
  pages.set(PDF, { body: onePagePdf('Hidden Dynamics of Massive Activations'), contentType: 'application/pdf' });
  const { ext } = await venueAfterNov18(page, pages, context, extensionId);
  const get = () => sendFromExtension<{ paper: { urls: string[] } }>(ext, { type: 'paper.get', key: 'arxiv:2508.27978' });
  await expect.poll(async () => (await get()).paper.urls, { timeout: 20_000 }).toContain(FORUM);

  await page.goto(PDF);
  const tabId: number = await tabIdOf(ext, page);
  // The toolbar icon: met twice (the digest, the venue).
  await expect.poll(() => ext.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId)).toBe('2×');
  const popup = await popupFor(context, extensionId, tabId);
  await expect(popup.getByTestId('site-name')).toHaveText('OpenReview · PDF');
  const row = popup.getByTestId('reading').getByTestId('paper-row');
  await expect(row.getByTestId('row-title')).toHaveText('Hidden Dynamics of Massive Activations in Transformer Training');
  await expect(row.getByTestId('dedup-status')).toHaveText(/^Seen 2×: Hugging Face Nov 18, OpenReview ICLR 2026 Conference/);

  // A PDF of a submission the library does not hold: the way to its forum, where it is saved.
  await page.goto('https://openreview.net/pdf?id=uNkNoWn1');
  await popup.reload();
  await expect(popup.getByTestId('reading-unknown')).toHaveText('This paper is not in your library yet. Open its forum ↗ to save it there.');
  await expect(popup.getByTestId('reading-abs')).toHaveAttribute('href', 'https://openreview.net/forum?id=uNkNoWn1');
});
