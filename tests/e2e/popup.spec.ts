import type { BrowserContext, Page } from '@playwright/test';
import { expect, popupFor, test } from './fixtures';
// @ts-expect-error plain JS module shared with the demo
import { sendFrom, tabIdOf, waitForReport } from '../../scripts/walk.mjs';
import { ShadowDom } from './shadow';
import { CARD_TITLE, FUZZY_DAY, STORED_TITLE, fuzzySetUp } from './fuzzy';
// @ts-expect-error plain JS module shared with the demo
import { onePagePdf } from '../../scripts/pdf.mjs';

type Report = { state: { cards: { card: { title: string }; status: 'new' | 'seen' | 'saved' }[] } };

/**
 * An extension page to talk to the background from. Cards count as seen on load, so no test has to
 * scroll; `never` keeps a visit from recording anything.
 */
async function helperPage(context: BrowserContext, extensionId: string, seenMode: 'load' | 'never' = 'load'): Promise<Page> {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html?tab=-1`);
  await sendFrom(ext, { type: 'settings.set', settings: { seenMode } });
  return ext;
}

const sightings = async (ext: Page) => ((await sendFrom(ext, { type: 'library.stats' })) as { sightings: number }).sightings;

/** Open a digest page in `page`, wait for its report and, when `recorded`, for its sightings. */
async function visit(page: Page, ext: Page, url: string, recorded = true): Promise<{ tabId: number; report: Report }> {
  const before = await sightings(ext);
  await page.goto(url);
  const tabId: number = await tabIdOf(ext, page);
  const report: Report = await waitForReport(ext, tabId, 1, 20_000, page.url());
  if (recorded) await expect.poll(() => sightings(ext)).toBeGreaterThan(before);
  return { tabId, report };
}

async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const popup = await popupFor(context, extensionId, tabId);
  await expect(popup.getByTestId('page-list')).toBeVisible();
  return popup;
}

const row = (popup: Page, title: string) =>
  popup.getByTestId('paper-row').filter({ has: popup.getByTestId('row-title').getByText(title, { exact: true }) });

test('popup: groups and counts, save, tags with autocomplete, a note kept across closing', async ({
  page,
  context,
  extensionId,
  net,
}) => {
  const ext = await helperPage(context, extensionId);
  await visit(page, ext, 'https://huggingface.co/papers/date/2025-10-29');
  const { tabId, report } = await visit(page, ext, 'https://huggingface.co/papers/date/2025-11-03');
  const shown = { new: 0, seen: 0, saved: 0 };
  for (const c of report.state.cards) shown[c.status]++;
  expect(shown.seen).toBe(3);

  let popup = await openPopup(context, extensionId, tabId);
  await expect(popup.getByTestId('site-name')).toHaveText('Hugging Face · Nov 3');
  // The first request left from the classic script in the head (popup-start.ts), not the module.
  expect(await popup.evaluate(() => typeof (window as { dejaluPopupStart?: unknown }).dejaluPopupStart)).toBe('object');
  // 74 cards: the popup stays within 600 px and its list scrolls.
  const size = await popup.evaluate(() => {
    const list = document.querySelector('.scroll')!;
    return { doc: document.documentElement.scrollHeight, list: list.scrollHeight, shown: list.clientHeight };
  });
  expect(size.doc).toBeLessThanOrEqual(600);
  expect(size.list).toBeGreaterThan(size.shown);
  const header = (g: string) => popup.locator(`[data-testid="group-header"][data-group="${g}"]`);
  await expect(header('new')).toHaveAttribute('data-count', String(shown.new));
  await expect(header('seen')).toHaveAttribute('data-count', '3');
  await expect(header('saved')).toHaveCount(0);
  await expect(popup.getByTestId('count-new')).toHaveText(`${shown.new} new`);
  await expect(popup.locator('[data-testid="paper-row"][data-status="seen"]')).toHaveCount(3);
  // This visit recorded a sighting, yet the rows keep the status the page showed.
  await expect(popup.locator('[data-testid="paper-row"][data-status="new"]')).toHaveCount(shown.new);
  const seenLine = popup.locator('[data-testid="paper-row"][data-status="seen"] [data-testid="dedup-status"]').first();
  // Counted as the badge counts, before this visit (whose sighting the library holds by now).
  await expect(seenLine).toHaveText(/^Seen 1× · first Hugging Face Oct 29 · matched by arXiv id$/);

  // Expanding a seen row fetches its history: where it was seen before this visit.
  const seenRow = popup.locator('[data-testid="paper-row"][data-status="seen"]').first();
  await seenRow.getByTestId('row-title').click();
  await expect(seenRow.getByTestId('dedup-status')).toHaveText(/^Seen 1×: Hugging Face Oct 29 · matched by arXiv id$/);
  await seenRow.getByTestId('row-title').click();

  // Save the first new paper: it moves to Saved.
  const firstNew = report.state.cards.find((c) => c.status === 'new')!.card.title;
  await row(popup, firstNew).getByTestId('save-toggle').click();
  await expect(row(popup, firstNew)).toHaveAttribute('data-status', 'saved');
  await expect(header('saved')).toHaveAttribute('data-count', '1');
  await expect(header('new')).toHaveAttribute('data-count', String(shown.new - 1));
  await expect(popup.getByTestId('count-saved')).toHaveText('1 saved');

  // Tag it, then tag a second paper through the autocomplete, by keyboard.
  const saved = row(popup, firstNew);
  await saved.getByTestId('row-title').click();
  await saved.getByTestId('tag-input').fill('Diffusion Models');
  await saved.getByTestId('tag-input').press('Enter');
  await expect(saved.getByTestId('tag-chip')).toHaveText(['#diffusion-models×']);
  // The digest page, still open behind the popup, follows: its badge shows the save and the tag.
  const onPage = await ShadowDom.open(page);
  const badge = `[...document.querySelectorAll('article')].find((a) => a.querySelector('h3')?.textContent.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(firstNew)})?.querySelector('dejalu-badge')`;
  await expect.poll(async () => (await onPage.hostAt(badge)).text).toBe('Saved · #diffusion-models');

  const secondNew = report.state.cards.filter((c) => c.status === 'new')[1]!.card.title;
  const other = row(popup, secondNew);
  await other.getByTestId('row-title').click();
  await other.getByTestId('tag-input').click();
  await other.getByTestId('tag-input').pressSequentially('diff');
  const option = other.getByTestId('tag-option');
  await expect(option).toHaveText(['#diffusion-models1']);
  await other.getByTestId('tag-input').press('ArrowDown');
  await expect(option.first()).toHaveAttribute('aria-selected', 'true');
  await other.getByTestId('tag-input').press('Enter');
  await expect(other.getByTestId('tag-chip')).toHaveText(['#diffusion-models×']);
  // Backspace on the empty input removes it again; Enter and comma add.
  await other.getByTestId('tag-input').press('Backspace');
  await expect(other.getByTestId('tag-chip')).toHaveCount(0);
  await other.getByTestId('tag-input').pressSequentially('to-read,');
  await expect(other.getByTestId('tag-chip')).toHaveText(['#to-read×']);

  // A note typed and the popup closed at once, before the autosave delay: nothing is lost.
  const note = 'Compare with the consistency-model baseline.\n- check Table 2';
  await saved.getByTestId('note-input').click();
  await saved.getByTestId('note-input').pressSequentially(note, { delay: 5 });
  await popup.close({ runBeforeUnload: true });

  popup = await openPopup(context, extensionId, tabId);
  const reopened = row(popup, firstNew);
  await expect(reopened).toHaveAttribute('data-status', 'saved');
  // Collapsed, the row says it has a note (as the library's list does) and the other rows do not.
  await expect(reopened.getByTestId('has-note')).toHaveText('✎ note');
  await expect(popup.getByTestId('has-note')).toHaveCount(1);
  await reopened.getByTestId('row-title').click();
  await expect(reopened.getByTestId('note-input')).toHaveValue(note);
  await expect(reopened.getByTestId('tag-chip')).toHaveText(['#diffusion-models×']);
  // Its BibTeX for a manuscript, on the clipboard: neither the reading note nor the tags.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await reopened.getByTestId('copy-bibtex').click();
  await expect(reopened.getByTestId('copy-bibtex')).toHaveText('BibTeX copied ✓');
  await popup.screenshot({ path: test.info().outputPath('popup-copied.png') });
  const bib = await popup.evaluate(() => navigator.clipboard.readText());
  expect(bib).toMatch(/^@misc\{[\w.-]+,\n  title = \{/);
  expect(bib).toContain('archivePrefix = {arXiv}');
  expect(bib).not.toMatch(/consistency-model|diffusion-models|annote|keywords/);
  // And all of it in the library page, opened on its details.
  const savedKey = await reopened.getAttribute('data-key');
  const [details] = await Promise.all([context.waitForEvent('page'), reopened.getByTestId('open-in-library').click()]);
  await expect(details.getByTestId('detail-panel')).toHaveAttribute('data-key', savedKey!);
  await expect(details.getByTestId('note-textarea')).toHaveValue(note);
  await details.close();
  // A tag's name opens the library on that tag's papers.
  const [tagged] = await Promise.all([context.waitForEvent('page'), reopened.getByTestId('tag-open').click()]);
  await expect(tagged.getByTestId('filter-tag')).toHaveValue('diffusion-models');
  await expect(tagged.getByTestId('result-count')).toHaveText('1 paper');
  await tagged.close();

  // Live: the paper saved elsewhere (as a badge on the page does) moves to Saved in the open popup.
  const seenTitle = report.state.cards.find((c) => c.status === 'seen')!.card.title;
  const seenKey = await row(popup, seenTitle).getAttribute('data-key');
  await sendFrom(ext, { type: 'paper.save', target: { key: seenKey }, saved: true });
  await expect(row(popup, seenTitle)).toHaveAttribute('data-status', 'saved');
  await expect(popup.getByTestId('count-saved')).toHaveText('2 saved');

  // The library link opens the library page in a tab.
  const opened = context.waitForEvent('page');
  await popup.getByTestId('library-link').click();
  expect((await opened).url()).toBe(`chrome-extension://${extensionId}/library.html`);

  expect(net.refused).toEqual([]);
});

test('popup: a fuzzy title match can be split, and stays split', async ({ page, context, extensionId, pages, net }) => {
  // Nothing recorded on this visit: see the next test for why.
  const ext = await helperPage(context, extensionId, 'never');
  const storedKey = await fuzzySetUp(ext, pages);
  const { tabId } = await visit(page, ext, FUZZY_DAY, false);

  let popup = await openPopup(context, extensionId, tabId);
  const fuzzy = row(popup, CARD_TITLE);
  await expect(fuzzy).toHaveAttribute('data-status', 'saved');
  await expect(fuzzy.getByTestId('dedup-status')).toHaveText(/^Saved \w+ \d+ · similar title \(0\.\d\d\) to a paper saved \w+ \d+$/);
  await fuzzy.getByTestId('row-title').click();
  // The library's title is shown beside the card's so the reader can judge.
  await expect(fuzzy.getByText(STORED_TITLE)).toBeVisible();

  await fuzzy.getByTestId('not-same').click();
  await expect(fuzzy).toHaveAttribute('data-status', 'new');
  await expect(fuzzy.getByTestId('dedup-status')).toHaveText(`New · not the same as “${STORED_TITLE}”, now its own paper`);
  await expect(fuzzy.getByTestId('not-same')).toHaveCount(0);
  await expect(fuzzy.getByTestId('save-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(popup.locator('[data-testid="group-header"][data-group="new"]')).toHaveAttribute('data-count', '2');
  await expect(popup.locator('[data-testid="group-header"][data-group="saved"]')).toHaveCount(0);

  // The stored paper is untouched and the card is a paper of its own.
  const kept = await sendFrom(ext, { type: 'paper.get', key: storedKey });
  expect(kept.paper.savedAt).toBeGreaterThan(0);
  expect(kept.notSame.map((p: { title: string }) => p.title)).toEqual([CARD_TITLE]);

  // Reopened, the card is still its own (new) paper.
  await popup.close();
  popup = await openPopup(context, extensionId, tabId);
  const again = row(popup, CARD_TITLE);
  await expect(again).toHaveAttribute('data-status', 'new');
  await expect(again.getByTestId('not-same')).toHaveCount(0);
  expect(net.refused).toEqual([]);
});

test('popup opened after Chrome stopped the worker: the page\'s matches, and a split made since', async ({ page, context, extensionId, pages }) => {
  // Chrome stops the worker after 30 s idle, so a popup opened after reading a page usually starts
  // it: the tab's report and its matching epoch come from storage.session.
  const ext = await helperPage(context, extensionId, 'never');
  await fuzzySetUp(ext, pages);
  const { tabId } = await visit(page, ext, FUZZY_DAY, false);
  const cdp = await context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  let popup = await openPopup(context, extensionId, tabId);
  const fuzzy = row(popup, CARD_TITLE);
  await expect(fuzzy).toHaveAttribute('data-status', 'saved');
  await expect(fuzzy.getByTestId('dedup-status')).toHaveText(/similar title \(0\.\d\d\) to a paper saved/);
  await expect(row(popup, 'A Completely Unrelated Paper on Protein Folding')).toHaveAttribute('data-status', 'new');

  await fuzzy.getByTestId('row-title').click();
  await fuzzy.getByTestId('not-same').click();
  await expect(fuzzy).toHaveAttribute('data-status', 'new');
  await popup.close();
  // Another worker again: what the tab reported before the split is not trusted.
  await cdp.send('ServiceWorker.stopAllWorkers');
  popup = await openPopup(context, extensionId, tabId);
  const again = row(popup, CARD_TITLE);
  await expect(again).toHaveAttribute('data-status', 'new');
  await expect(again.getByTestId('not-same')).toHaveCount(0);
});

test('popup: a fuzzy match can still be split after the visit recorded its sighting', async ({
  page,
  context,
  extensionId,
  pages,
}) => {
  // Recording the sighting must not teach the fuzzily matched paper the card's arXiv id, or the
  // similar-title match (and its split action) would be gone before the popup opens.
  const ext = await helperPage(context, extensionId, 'load');
  const storedKey = await fuzzySetUp(ext, pages);
  const { tabId } = await visit(page, ext, FUZZY_DAY, true);
  const popup = await openPopup(context, extensionId, tabId);
  const fuzzy = row(popup, CARD_TITLE);
  await expect(fuzzy.getByTestId('not-same')).toBeVisible({ timeout: 3_000 });
  await expect.poll(async () => (await sendFrom(ext, { type: 'paper.get', key: storedKey })).sightings.length).toBe(1);

  // The page shows the card as the saved paper it near-matched.
  const dom = await ShadowDom.open(page);
  const badge = `document.querySelector('article a[href="/papers/2511.04242"]').closest('article').querySelector('dejalu-badge')`;
  expect((await dom.hostAt(badge)).text).toMatch(/^Saved/);

  // The visit's sighting was the card's, not the stored paper's: the split takes it along.
  await fuzzy.getByTestId('not-same').click();
  await expect(fuzzy).toHaveAttribute('data-status', 'new');
  // And the page shows the card as the paper it now is: new before this visit.
  await expect.poll(async () => (await dom.hostAt(badge)).text).toMatch(/^New/);
  const kept = await sendFrom(ext, { type: 'paper.get', key: storedKey });
  expect(kept.paper.seenCount).toBe(0);
  expect(kept.sightings).toEqual([]);
  const own = await sendFrom(ext, { type: 'paper.get', key: 'arxiv:2511.04242' });
  expect(own.paper.seenCount).toBe(1);
  expect(own.sightings.map((s: { pageUrl: string }) => s.pageUrl)).toEqual([FUZZY_DAY]);
});

test('a worker that has just started finds a near-title match before its catalog has loaded', async ({ page, context, extensionId, pages }) => {
  // Chrome stops the worker after 30 s idle, so a day's first digest usually starts it: the page's
  // lookup then comes before the catalog (loaded at the worker's first quiet moment) and is
  // answered from the title-key index and the snapshot's near keys. The catalog is loaded (and its
  // first snapshot saved) before the paper is: the paper's candidate keys come from the journal.
  const ext = await helperPage(context, extensionId, 'never');
  expect((await sendFrom(ext, { type: 'library.stats' })).papers).toBe(0);
  await fuzzySetUp(ext, pages);
  const cdp = await context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.goto(FUZZY_DAY); // its lookup is the message that starts the worker
  const reply = await waitForReport(ext, await tabIdOf(ext, page), 2, 20_000, page.url());
  const shown = reply.state.cards.map((c: { card: { title: string }; status: string; match?: { rule: string } }) => [c.card.title, c.status, c.match?.rule]);
  expect(shown).toEqual([
    [CARD_TITLE, 'saved', 'similar-title'],
    ['A Completely Unrelated Paper on Protein Folding', 'new', undefined],
  ]);
});

test('popup on a page it does not read says where to go, one click away', async ({ context, extensionId }) => {
  // A tab the content script never reported (its URL is not one we may read: the extension cannot see it).
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${2 ** 30}`);
  await expect(popup.getByTestId('no-cards')).toHaveText(
    "Open Hugging Face Daily Papers, an arXiv listing, a Google Scholar search, an OpenReview venue or a dblp page to see its papers here. On a paper's own page elsewhere, or its PDF, this shows that paper.",
  );
  // A tab of its own asks for the page (Playwright's routes do not reach a tab the popup opens
  // before it knows the tab, so the request is what is checked).
  const opened = context.waitForEvent('page');
  const asked = context.waitForEvent('request', (r) => r.url() === 'https://huggingface.co/papers');
  await popup.getByRole('link', { name: 'Hugging Face Daily Papers' }).click();
  const daily = await opened;
  expect((await asked).frame().page()).toBe(daily);
  expect(daily).not.toBe(popup);
});

test.describe('dark', () => {
  test.use({ colorScheme: 'dark' });

  test('popup follows the system colour scheme', async ({ page, context, extensionId }, testInfo) => {
    const ext = await helperPage(context, extensionId);
    const { tabId } = await visit(page, ext, 'https://huggingface.co/papers/date/2025-11-18');
    const popup = await openPopup(context, extensionId, tabId);
    const bg = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    await popup.screenshot({ path: testInfo.outputPath('popup-dark.png') });
  });
});

test("popup: on a paper's PDF, the paper as the library has it, tagged and annotated while reading; one it does not hold is saved from its abstract page", async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  const PDF = 'https://arxiv.org/pdf/2508.27978v2';
  const UNKNOWN = 'https://arxiv.org/pdf/2401.99999.pdf';
  pages.set(PDF, { body: onePagePdf('Hidden Dynamics of Massive Activations'), contentType: 'application/pdf' });
  pages.set(UNKNOWN, { body: onePagePdf('Another Paper'), contentType: 'application/pdf' });
  const ext = await helperPage(context, extensionId);
  await visit(page, ext, 'https://huggingface.co/papers/date/2025-11-18');

  // Opened from the digest: the PDF tab runs no content script; the toolbar icon says the paper was
  // met once, and the popup names it.
  await page.goto(PDF);
  const tabId: number = await tabIdOf(ext, page);
  const icon = () => ext.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
  await expect.poll(icon).toBe('1×');
  const popup = await popupFor(context, extensionId, tabId);
  await expect(popup.getByTestId('site-name')).toHaveText('arXiv:2508.27978v2 · PDF');
  const list = popup.getByTestId('reading');
  await expect(list.getByTestId('group-header')).toHaveText('The paper you are reading');
  const reading = list.getByTestId('paper-row');
  await expect(reading).toHaveCount(1);
  await expect(reading.getByTestId('row-title')).toHaveText('Hidden Dynamics of Massive Activations in Transformer Training');
  // Where it was met, from its history (the row opens with it).
  await expect(reading.getByTestId('dedup-status')).toHaveText(/^Seen 1×: Hugging Face Nov 18/);
  await expect(popup.getByTestId('counts')).toHaveCount(0);

  // Open at once for tags and a note: the library has both.
  await expect(reading.getByTestId('row-title')).toHaveAttribute('aria-expanded', 'true');
  await reading.getByTestId('tag-input').fill('activations');
  await reading.getByTestId('tag-input').press('Enter');
  await reading.getByTestId('note-input').click();
  await reading.getByTestId('note-input').pressSequentially('Fig. 3: the spike at step 2k.', { delay: 5 });
  await reading.getByTestId('save-toggle').click();
  const stored = async () => (await sendFrom(ext, { type: 'paper.get', key: 'arxiv:2508.27978' })) as { paper: { tags: string[]; note: string; savedAt?: number } };
  await expect.poll(async () => (await stored()).paper.note, { timeout: 10_000 }).toBe('Fig. 3: the spike at step 2k.');
  expect((await stored()).paper.tags).toEqual(['activations']);
  expect((await stored()).paper.savedAt).toBeGreaterThan(0);
  // Saved while reading: the icon says so.
  await expect.poll(icon).toBe('★');
  await popup.screenshot({ path: test.info().outputPath('popup-pdf.png') });

  // A PDF of a paper the library does not hold: the way to its abstract page, where it is saved.
  await page.goto(UNKNOWN);
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.getByTestId('reading-unknown')).toHaveText('arXiv:2401.99999 is not in your library yet. Open its abstract page ↗ to save it there.');
  await expect(popup.getByTestId('reading-abs')).toHaveAttribute('href', 'https://arxiv.org/abs/2401.99999');
  expect(await icon()).toBe('');
  // Saved elsewhere meanwhile (its abstract page in another tab): the open popup shows it.
  await sendFrom(ext, { type: 'paper.save', target: { card: { title: 'Another Paper Entirely', arxivId: '2401.99999' } }, saved: true });
  await expect(popup.getByTestId('reading').getByTestId('row-title')).toHaveText('Another Paper Entirely');
  await expect.poll(icon).toBe('★');
});

test('popup: the library searched from a digest tab, a result saved, nothing found, Escape back to the page', async ({ page, context, extensionId }) => {
  const ext = await helperPage(context, extensionId);
  await visit(page, ext, 'https://huggingface.co/papers/date/2025-10-29');
  const { tabId } = await visit(page, ext, 'https://huggingface.co/papers/date/2025-11-18');
  const popup = await openPopup(context, extensionId, tabId);
  const search = popup.getByTestId('search-input');
  // The search box has the focus as the popup opens: typing searches at once.
  await expect(search).toBeFocused();

  // A paper of another day's digest, by words of its title.
  await search.pressSequentially('curse of depth');
  const results = popup.getByTestId('search-results');
  await expect(results.getByTestId('group-header')).toHaveText('1 in your library');
  const found = results.getByTestId('paper-row');
  await expect(found.getByTestId('row-title')).toHaveText('The Curse of Depth in Large Language Models');
  await expect(found.getByTestId('row-status')).toHaveText('Seen 1×');
  await expect(popup.getByTestId('page-list')).toHaveCount(0);
  await found.getByTestId('save-toggle').click();
  await expect(found.getByTestId('save-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => ((await sendFrom(ext, { type: 'library.stats' })) as { saved: number }).saved).toBe(1);

  await search.fill('zzqx nothing like this');
  await expect(popup.getByTestId('search-empty')).toHaveText('No paper in your library matches “zzqx nothing like this”.');

  // Escape clears the query: the page's own papers again (the saved one was on Oct 29, not here).
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(popup.getByTestId('page-list')).toBeVisible();
  await expect(popup.getByTestId('count-saved')).toHaveText('0 saved');
  await expect(popup.getByTestId('paper-row')).toHaveCount(11);
});
