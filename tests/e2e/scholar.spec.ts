/**
 * Google Scholar results: papers met on a digest are marked where a search lists them, by arXiv id
 * where the result links to arXiv and by title where it links elsewhere or nowhere; a result saves
 * with one click; the site has its own switch in the settings.
 */
import { expect, sendFromExtension, test } from './fixtures';
import { ShadowDom, badgeTexts } from './shadow';
import { NOV18, afterNov18, badges, helper, stats } from './elsewhere';
import { fixtureHtml } from '../fixtures/pages/variants';
import { panelFrame } from './panel';
// @ts-expect-error plain JS module shared with the demo
import { tabIdOf } from '../../scripts/walk.mjs';

const SCHOLAR = 'https://scholar.google.com/scholar?hl=en&q=massive+activations+transformer';
type Found = { papers: { key: string; title: string; arxivId?: string; sites: string[]; savedAt?: number }[] };

/** The badge of the result whose title contains `text`. */
const badgeOf = (text: string) =>
  `[...document.querySelectorAll('h3.gs_rt')].find((h) => h.textContent.includes(${JSON.stringify(text)})).querySelector('dejalu-badge')`;

test('a Scholar search marks the papers met on a digest, by arXiv id or by title, and saves with one click', async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  pages.set(SCHOLAR, { body: fixtureHtml('scholar/scholar-massive-activations.html') });
  const { ext, dom } = await afterNov18(page, context, extensionId);

  await page.goto(SCHOLAR);
  const texts = await badges(dom, 5);
  // Page order: title match (OpenReview link), a paper not met, id match (arXiv link), not met,
  // title match (citation-only row).
  expect(texts.map((t) => t.replace(/ · first.*/, ''))).toEqual(['Seen 1×', 'New', 'Seen 1×', 'New', 'Seen 1×']);
  expect(texts[0]).toMatch(/first Nov 18/);
  // Inside the title line, after the title.
  const placed = await page.evaluate(() => [...document.querySelectorAll('dejalu-badge')].every((b) => b.parentElement?.matches('h3.gs_rt')));
  expect(placed).toBe(true);
  const summary = (await dom.hosts('dejalu-summary'))[0];
  expect(summary?.text).toContain('2 new · 3 seen · 0 saved');

  // One click saves a result the library did not hold, with the arXiv id its link gives.
  const [star] = (await dom.hostAt(badgeOf('in large language models'))).find('[data-action=save]');
  await dom.click(star!);
  await expect.poll(async () => (await dom.hostAt(badgeOf('in large language models'))).text).toBe('Saved');

  // The visit counted every result once (in a batch a second after they showed), as seen on Google
  // Scholar: a paper met on the digest and found again by title is one paper, not two.
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(16);
  const found = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'massive activations large language models' } });
  const saved = found.papers.find((p) => p.title === 'Massive activations in large language models');
  expect(saved).toMatchObject({ key: 'arxiv:2402.17762', arxivId: '2402.17762', sites: ['scholar'] });
  expect(saved?.savedAt).toBeGreaterThan(0);
  const hidden = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'hidden dynamics massive activations' } });
  expect(hidden.papers).toHaveLength(1);
  expect(hidden.papers[0]).toMatchObject({ key: 'arxiv:2508.27978' });
  expect(hidden.papers[0]?.sites.sort()).toEqual(['huggingface', 'scholar']);
  expect((await stats(ext)).papers).toBe(13);
});

test('the Google Scholar switch in the settings turns its pages off, and only them', async ({ page, pages, context, extensionId }) => {
  pages.set(SCHOLAR, { body: fixtureHtml('scholar/scholar-massive-activations.html') });
  const ext = await helper(context, extensionId);
  await ext.getByTestId('tab-settings').click();
  const toggle = ext.getByTestId('settings-site-scholar');
  await expect(toggle).toBeChecked();
  await expect(ext.getByText('Google Scholar results and profiles')).toBeVisible();
  await toggle.uncheck();
  await expect(ext.getByTestId('settings-status')).toHaveText('Settings saved.');

  await page.goto(SCHOLAR);
  const dom = await ShadowDom.open(page);
  await page.waitForTimeout(1_500);
  expect(await badgeTexts(dom)).toHaveLength(0);
  // The other sites' switches were left as they were.
  await page.goto(NOV18);
  await badges(dom, 11);

  await ext.reload();
  await ext.getByTestId('tab-settings').click();
  await expect(ext.getByTestId('settings-site-scholar')).not.toBeChecked();
  await expect(ext.getByTestId('settings-site-huggingface')).toBeChecked();
  await ext.getByTestId('settings-site-scholar').check();
  await expect(ext.getByTestId('settings-status')).toHaveText('Settings saved.');
  await page.goto(SCHOLAR);
  await badges(dom, 5);
});

test("a result under a merged paper's other title is that paper, though it links to no id", async ({ page, pages, context, extensionId }) => {
  pages.set(SCHOLAR, { body: fixtureHtml('scholar/scholar-massive-activations.html') });
  const { ext, dom } = await afterNov18(page, context, extensionId);

  // A Zotero entry the reader then merges with a paper of the digest, as one paper under two titles
  // (here only for the test's sake: a preprint and its published version, in real life).
  const bib = '@inproceedings{p22,\n  title = {Outlier Dimensions that Disrupt Transformers are Driven by Frequency},\n  doi = {10.18653/v1/2022.findings-emnlp.93}\n}\n';
  expect(await sendFromExtension(ext, { type: 'library.import', text: bib, filename: 'zotero.bib' })).toMatchObject({ ok: true, added: 1 });
  const merged = await sendFromExtension<{ ok: boolean; paper: { key: string; altTitles?: string[] } }>(ext, {
    type: 'papers.merge',
    keys: ['doi:10.18653/v1/2022.findings-emnlp.93', 'arxiv:2211.83983'],
  });
  expect(merged).toMatchObject({ ok: true, paper: { key: 'arxiv:2211.83983', altTitles: ['Outlier Dimensions that Disrupt Transformers are Driven by Frequency'] } });

  await page.goto(SCHOLAR);
  const texts = await badges(dom, 5);
  // The ACL Anthology link names neither id: the title it had before the merge finds the paper,
  // saved as the import left it.
  expect(texts[3]).toMatch(/^Saved/);
  // So is the last result, by the paper's own title: one paper, two results, counted once.
  expect(texts[4]).toMatch(/^Saved/);
  expect((await dom.hosts('dejalu-summary'))[0]?.text).toContain('1 new · 2 seen · 1 saved');
  // A paper gets one sighting a visit, however many of the page's results show it.
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(15);
  expect((await stats(ext)).papers).toBe(12);

  // The popup says which title the result matched: not the one it shows for the paper.
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(ext, page)}`);
  const outlier = popup
    .getByTestId('paper-row')
    .filter({ has: popup.getByTestId('row-title').getByText('Outlier dimensions that disrupt transformers are driven by frequency', { exact: true }) });
  await expect(outlier.getByTestId('dedup-status')).toContainText('matched by the title of an entry merged into it');
});

test('with "Hide seen" on, a search still shows the results met before; the digest hides them', async ({ page, pages, context, extensionId }) => {
  pages.set(SCHOLAR, { body: fixtureHtml('scholar/scholar-massive-activations.html') });
  const { ext, dom } = await afterNov18(page, context, extensionId);
  await sendFromExtension(ext, { type: 'settings.set', settings: { fadeSeen: true, seenStyle: 'hide' } });
  const toggle = async () => (await dom.hosts('dejalu-summary'))[0]!.find('label.toggle')[0]!;

  // The digest again: its eleven papers are seen now, and hidden; the summary offers the toggle.
  await page.goto(NOV18);
  await badges(dom, 11);
  const shown = (selector: string) =>
    page.evaluate((s) => [...document.querySelectorAll<HTMLElement>(s)].filter((el) => el.style.display !== 'none').length, selector);
  await expect.poll(() => shown('article')).toBe(0);
  expect(await dom.box(await toggle())).not.toBeNull();

  // The search: three of its five results were met on the digest, and all five stay in view, as
  // the reader asked for them; a toggle that would change nothing is not shown.
  await page.goto(SCHOLAR);
  const texts = await badges(dom, 5);
  expect(texts.filter((t) => t.startsWith('Seen'))).toHaveLength(3);
  await page.waitForTimeout(500);
  expect(await shown('div.gs_r[data-cid]')).toBe(5);
  expect(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('div.gs_r[data-cid]')].every((el) => el.style.opacity === ''))).toBe(true);
  expect((await toggle()).attrs).toHaveProperty('hidden');
  expect(await dom.box(await toggle())).toBeNull();
});

test("a country site (scholar.google.de) is read as scholar.google.com is, its badge panel included", async ({ page, pages, context, extensionId }) => {
  const DE = 'https://scholar.google.de/scholar?hl=de&q=massive+activations+transformer';
  pages.set(DE, { body: fixtureHtml('scholar/scholar-massive-activations.html') });
  const { dom } = await afterNov18(page, context, extensionId);
  await page.goto(DE);
  const texts = await badges(dom, 5);
  expect(texts.filter((t) => t.startsWith('Seen 1×'))).toHaveLength(3);
  // The panel is an extension page framed by the site: this host may frame it too.
  const [pill] = (await dom.hostAt(badgeOf('Hidden dynamics'))).find('[data-action=open]');
  await dom.click(pill!);
  await expect((await panelFrame(page)).locator('[data-field=history]')).toContainText('Hugging Face');
});

test("a result split from the paper another result shows leaves that paper its sighting of the visit", async ({ page, pages, context, extensionId }) => {
  const url = 'https://scholar.google.com/scholar?hl=en&q=sparse+mixture+of+experts';
  const stored = 'Sparse Mixture of Experts Scale Better with Fewer Tokens';
  const near = 'Sparse Mixtures of Experts Scale Better with Fewer Tokens';
  // Two results linking to no id: the paper under its own title, and another under a near title.
  const result = (cid: string, title: string) =>
    `<div class="gs_r gs_or gs_scl" data-cid="${cid}"><div class="gs_ri"><h3 class="gs_rt"><a id="${cid}" href="https://example.org/${cid}">${title}</a></h3><div class="gs_a">A Author - 2025 - example.org</div></div></div>`;
  pages.set(url, { body: `<!doctype html><html><body><div id="gs_res_ccl_mid">${result('aaaaaaaaaaaa', stored)}${result('bbbbbbbbbbbb', near)}</div></body></html>` });
  const ext = await helper(context, extensionId);
  const saved = await sendFromExtension<{ paper: { key: string } }>(ext, { type: 'paper.save', target: { card: { title: stored } }, saved: true });
  await page.bringToFront();
  await page.goto(url);
  const dom = await ShadowDom.open(page);
  expect(await badges(dom, 2)).toEqual([expect.stringMatching(/^Saved/), expect.stringMatching(/^Saved/)]);
  const sightingsOf = async (key: string) =>
    (await sendFromExtension<{ sightings: { pageUrl: string }[] }>(ext, { type: 'paper.get', key })).sightings.map((s) => s.pageUrl);
  // Both results are the paper: one sighting of it this visit.
  await expect.poll(() => sightingsOf(saved.paper.key), { timeout: 20_000 }).toEqual([url]);

  await dom.click((await dom.hostAt(badgeOf(near))).find('[data-action=open]')[0]!);
  const panel = await panelFrame(page);
  await panel.locator('[data-action=panel-not-same]').click();
  await expect(panel.locator('[data-field=match]')).toHaveText(`Not the same as “${stored}”, now its own paper`);
  await expect.poll(async () => (await dom.hostAt(badgeOf(near))).text).toBe('New');
  expect((await dom.hostAt(badgeOf(stored))).text).toMatch(/^Saved/);
  // The paper keeps its sighting (the other result is it), and the split one has one of its own.
  expect(await sightingsOf(saved.paper.key)).toEqual([url]);
  const found = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'mixtures' } });
  const own = found.papers.find((p) => p.title === near)!;
  expect(await sightingsOf(own.key)).toEqual([url]);
});

test('a result new to the library, saved from elsewhere while its page is open, shows so there', async ({ page, pages, context, extensionId }) => {
  pages.set(SCHOLAR, { body: fixtureHtml('scholar/scholar-massive-activations.html') });
  const ext = await helper(context, extensionId);
  await page.bringToFront();
  await page.goto(SCHOLAR);
  const dom = await ShadowDom.open(page);
  expect(await badges(dom, 5)).toEqual(['New', 'New', 'New', 'New', 'New']);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(5);
  // The ACL Anthology result links to no id: its paper is stored under its title.
  const found = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'outlier dimensions' } });
  const key = found.papers[0]!.key;
  expect(key).toMatch(/^title:/);
  await sendFromExtension(ext, { type: 'paper.save', target: { key }, saved: true });
  await expect.poll(async () => (await dom.hostAt(badgeOf('Outlier dimensions'))).text).toBe('Saved');
  expect((await badgeTexts(dom)).filter((t) => t === 'New')).toHaveLength(4);
});

const PROFILE = 'https://scholar.google.com/citations?hl=en&user=mAsSiVeAcT0J';

test("an author's Scholar profile marks the works met on a digest, by the id its venue gives or by title, and the works 'Show more' adds", async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  pages.set(PROFILE, { body: fixtureHtml('scholar/scholar-profile.html') });
  const { ext, dom } = await afterNov18(page, context, extensionId);

  await page.goto(PROFILE);
  // Title match (conference venue), not met (arXiv preprint), id match (arXiv preprint), not met.
  const texts = await badges(dom, 4);
  expect(texts.map((t) => t.replace(/ · first.*/, ''))).toEqual(['Seen 1×', 'New', 'Seen 1×', 'New']);
  expect(texts[0]).toMatch(/first Nov 18/);
  // Right after the title, on its line: the link is the title.
  const placed = await page.evaluate(() =>
    [...document.querySelectorAll('dejalu-badge')].every((b) => b.previousElementSibling?.matches('a.gsc_a_at') && b.parentElement?.matches('td.gsc_a_t')),
  );
  expect(placed).toBe(true);
  expect((await dom.hosts('dejalu-summary'))[0]?.text).toContain('2 new · 2 seen · 0 saved');

  // "Show more" appends rows to the same table, as Scholar's script does: the new row is read too.
  await page.evaluate(() => {
    document.querySelector('#gsc_a_b')!.insertAdjacentHTML(
      'beforeend',
      '<tr class="gsc_a_tr"><td class="gsc_a_t"><a href="/citations?view_op=view_citation&amp;hl=en&amp;user=mAsSiVeAcT0J&amp;citation_for_view=mAsSiVeAcT0J:sUpErMaSk22C" class="gsc_a_at">Exclusive supermask subnetwork training for continual learning</a><div class="gs_gray">A 1, A 2, ...</div><div class="gs_gray">CoRR abs/2210.46759<span class="gs_oph">, 2022</span></div></td><td class="gsc_a_c"><a href="https://scholar.google.com/scholar?oi=bibs&amp;hl=en&amp;cites=1" class="gsc_a_ac gs_ibl">31</a></td><td class="gsc_a_y"><span class="gsc_a_h gsc_a_hc gs_ibl">2022</span></td></tr>',
    );
  });
  await expect.poll(async () => (await badgeTexts(dom)).length, { timeout: 15_000 }).toBe(5);
  expect((await badgeTexts(dom))[4]).toMatch(/^Seen 1× · first Nov 18/);

  // One click saves a work the library did not hold, with the id its venue gave.
  const badgeOfWork = (text: string) =>
    `[...document.querySelectorAll('a.gsc_a_at')].find((a) => a.textContent.includes(${JSON.stringify(text)})).parentElement.querySelector('dejalu-badge')`;
  const [star] = (await dom.hostAt(badgeOfWork('in large language models'))).find('[data-action=save]');
  await dom.click(star!);
  await expect.poll(async () => (await dom.hostAt(badgeOfWork('in large language models'))).text).toBe('Saved');

  // Each work counted once, as seen on the author's profile; the works met on the digest are the
  // same papers, not new ones.
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(16);
  expect((await stats(ext)).papers).toBe(13);
  const found = await sendFromExtension<Found>(ext, { type: 'library.search', query: { text: 'massive activations large language models' } });
  const saved = found.papers.find((p) => p.title === 'Massive activations in large language models');
  expect(saved).toMatchObject({ key: 'arxiv:2402.17762', sites: ['scholar'] });
  const history = await sendFromExtension<{ sightings: { site: string; label: string; pageUrl: string }[] }>(ext, { type: 'paper.get', key: 'arxiv:2210.46759' });
  expect(history.sightings.map((s) => [s.site, s.label])).toEqual([
    ['huggingface', expect.stringContaining('Nov 18')],
    ['scholar', 'author profile'],
  ]);
});
