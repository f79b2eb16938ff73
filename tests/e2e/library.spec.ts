import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, sendFromExtension, test } from './fixtures';
import { ShadowDom, badgeTexts } from './shadow';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures');

/** The library page, with cards counting as seen on load so visits need no scrolling. */
async function openLibrary(context: BrowserContext, extensionId: string): Promise<Page> {
  const lib = await context.newPage();
  await lib.goto(`chrome-extension://${extensionId}/library.html`);
  await sendFromExtension(lib, { type: 'settings.set', settings: { seenMode: 'load' } });
  return lib;
}

const stats = (lib: Page) => sendFromExtension<{ papers: number; sightings: number; saved: number }>(lib, { type: 'library.stats' });

async function visitDigest(page: Page, lib: Page, url: string): Promise<void> {
  const before = (await stats(lib)).sightings;
  await page.goto(url);
  await expect.poll(async () => (await stats(lib)).sightings, { timeout: 20_000 }).toBeGreaterThan(before);
}

const rows = (lib: Page) => lib.getByTestId('paper-row');
const rowByTitle = (lib: Page, title: string) => rows(lib).filter({ has: lib.locator('.row-title', { hasText: title }) });

async function importFile(lib: Page, name: string, body: string | Buffer): Promise<string> {
  await lib.getByTestId('tab-transfer').click();
  await lib.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(body) });
  const status = lib.getByTestId('import-status');
  await expect(status).toHaveAttribute('data-state', /^(done|error)$/, { timeout: 20_000 });
  return (await status.textContent()) ?? '';
}

test('library, empty: where to read papers, and the way to an import', async ({ context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  const empty = lib.getByTestId('list-empty');
  await expect(empty).toContainText('Your library is empty.');
  await expect(empty.getByRole('link', { name: 'Hugging Face Daily Papers' })).toHaveAttribute('href', 'https://huggingface.co/papers');
  await expect(empty.getByRole('link', { name: 'Google Scholar' })).toHaveAttribute('target', '_blank');
  await empty.getByTestId('empty-import').click();
  await expect(lib.getByTestId('tab-transfer')).toHaveAttribute('aria-selected', 'true');
  await expect(lib.getByTestId('import-file')).toBeAttached();
});

test('library: search, filters, bulk tag, export and import through the page', async ({ page, context, extensionId, net }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-10-29');
  const seen = (await stats(lib)).papers;
  expect(seen).toBeGreaterThan(20);

  // Import Zotero BibTeX through the file input: entries become saved papers.
  await lib.bringToFront();
  const imported = await importFile(lib, 'zotero-preprints.bib', readFileSync(join(FIXTURES, 'import', 'zotero-preprints.bib')));
  expect(imported).toMatch(/^Imported from BibTeX: 5 new, 0 updated\.$/);

  await lib.getByTestId('tab-library').click();
  await expect(lib.getByTestId('result-count')).toHaveText(`50 of ${seen + 5} papers`);
  expect(await rows(lib).count()).toBe(50);
  await lib.getByTestId('load-more').click();
  await expect(rows(lib)).toHaveCount(Math.min(100, seen + 5));

  // Search: debounced, done by the background over titles and authors.
  await lib.getByTestId('search-input').fill('curse of depth');
  await expect(rows(lib)).toHaveCount(1);
  await expect(rows(lib).first().locator('.row-title')).toHaveText('The Curse of Depth in Large Language Models');
  await lib.getByTestId('search-input').fill('Vaswani');
  await expect(rowByTitle(lib, 'Attention Is All You Need')).toHaveCount(1);
  await lib.getByTestId('search-input').fill('');

  // Filters: saved = the imported papers; site = where they were seen.
  await lib.getByTestId('filter-status').selectOption('saved');
  await expect(lib.getByTestId('result-count')).toHaveText('5 papers');
  await lib.getByTestId('filter-status').selectOption('all');
  await lib.getByTestId('filter-site').selectOption('huggingface');
  await expect(lib.getByTestId('result-count')).toHaveText(new RegExp(`^(50 of )?${seen} papers$`));
  await lib.getByTestId('filter-site').selectOption('');

  // Bulk tag the saved papers, then filter by the new tag.
  await lib.getByTestId('filter-status').selectOption('saved');
  await expect(rows(lib)).toHaveCount(5);
  await lib.getByTestId('select-all').check();
  await expect(lib.getByTestId('bulk-count')).toHaveText('5 selected');
  await lib.getByTestId('bulk-tag-input').fill('Thesis Ch2');
  await lib.getByTestId('bulk-tag').click();
  await expect(lib.getByTestId('toast')).toContainText('Tagged 5 papers “thesis-ch2”.');
  await lib.getByTestId('filter-status').selectOption('all');
  await lib.getByTestId('filter-tag').selectOption('thesis-ch2');
  await expect(lib.getByTestId('result-count')).toHaveText('5 papers');
  await expect(rows(lib).first().locator('.chip', { hasText: 'thesis-ch2' })).toHaveText('#thesis-ch2');
  // A new filter starts a new selection: bulk actions reach only what is shown ticked.
  await expect(lib.getByTestId('bulk-count')).toHaveCount(0);
  await lib.getByTestId('select-all').check();
  await expect(lib.getByTestId('bulk-count')).toHaveText('5 selected');

  // Export the selection as BibTeX: a real download of a file Zotero can read.
  await lib.getByTestId('bulk-export-format').selectOption('bibtex');
  const [download] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('bulk-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^dejalu-\d{4}-\d{2}-\d{2}\.bib$/);
  const bib = readFileSync((await download.path())!, 'utf8');
  expect(bib.match(/^@\w+\{/gm)).toHaveLength(5);
  expect(bib).toContain('eprint = {1706.03762}');
  expect(bib).toMatch(/keywords = \{[^}]*thesis-ch2/);

  // Export everything as a backup, clear the library, import the backup back.
  await lib.getByTestId('tab-transfer').click();
  await lib.getByTestId('export-format').selectOption('backup');
  const [backup] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('export-all').click()]);
  const backupText = readFileSync((await backup.path())!, 'utf8');
  expect(JSON.parse(backupText)).toMatchObject({ format: 'dejalu-backup', version: 1 });
  const before = await stats(lib);

  await lib.getByTestId('tab-settings').click();
  await lib.getByTestId('clear-confirm-input').fill('delete everything');
  await lib.getByTestId('clear-button').click();
  await expect(lib.getByTestId('clear-status')).toHaveText('The library is empty.');
  expect((await stats(lib)).papers).toBe(0);

  // A broken file says what is wrong and changes nothing.
  const broken = await importFile(lib, 'broken.json', backupText.slice(0, 200));
  expect(broken).toMatch(/incomplete.*cut off/);
  await expect(lib.getByTestId('import-status')).toHaveAttribute('role', 'alert');
  expect((await stats(lib)).papers).toBe(0);

  const restored = await importFile(lib, 'backup.json', backupText);
  expect(restored).toMatch(new RegExp(`^Imported from backup: ${before.papers} new, 0 updated, ${before.sightings} sightings\\.$`));
  expect(await stats(lib)).toMatchObject({ papers: before.papers, saved: before.saved, sightings: before.sightings });

  await lib.getByTestId('tab-library').click();
  await lib.getByTestId('filter-tag').selectOption('thesis-ch2');
  await expect(lib.getByTestId('result-count')).toHaveText('5 papers');

  // A journal article from Zotero keeps its journal, shown in its details.
  await importFile(lib, 'zotero-journal.bib', readFileSync(join(FIXTURES, 'import', 'zotero-journal.bib')));
  await lib.getByTestId('tab-library').click();
  await lib.getByTestId('filter-tag').selectOption('');
  await lib.getByTestId('search-input').fill('alphafold');
  await expect(rows(lib)).toHaveCount(1);
  await rows(lib).first().getByTestId('row-open').click();
  await expect(lib.getByTestId('detail-venue')).toHaveText('Nature 596(7873), 583–589');
  // A conference paper keeps its proceedings and pages (Google Scholar's entry, booktitle from an @string).
  await lib.getByTestId('search-input').fill('few-shot learners');
  await expect(rows(lib)).toHaveText([/Language Models are Few-Shot Learners/]);
  await rows(lib).first().getByTestId('row-open').click();
  await expect(lib.getByTestId('detail-venue')).toHaveText('Advances in Neural Information Processing Systems 33, pp. 1877–1901');
  await expect(lib.locator('dt', { hasText: 'Proceedings' })).toBeVisible();
  await lib.getByTestId('detail-panel').screenshot({ path: test.info().outputPath('detail-venue.png') });
  // Its BibTeX to cite, on the clipboard: the conference paper as such, none of the reader's own.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await lib.getByTestId('copy-bibtex').click();
  await expect(lib.getByTestId('toast')).toContainText(/BibTeX copied: \\cite\{brown2020language\}\./);
  const cited = await lib.evaluate(() => navigator.clipboard.readText());
  expect(cited).toMatch(/^@inproceedings\{brown2020language,\n/);
  expect(cited).toContain('  booktitle = {Advances in Neural Information Processing Systems 33},');
  expect(cited).not.toMatch(/keywords|annote|abstract/);
  expect(net.refused.filter((u) => !u.startsWith('chrome-extension://'))).toEqual([]);
});

/** A backup of `n` papers with long abstracts: larger than one message may carry (INLINE_CHARS). */
/** A backup of `n` generated papers, each first (and last) seen at `seenAt(i)`: Nov 3 unless told. */
function bigBackup(n: number, seenAt: (i: number) => number = () => Date.UTC(2025, 10, 3)): string {
  const papers = Array.from({ length: n }, (_, i) => {
    const at = seenAt(i);
    const id = `2511.${String(i).padStart(5, '0')}`;
    return {
      key: `arxiv:${id}`,
      arxivId: id,
      title: `Scaling study number ${i} of sparse mixtures for long context retrieval`,
      authors: [`Ada Lovelace ${i}`, 'Alan Turing'],
      abstract: `We study case ${i}. ${'Long-context retrieval with sparse mixtures of experts keeps quality while cutting cost. '.repeat(8)}`,
      urls: [`https://arxiv.org/abs/${id}`],
      sites: ['huggingface'],
      firstSeen: at,
      lastSeen: at,
      seenCount: 1,
      first: { at, site: 'huggingface', label: 'Nov 3', pageUrl: 'https://huggingface.co/papers/date/2025-11-03' },
      tags: i % 100 === 0 ? ['centennial'] : [],
      note: '',
      updatedAt: at,
    };
  });
  const sightings = papers.map((p) => ({ paperKey: p.key, at: p.firstSeen, pageUrl: p.first.pageUrl, site: 'huggingface', label: 'Nov 3', visitId: 'v-big' }));
  return JSON.stringify({ format: 'dejalu-backup', version: 1, exportedAt: new Date(seenAt(0)).toISOString(), papers, sightings, notSame: [], settings: [] });
}

/** Entries in the Cache Storage the library page and the background exchange large files through. */
const transferEntries = (lib: Page) =>
  lib.evaluate(async () => (await (await caches.open('dejalu-transfer')).keys()).map((r) => r.url));

test('library: reminds to back up the work no backup holds; a backup made, it says so and stops', async ({ context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  const notice = lib.getByTestId('backup-notice');
  const line = lib.getByTestId('backup-line');
  // A few papers seen on a digest are not the reader's work; five saved ones are worth keeping.
  expect(await importFile(lib, 'zotero-preprints.bib', readFileSync(join(FIXTURES, 'import', 'zotero-preprints.bib')))).toMatch(/5 new/);
  await expect(line).toHaveText('No backup yet: 5 papers you saved, tagged or noted live only in this browser.');
  await lib.getByTestId('tab-library').click();
  await expect(notice).toContainText('5 papers you saved, tagged or noted are in no backup yet.');

  // "Later" puts it off, across a reload of the page.
  await lib.getByTestId('backup-later').click();
  await expect(notice).toHaveCount(0);
  await lib.reload();
  await expect(lib.getByTestId('result-count')).toHaveText('5 papers');
  await expect(notice).toHaveCount(0);
  await lib.evaluate(() => localStorage.clear());
  await lib.reload();
  // "Don't remind me" is a setting, which Settings turns back.
  await notice.getByTestId('backup-never').click();
  await expect(notice).toHaveCount(0);
  await expect(lib.getByTestId('toast')).toContainText('No more backup reminders');
  await lib.reload();
  await expect(lib.getByTestId('result-count')).toHaveText('5 papers');
  await expect(notice).toHaveCount(0);
  await lib.getByTestId('tab-settings').click();
  await expect(lib.getByTestId('settings-remindBackup')).not.toBeChecked();
  await lib.getByTestId('settings-remindBackup').check();
  await expect(lib.getByTestId('settings-status')).toHaveText('Settings saved.');
  await lib.getByTestId('tab-library').click();
  await expect(notice).toBeVisible();

  // "Back up now": a backup file of everything, downloaded; then no reminder, and the tab says when.
  const [download] = await Promise.all([lib.waitForEvent('download'), notice.getByTestId('backup-now').click()]);
  expect(download.suggestedFilename()).toMatch(/^dejalu-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { format: string; papers: unknown[] };
  expect(backup).toMatchObject({ format: 'dejalu-backup' });
  expect(backup.papers).toHaveLength(5);
  await expect(notice).toHaveCount(0);
  await expect(lib.getByTestId('toast')).toContainText('Exported 5 papers to ' + download.suggestedFilename());
  await lib.getByTestId('tab-transfer').click();
  await expect(line).toHaveText(/^Last backup: .+, 5 papers\. Nothing you saved, tagged or noted has changed since\.$/);

  // A note written since is work the backup does not hold.
  const [key] = (await sendFromExtension<{ keys: string[] }>(lib, { type: 'library.keys', query: {} })).keys;
  await sendFromExtension(lib, { type: 'paper.note', target: { key }, note: 'Read the appendix first.' });
  await expect(line).toHaveText(/^Last backup: .+, 5 papers\. 1 paper you saved, tagged or noted has changed since\.$/);
  // Backed up again from the tab, whatever format is chosen there.
  const [again] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('backup-line-now').click()]);
  expect(again.suggestedFilename()).toMatch(/^dejalu-backup-/);
  expect(readFileSync((await again.path())!, 'utf8')).toContain('Read the appendix first.');
  await expect(line).toHaveText(/^Last backup: .+, 5 papers\. Nothing you saved, tagged or noted has changed since\.$/);
  await expect(lib.getByTestId('export-format')).toHaveValue('bibtex');
});

/** "Rename…" beside the tag filter: the new name typed, the button's words, what the page then says. */
async function renameFilteredTag(lib: Page, name: string, button: string, said: string): Promise<void> {
  await lib.getByTestId('tag-rename').click();
  await lib.getByTestId('tag-rename-input').fill(name);
  await expect(lib.getByTestId('tag-rename-save')).toHaveText(button);
  await lib.getByTestId('tag-rename-save').click();
  await expect(lib.getByTestId('toast')).toContainText(said);
}

test('library: a tag renamed on every paper, then merged into another; a digest open beside it follows', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-11-18');
  const dom = await ShadowDom.open(page);
  const [onDigest] = (await sendFromExtension<{ keys: string[] }>(lib, { type: 'library.keys', query: {} })).keys;
  await sendFromExtension(lib, { type: 'paper.save', target: { key: onDigest }, saved: true });
  await sendFromExtension(lib, { type: 'paper.tags', target: { key: onDigest }, add: ['computer-science---computation-and-language'] });
  await expect.poll(async () => (await badgeTexts(dom)).filter((t) => t.includes('#computer-science---computation-and-language'))).toHaveLength(1);
  await lib.bringToFront();
  expect(await importFile(lib, 'zotero-preprints.bib', readFileSync(join(FIXTURES, 'import', 'zotero-preprints.bib')))).toMatch(/5 new/);
  await lib.getByTestId('tab-library').click();

  // A row's tag shows that tag's papers. Renamed, the list keeps showing them, under the new name.
  await rowByTitle(lib, 'LLaMA').getByTestId('row-tag').filter({ hasText: '#computer-science---computation-and-language' }).click();
  await expect(lib.getByTestId('filter-tag')).toHaveValue('computer-science---computation-and-language');
  await expect(lib.getByTestId('result-count')).toHaveText('3 papers');
  await expect(lib.getByTestId('detail-panel')).toHaveCount(0);
  await renameFilteredTag(lib, '#NLP', 'Rename', 'Renamed #computer-science---computation-and-language to #nlp on 3 papers.');
  await expect(lib.getByTestId('filter-tag')).toHaveValue('nlp');
  await expect(lib.getByTestId('result-count')).toHaveText('3 papers');
  await expect(lib.locator('.row-tags').filter({ hasText: '#nlp' })).toHaveCount(3);
  // The digest's badge says the new name, without a reload.
  await expect.poll(async () => (await badgeTexts(dom)).filter((t) => t.includes('#nlp'))).toHaveLength(1);

  // Into a tag in use: the button says it merges, and no paper has the tag twice.
  await lib.getByTestId('filter-tag').selectOption('computer-science---machine-learning');
  await renameFilteredTag(lib, 'nlp', 'Merge into #nlp', 'Merged #computer-science---machine-learning into #nlp on 1 paper.');
  await expect(lib.getByTestId('result-count')).toHaveText('3 papers');
  const tags = (await sendFromExtension<{ tags: { tag: string; count: number }[] }>(lib, { type: 'tags.list' })).tags;
  expect(tags.find((t) => t.tag === 'nlp')).toEqual({ tag: 'nlp', count: 3 });
  expect(tags.map((t) => t.tag)).not.toContain('computer-science---machine-learning');

  // A tag's name in a paper's details shows that tag's papers too.
  await lib.getByTestId('filters-reset').click();
  await rowByTitle(lib, 'Über die Stabilität').getByTestId('row-open').click();
  await lib.getByTestId('detail-panel').getByTestId('tag-open').filter({ hasText: '#diffusion' }).click();
  await expect(lib.getByTestId('filter-tag')).toHaveValue('diffusion');
  await expect(lib.getByTestId('result-count')).toHaveText('1 paper');
});

test('library: files larger than a message are imported and exported through Cache Storage, which is left empty', async ({ context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  const text = bigBackup(1_500);
  expect(text.length).toBeGreaterThan(1_000_000);
  // What the page is told while it imports, and what it shows of it.
  await lib.evaluate(() => {
    const seen = { steps: [] as string[], bar: false, lines: [] as string[] };
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    chrome.runtime.onMessage.addListener((m: { type?: string; step?: string; done?: number; total?: number }) => {
      if (m?.type === 'dejalu.progress') seen.steps.push(`${m.step} ${m.done}/${m.total}`);
    });
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="import-progress"]')) seen.bar = true;
      const line = document.querySelector('[data-testid="import-status"]')?.textContent;
      if (line && seen.lines.at(-1) !== line) seen.lines.push(line);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const imported = await importFile(lib, 'big-backup.json', text);
  expect(imported).toBe('Imported from backup: 1,500 new, 0 updated, 1,500 sightings.');
  const progress = await lib.evaluate(() => (window as unknown as { __progress: { steps: string[]; bar: boolean; lines: string[] } }).__progress);
  expect(progress.steps).toEqual(['reading 0/0', 'checking 0/0', 'merging 0/0', 'writing 0/1500', 'writing 1500/1500']);
  expect(progress.bar).toBe(true);
  expect(progress.lines).toContain('Saving… 0 of 1,500 papers');
  expect(await stats(lib)).toMatchObject({ papers: 1_500, sightings: 1_500 });
  expect(await transferEntries(lib)).toEqual([]);

  await lib.getByTestId('export-format').selectOption('bibtex');
  const [download] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('export-all').click()]);
  expect(download.suggestedFilename()).toMatch(/^dejalu-\d{4}-\d{2}-\d{2}\.bib$/);
  const bib = readFileSync((await download.path())!, 'utf8');
  expect(bib.length).toBeGreaterThan(1_000_000);
  expect(bib.match(/^@\w+\{/gm)).toHaveLength(1_500);
  expect(bib).toContain('eprint = {2511.01499}');
  expect(bib).toMatch(/title = \{Scaling study number 700 of sparse mixtures/);
  await expect(lib.getByTestId('export-status')).toHaveText('Exported 1,500 papers to ' + download.suggestedFilename() + '.');
  expect(await transferEntries(lib)).toEqual([]);

  // A page closed mid-transfer leaves its file behind: the worker drops it when it next starts,
  // once it is old enough that no page can still be using it.
  await lib.evaluate(async () => {
    const cache = await caches.open('dejalu-transfer');
    const old = (Date.now() - 11 * 60_000).toString(36);
    await cache.put(`https://dejalu.invalid/transfer/${old}-left`, new Response('left behind'));
    await cache.put(`https://dejalu.invalid/transfer/${Date.now().toString(36)}-fresh`, new Response('in use'));
  });
  const cdp = await context.newCDPSession(lib);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  expect(await stats(lib)).toMatchObject({ papers: 1_500 });
  await expect.poll(async () => (await transferEntries(lib)).map((u) => u.split('-').pop())).toEqual(['fresh']);
});

test('library: a page open beside a digest lists what the visit records, without a reload', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await expect(lib.getByTestId('stats')).toContainText('0 papers');
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-11-18');
  await expect(lib.getByTestId('result-count')).toHaveText('11 papers');
  await expect(rows(lib)).toHaveCount(11);
  await expect(lib.getByTestId('stats')).toContainText('11 sightings');
});

test('library: every paper a search matches is selected at once, not only the rows shown; tagged and exported', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-10-29');
  await expect.poll(async () => (await stats(lib)).papers, { timeout: 20_000 }).toBe(71);
  await lib.bringToFront();
  await expect(lib.getByTestId('result-count')).toHaveText('50 of 71 papers');
  await expect(lib.getByTestId('select-matching-bar')).toHaveCount(0);
  await lib.getByTestId('select-all').check();
  await expect(lib.getByTestId('select-matching-bar')).toHaveText('The 50 papers shown are selected. Select all 71 that match');
  await lib.getByTestId('select-matching').click();
  await expect(lib.getByTestId('bulk-count')).toHaveText('71 selected');
  await expect(lib.getByTestId('select-matching-bar')).toHaveText('All 71 papers that match are selected. Clear selection');
  await lib.screenshot({ path: test.info().outputPath('select-matching.png') });

  await lib.getByTestId('bulk-tag-input').fill('oct-29');
  await lib.getByTestId('bulk-tag').click();
  await expect(lib.getByTestId('toast')).toContainText('Tagged 71 papers');
  await lib.getByTestId('bulk-export-format').selectOption('bibtex');
  const [download] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('bulk-export').click()]);
  expect(readFileSync((await download.path())!, 'utf8').match(/^@\w+\{/gm)).toHaveLength(71);
  // Or on the clipboard, to paste into a manuscript: no tags in it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await lib.getByTestId('bulk-copy-bibtex').click();
  await expect(lib.getByTestId('toast')).toContainText('BibTeX of 71 papers copied.');
  const copied = await lib.evaluate(() => navigator.clipboard.readText());
  expect(copied.match(/^@\w+\{/gm)).toHaveLength(71);
  expect(copied).not.toContain('oct-29');

  await lib.getByTestId('clear-selection').click();
  await expect(lib.getByTestId('bulk-bar')).toHaveCount(0);
  await lib.getByTestId('filter-tag').selectOption('oct-29');
  await expect(lib.getByTestId('result-count')).toHaveText('50 of 71 papers');
});

test('library: sorted by times seen, the papers that keep coming back come first', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-10-29');
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-11-03');
  // 71 and 74 cards, three of them the same papers: 142 papers, 145 sightings.
  await expect.poll(async () => stats(lib), { timeout: 20_000 }).toMatchObject({ papers: 142, sightings: 145 });
  await lib.bringToFront();
  await lib.getByTestId('filter-status').selectOption('seen');
  // By last seen (the default order), a paper that came back says how often; one seen once, when.
  for (const shown of [100, 142]) {
    await lib.getByTestId('load-more').click();
    await expect(rows(lib)).toHaveCount(shown);
  }
  const texts = await rows(lib).locator('.when').allTextContents();
  expect(texts.filter((t) => /^seen 2× · last today$/.test(t))).toHaveLength(3);
  expect(texts.filter((t) => t === 'seen today')).toHaveLength(texts.length - 3);
  await lib.getByTestId('sort-select').selectOption('seenCount');
  await expect(lib).toHaveURL(/#status=seen&sort=seenCount$/);
  const when = rows(lib).locator('.when');
  await expect(when.nth(0)).toHaveText(/^seen 2× · last /);
  await expect(when.nth(2)).toHaveText(/^seen 2× · last /);
  await expect(when.nth(3)).toHaveText(/^seen 1× · last /);
  // Kept across a reload, from the address.
  await lib.reload();
  await expect(lib.getByTestId('sort-select')).toHaveValue('seenCount');
  await expect(when.nth(2)).toHaveText(/^seen 2× · last /);

  // Read from the keyboard: j opens the next paper, x ticks it, s saves it, Escape closes it.
  const second = (await rows(lib).nth(1).getAttribute('data-key'))!;
  await lib.keyboard.press('j');
  await lib.keyboard.press('j');
  await expect(lib.getByTestId('detail-panel')).toHaveAttribute('data-key', second);
  await lib.keyboard.press('x');
  await expect(lib.getByTestId('bulk-count')).toHaveText('1 selected');
  await lib.keyboard.press('s');
  await expect(rows(lib).nth(1).getByTestId('row-save')).toHaveAttribute('aria-pressed', 'true');
  await lib.screenshot({ path: test.info().outputPath('keys.png') });
  await lib.keyboard.press('Escape');
  await expect(lib.getByTestId('detail-panel')).toHaveCount(0);
});

test('library: two entries the dedup could not join are merged into one by hand', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-11-18');
  const preprint = 'Unveiling Super Experts in Mixture-of-Experts Large Language Models';
  const published = 'Super Experts: Rare Neurons That Steer Sparse Language Models';
  const bib = `@article{pub, title = {${published}}, author = {Doe, Jane}, doi = {10.1000/super.1}, journal = {Journal of Tests}, keywords = {moe}}`;
  expect(await importFile(lib, 'published.bib', bib)).toMatch(/1 new/);
  await lib.getByTestId('tab-library').click();
  await expect(lib.getByTestId('result-count')).toHaveText('12 papers');

  await rowByTitle(lib, preprint).getByTestId('row-checkbox').check();
  await rowByTitle(lib, published).getByTestId('row-checkbox').check();
  await lib.getByTestId('bulk-merge').click();
  await lib.getByTestId('bulk-bar').screenshot({ path: test.info().outputPath('merge-confirm.png') });
  await lib.getByTestId('bulk-merge-confirm').click();
  await expect(lib.getByTestId('toast')).toContainText(`Merged into “${preprint}”.`);
  await expect(lib.getByTestId('result-count')).toHaveText('11 papers');
  await expect(rowByTitle(lib, published)).toHaveCount(0);

  // Undo: two papers again; then merged for good.
  await lib.getByTestId('toast-undo').click();
  await expect(lib.getByTestId('toast')).toContainText('Separated again');
  await expect(lib.getByTestId('result-count')).toHaveText('12 papers');
  await expect(rowByTitle(lib, published)).toHaveCount(1);
  await rowByTitle(lib, preprint).getByTestId('row-checkbox').check();
  await rowByTitle(lib, published).getByTestId('row-checkbox').check();
  await lib.getByTestId('bulk-merge').click();
  await lib.getByTestId('bulk-merge-confirm').click();
  await expect(lib.getByTestId('result-count')).toHaveText('11 papers');

  await rowByTitle(lib, preprint).getByTestId('row-open').click();
  const facts = lib.getByTestId('detail-panel').locator('.facts');
  await expect(facts).toContainText('10.1000/super.1');
  await expect(lib.getByTestId('detail-venue')).toHaveText('Journal of Tests');
  await expect(lib.getByTestId('detail-alt-titles').getByTestId('alt-title')).toHaveText(published);
  // The published title is the one to cite: the reader makes it the paper's title.
  await lib.getByTestId('use-alt-title').click();
  await expect(lib.locator('.detail-title')).toHaveText(published);
  await expect(lib.getByTestId('detail-alt-titles').getByTestId('alt-title')).toHaveText(preprint);
  await expect(rowByTitle(lib, published)).toHaveCount(1);
  await expect(facts).toContainText('Seen1 time');
  await expect(lib.getByTestId('detail-panel')).toContainText('#moe');
  await lib.screenshot({ path: test.info().outputPath('merged-details.png') });
});

test("library: an arXiv listing's primary class shows in details, finds its papers and goes out in BibTeX", async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://arxiv.org/list/cs.LG/new');
  await lib.bringToFront();
  await lib.reload();
  const title = 'VMoBA: Mixture-of-Block Attention for Video Diffusion Models';
  await lib.getByTestId('search-input').fill('VMoBA');
  await expect(rows(lib).locator('.row-title')).toHaveText([title]);
  await rowByTitle(lib, title).getByTestId('row-open').click();
  await expect(lib.getByTestId('detail-panel').locator('.facts')).toContainText('2506.62439 [cs.LG]');
  // The class is a search term (a click on it in the details asks for it): every paper of the
  // listing, and none of another class.
  await lib.getByTestId('detail-class').click();
  await expect(lib.getByTestId('search-input')).toHaveValue('cs.LG');
  await expect(lib.getByTestId('result-count')).toHaveText('22 papers');
  await lib.getByTestId('search-input').fill('cs.CV');
  await expect(lib.getByText('No papers match these filters.')).toBeVisible();
  await expect(rows(lib)).toHaveCount(0);
  await lib.getByTestId('search-input').fill('VMoBA');
  await expect(rows(lib).locator('.row-title')).toHaveText([title]);

  await rowByTitle(lib, title).getByTestId('row-checkbox').check();
  await lib.getByTestId('bulk-export-format').selectOption('bibtex');
  const [download] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('bulk-export').click()]);
  const bib = readFileSync((await download.path())!, 'utf8');
  expect(bib).toContain('  eprint = {2506.62439},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},');
});

test('library: details, note kept across a reload, delete with undo, screenshots', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-10-29');
  await lib.bringToFront();
  await lib.reload();

  const title = 'The Curse of Depth in Large Language Models';
  await rowByTitle(lib, title).getByTestId('row-open').click();
  const panel = lib.getByTestId('detail-panel');
  await expect(panel.locator('.detail-title')).toHaveText(title);
  await expect(lib.getByTestId('link-hf')).toHaveAttribute('href', 'https://huggingface.co/papers/2502.59669');
  await expect(lib.getByTestId('link-pdf')).toHaveAttribute('href', 'https://arxiv.org/pdf/2502.59669');
  await expect(lib.getByTestId('sighting-item')).toHaveCount(1);
  await expect(lib.getByTestId('sighting-item')).toContainText('Hugging Face');

  await lib.getByTestId('detail-save').click();
  await expect(lib.getByTestId('detail-save')).toHaveText('★ Saved');
  await lib.getByTestId('tag-input').fill('depth');
  await lib.getByTestId('tag-input').press('Enter');
  await expect(panel.getByTestId('tag-chip')).toHaveText(['#depth×']);
  // Typed, then the tab reloads at once: the note must survive.
  const note = 'Pre-LN makes deep layers lazy.\nTry LayerNorm scaling. 和扩散模型比较一下。';
  await lib.getByTestId('note-textarea').fill(note);
  await lib.reload();
  await rowByTitle(lib, title).getByTestId('row-open').click();
  await expect(lib.getByTestId('note-textarea')).toHaveValue(note);
  await expect(rowByTitle(lib, title).locator('.has-note')).toBeVisible();
  // A word from the middle of a Chinese sentence (no spaces) finds the note.
  await lib.getByTestId('search-input').fill('模型');
  await expect(rows(lib).locator('.row-title')).toHaveText([title]);
  await lib.getByTestId('search-input').fill('');
  // The papers the reader wrote about, and only those.
  await lib.getByTestId('filter-status').selectOption('noted');
  await expect(rows(lib).locator('.row-title')).toHaveText([title]);
  await expect(lib).toHaveURL(/#status=noted$/);
  await lib.getByTestId('filter-status').selectOption('all');
  await expect(rows(lib)).not.toHaveCount(1);
  // The popup's tag editor: the library's tags are offered as the user types, with their counts,
  // and Backspace in the empty input takes the last tag off again.
  await rows(lib).filter({ hasNot: lib.locator('.row-title', { hasText: title }) }).first().getByTestId('row-open').click();
  await expect(panel.locator('.detail-title')).not.toHaveText(title);
  await lib.getByTestId('tag-input').fill('dep');
  await expect(lib.getByTestId('tag-option')).toHaveText(['#depth1']);
  await panel.screenshot({ path: test.info().outputPath('library-tags.png') });
  await lib.getByTestId('tag-option').click();
  await expect(panel.getByTestId('tag-chip')).toHaveText(['#depth×']);
  await expect.poll(async () => (await lib.evaluate(() => chrome.runtime.sendMessage({ type: 'tags.list' }))).tags).toEqual([{ tag: 'depth', count: 2 }]);
  await lib.getByTestId('tag-input').press('Backspace');
  await expect(panel.getByTestId('tag-chip')).toHaveCount(0);
  // A tag's × takes it off too, and the details close with their ×.
  await lib.getByTestId('tag-input').fill('to-skim');
  await lib.getByTestId('tag-input').press('Enter');
  await expect(panel.getByTestId('tag-chip')).toHaveText(['#to-skim×']);
  await panel.getByTestId('tag-remove').click();
  await expect(panel.getByTestId('tag-chip')).toHaveCount(0);
  await expect.poll(async () => (await lib.evaluate(() => chrome.runtime.sendMessage({ type: 'tags.list' }))).tags).toEqual([{ tag: 'depth', count: 1 }]);
  await panel.getByTestId('detail-close').click();
  await expect(lib.getByTestId('detail-panel')).toHaveCount(0);
  await rowByTitle(lib, title).getByTestId('row-open').click();

  // Screenshots for a person to look at, light and dark (under test-results/, emptied each run).
  await lib.getByTestId('row-checkbox').nth(1).check();
  await lib.getByTestId('row-checkbox').nth(2).check();
  await lib.screenshot({ path: test.info().outputPath('library-light.png') });
  await lib.emulateMedia({ colorScheme: 'dark' });
  await lib.screenshot({ path: test.info().outputPath('library-dark.png') });
  await lib.emulateMedia({ colorScheme: 'light' });

  // Delete two papers, then undo.
  const total = (await stats(lib)).papers;
  await lib.getByTestId('bulk-delete').click();
  await expect(lib.getByTestId('toast')).toContainText('Deleted 2 papers.');
  await expect.poll(async () => (await stats(lib)).papers).toBe(total - 2);
  await lib.getByTestId('toast-undo').click();
  await expect(lib.getByTestId('toast')).toContainText('Restored 2 papers.');
  await expect.poll(async () => (await stats(lib)).papers).toBe(total);
  await expect(lib.getByTestId('result-count')).toHaveText(`50 of ${total} papers`);
});

test('library: a paper added by hand is saved at once, and a digest that shows it later marks it so', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  // A library of papers met on an earlier digest (one without the paper), which the added one does not sort after.
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-10-29');
  // Searched for, not found: its title is where the form starts.
  await lib.getByTestId('search-input').fill('Hidden Dynamics of Massive Activations in Transformer Training');
  await lib.getByTestId('empty-add').click();
  await expect(lib.getByTestId('add-title')).toHaveValue('Hidden Dynamics of Massive Activations in Transformer Training');
  await lib.getByTestId('search-input').fill('');
  await lib.getByTestId('add-authors').fill('Author 1, Author 2');
  await lib.getByTestId('add-id').fill('https://arxiv.org/abs/2508.27978');
  await lib.getByTestId('add-year').fill('2025');
  await lib.getByTestId('add-paper-form').screenshot({ path: test.info().outputPath('add-paper.png') });
  await lib.getByTestId('add-year').press('Enter');
  await expect(lib.getByTestId('toast')).toContainText('Added “Hidden Dynamics of Massive Activations in Transformer Training” to your library, saved.');
  const detail = lib.getByTestId('detail-panel');
  await expect(detail).toHaveAttribute('data-key', 'arxiv:2508.27978');
  await expect(detail.getByTestId('detail-save')).toHaveText('★ Saved');
  await expect(detail).toContainText('Never seen on a page');
  await expect(detail.locator('.facts')).toContainText('Added by hand');
  // First under "Last seen", by when it was saved, not after every paper met on a page.
  await expect(rows(lib).first()).toContainText('Hidden Dynamics of Massive Activations');
  await expect(rows(lib).first()).toContainText('saved today');
  // Filed by where it came from.
  await lib.getByTestId('filter-site').selectOption('manual');
  await expect(rows(lib)).toHaveCount(1);
  await detail.getByTestId('tag-input').fill('to-read');
  await detail.getByTestId('tag-input').press('Enter');
  await expect.poll(async () => (await sendFromExtension<{ paper: { tags: string[] } }>(lib, { type: 'paper.get', key: 'arxiv:2508.27978' })).paper.tags).toEqual(['to-read']);

  // The digest of Nov 18 shows it: saved, with its tag, and its sighting joins it.
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-11-18');
  const dom = await ShadowDom.open(page);
  await expect.poll(async () => (await badgeTexts(dom)).filter((t) => t.startsWith('Saved'))).toEqual(['Saved · #to-read']);
  await expect
    .poll(async () => (await sendFromExtension<{ paper: { sites: string[]; seenCount: number } }>(lib, { type: 'paper.get', key: 'arxiv:2508.27978' })).paper)
    .toMatchObject({ sites: ['manual', 'huggingface'], seenCount: 1 });
  expect((await stats(lib)).saved).toBe(1);
});

test('library: the whole library as CSL-JSON, Markdown and CSV, with the reader’s tags and notes; a Zotero CSL-JSON file imported', async ({ page, context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await visitDigest(page, lib, 'https://huggingface.co/papers/date/2025-11-18');
  const total = (await stats(lib)).papers;
  const key = 'arxiv:2508.27978';
  const title = 'Hidden Dynamics of Massive Activations in Transformer Training';
  await sendFromExtension(lib, { type: 'paper.save', target: { key }, saved: true });
  await sendFromExtension(lib, { type: 'paper.tags', target: { key }, add: ['must-read'] });
  await sendFromExtension(lib, { type: 'paper.note', target: { key }, note: 'Compare with RMSNorm, "before" the reading group.' });

  await lib.getByTestId('tab-transfer').click();
  const exportAs = async (format: string, extension: string): Promise<string> => {
    await lib.getByTestId('export-format').selectOption(format);
    const [download] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('export-all').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^dejalu-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
    await expect(lib.getByTestId('export-status')).toHaveText(`Exported ${total} papers to ${download.suggestedFilename()}.`);
    return readFileSync((await download.path())!, 'utf8');
  };

  // CSL-JSON, for Zotero and Pandoc: every paper, the saved one with its tag and note.
  const csl = JSON.parse(await exportAs('csl-json', 'json')) as { title: string; keyword?: string; annote?: string; author?: unknown[] }[];
  expect(csl).toHaveLength(total);
  expect(csl.find((i) => i.title === title)).toMatchObject({ keyword: 'must-read', annote: 'Compare with RMSNorm, "before" the reading group.' });
  expect(csl.every((i) => Array.isArray(i.author) && i.author.length > 0)).toBe(true);

  // Markdown, a readable list: the title linked to its abstract page, the tag, the note quoted.
  const md = await exportAs('markdown', 'md');
  expect(md).toContain(`# Déjà Lu — papers\n\n${total} papers.\n`);
  expect(md).toContain(`- **[${title}](https://arxiv.org/abs/2508.27978)**\n`);
  expect(md).toContain('  - Tags: `must-read`\n');
  expect(md).toContain('  - Note:\n    > Compare with RMSNorm, "before" the reading group.\n');

  // CSV, for a spreadsheet: a header and a line a paper, the note's quotes doubled.
  const csv = (await exportAs('csv', 'csv')).replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^title,authors,year,arxiv_id,version,doi,url,tags,note,saved_at,/);
  expect(lines).toHaveLength(total + 1);
  expect(lines.find((l) => l.startsWith(title))).toContain(',must-read,"Compare with RMSNorm, ""before"" the reading group.",');

  // Two papers ticked in the list: the tab exports those alone.
  await lib.getByTestId('tab-library').click();
  await lib.getByTestId('row-checkbox').nth(0).check();
  await lib.getByTestId('row-checkbox').nth(1).check();
  await lib.getByTestId('tab-transfer').click();
  await expect(lib.getByTestId('export-selected')).toHaveText('Export 2 selected');
  const [picked] = await Promise.all([lib.waitForEvent('download'), lib.getByTestId('export-selected').click()]);
  const pickedLines = readFileSync((await picked.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(pickedLines).toHaveLength(3);
  await expect(lib.getByTestId('export-status')).toHaveText(`Exported 2 papers to ${picked.suggestedFilename()}.`);

  // A library exported from Zotero as CSL-JSON comes in: its arXiv preprint by id, its article by DOI.
  expect(await importFile(lib, 'My Library.json', readFileSync(join(FIXTURES, 'import', 'zotero-library.json')))).toMatch(/^Imported from CSL-JSON: \d+ new, 0 updated\.$/);
  const attention = await sendFromExtension<{ paper: { title: string; sites: string[] } }>(lib, { type: 'paper.get', key: 'arxiv:1706.03762' });
  expect(attention.paper).toMatchObject({ title: 'Attention Is All You Need', sites: ['import'] });
  await lib.getByTestId('tab-library').click();
  await lib.getByTestId('search-input').fill('AlphaFold');
  await expect(rows(lib)).toHaveCount(1);
  await expect(rows(lib).first()).toContainText('Highly accurate protein structure prediction with AlphaFold');
  // Where it was published is in its row, as a citation names it.
  await expect(rows(lib).first().getByTestId('row-venue')).toHaveText('Nature');
  await lib.getByTestId('search-input').fill('attention is all you need');
  await expect(rows(lib).first().getByTestId('row-venue')).toHaveCount(0);
  // "Published": the papers whose venue the library knows, kept in the address as every filter is.
  await lib.getByTestId('search-input').fill('');
  await lib.getByTestId('filter-status').selectOption('published');
  await expect(lib).toHaveURL(/#status=published$/);
  await expect(rows(lib).locator('.row-title')).toHaveText(['Highly accurate protein structure prediction with AlphaFold']);
});

test('library: papers first seen between two days, and a selection saved, tagged, untagged and unsaved at once', async ({ context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  // Six papers met on Nov 3, Nov 10 and Nov 18 (at noon, so every time zone's day is that day).
  const days = [Date.UTC(2025, 10, 3, 12), Date.UTC(2025, 10, 10, 12), Date.UTC(2025, 10, 18, 12)];
  expect(await importFile(lib, 'dated.json', bigBackup(6, (i) => days[i % 3]!))).toMatch(/6 new/);
  await lib.getByTestId('tab-library').click();
  await expect(lib.getByTestId('result-count')).toHaveText('6 papers');

  await lib.getByTestId('filter-from').fill('2025-11-05');
  await expect(lib.getByTestId('result-count')).toHaveText('4 papers');
  await lib.getByTestId('filter-to').fill('2025-11-10');
  await expect(lib.getByTestId('result-count')).toHaveText('2 papers');
  await expect(rows(lib).filter({ hasText: 'Scaling study number 1 ' })).toHaveCount(1);
  await expect(rows(lib).filter({ hasText: 'Scaling study number 4 ' })).toHaveCount(1);
  // The range is kept in the address, as every filter is: a reload shows the same papers.
  await lib.reload();
  await expect(lib.getByTestId('filter-from')).toHaveValue('2025-11-05');
  await expect(lib.getByTestId('result-count')).toHaveText('2 papers');
  await lib.getByTestId('filter-from').fill('2025-11-19');
  await lib.getByTestId('filter-to').fill('');
  await expect(lib.getByTestId('list-empty')).toContainText('No papers match these filters.');

  // The Nov 10 papers, selected: saved, tagged, the tag taken off, unsaved, each for both.
  await lib.getByTestId('filter-from').fill('2025-11-10');
  await lib.getByTestId('filter-to').fill('2025-11-10');
  await expect(lib.getByTestId('result-count')).toHaveText('2 papers');
  await lib.getByTestId('select-all').check();
  await expect(lib.getByTestId('bulk-count')).toHaveText('2 selected');
  await lib.getByTestId('bulk-save').click();
  await expect(lib.getByTestId('toast')).toContainText('Saved 2 papers.');
  await expect.poll(async () => (await stats(lib)).saved).toBe(2);
  await lib.getByTestId('bulk-tag-input').fill('week-46');
  await lib.getByTestId('bulk-tag').click();
  await expect(lib.getByTestId('toast')).toContainText('Tagged 2 papers “week-46”.');
  await expect(lib.locator('.row-tags').filter({ hasText: '#week-46' })).toHaveCount(2);
  await lib.getByTestId('bulk-untag').click();
  await expect(lib.getByTestId('toast')).toContainText('Removed “week-46” from 2 papers.');
  await expect(lib.locator('.row-tags').filter({ hasText: '#week-46' })).toHaveCount(0);
  await lib.getByTestId('bulk-unsave').click();
  await expect(lib.getByTestId('toast')).toContainText('Unsaved 2 papers.');
  await expect.poll(async () => (await stats(lib)).saved).toBe(0);
  // Clear: the selection goes, the papers stay.
  await lib.getByTestId('bulk-clear').click();
  await expect(lib.getByTestId('bulk-bar')).toHaveCount(0);
  await expect(lib.getByTestId('result-count')).toHaveText('2 papers');
  expect((await stats(lib)).papers).toBe(6);
});

test('library: "+ Add a paper" beside the search box, and a long tag name stretches no line', async ({ context, extensionId }) => {
  const lib = await openLibrary(context, extensionId);
  await lib.setViewportSize({ width: 1024, height: 768 });
  const long = 'reading-group-spring-2026-mechanistic-interpretability';
  const bib = `@article{a, title = {Tagged With a Long Name}, author = {Doe, Jane}, journal = {Journal of Tests}, year = {2026}, keywords = {${long}}}`;
  expect(await importFile(lib, 'long-tag.bib', bib)).toMatch(/1 new/);
  await lib.getByTestId('tab-library').click();
  await expect(lib.getByTestId('filter-tag').locator('option', { hasText: long })).toHaveCount(1);
  const add = (await lib.getByTestId('add-paper').boundingBox())!;
  const search = (await lib.getByTestId('search-input').boundingBox())!;
  expect(Math.abs(add.y + add.height / 2 - (search.y + search.height / 2))).toBeLessThan(4);
  expect(add.x).toBeGreaterThan(search.x + search.width);
  // The tag filter is as wide as a short name's, not as the long one.
  expect((await lib.getByTestId('filter-tag').boundingBox())!.width).toBeLessThan(220);
  // The tag can still be chosen, and the list shows its paper.
  await lib.getByTestId('filter-tag').selectOption(long);
  await expect(lib.getByTestId('result-count')).toHaveText('1 paper');
});
