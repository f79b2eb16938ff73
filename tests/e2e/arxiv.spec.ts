/**
 * arXiv's other listings: a past day's ("catchup") and an author's page, both in the listings'
 * markup (tests/fixtures/arxiv served at their addresses); a version that took a new title; and
 * where the authors say a paper was published (Journal-ref).
 */
import { expect, popupFor, sendFromExtension, test } from './fixtures';
// @ts-expect-error plain JS modules shared with the demo
import { tabIdOf } from '../../scripts/walk.mjs';
import { ShadowDom } from './shadow';
import { panelFrame } from './panel';
import { afterNov18, badges, helper, stats } from './elsewhere';
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

test('an arXiv version that took a new title: the library knows the paper by both, and a page naming it by the new one alone, or by a title near it, finds it', async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  const OLD = 'Hidden Dynamics of Massive Activations in Transformer Training';
  const NEW = 'When Massive Activations Emerge: A Training-Time Study of Transformers';
  const listing = 'https://arxiv.org/list/cs.LG/new';
  const venue = 'https://openreview.net/group?id=ICLR.cc/2026/Conference';
  // The listing as it would be once v2 renamed the paper (its replacement entry, same id).
  pages.set(listing, { body: fixtureHtml('arxiv/list-cs.LG-new.html').replaceAll(OLD, NEW) });
  // A venue listing it by the new title, without its arXiv id.
  pages.set(venue, { body: fixtureHtml('openreview/iclr-2026-conference.html').replaceAll(OLD, NEW) });
  const { ext, dom } = await afterNov18(page, context, extensionId);

  await page.goto(listing);
  const onListing = await badges(dom, 22);
  expect(onListing.filter((t) => t.startsWith('Seen 1× · first Nov 18'))).toHaveLength(1);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(33);
  type Got = { paper: { title: string; altTitles?: string[] } };
  const { paper } = await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2508.27978' });
  expect(paper).toMatchObject({ title: OLD, altTitles: [NEW] });

  await page.goto(venue);
  const first = (await badges(dom, 4))[0];
  expect(first).toMatch(/^Seen 2× · first Nov 18/);
  const kept = await sendFromExtension<{ papers: { key: string }[] }>(ext, { type: 'library.search', query: { text: 'massive activations emerge training-time' } });
  expect(kept.papers.map((p) => p.key)).toEqual(['arxiv:2508.27978']);

  // An author's dblp page names its conference version by a title near the new one (no article,
  // one plural fewer), without an id: the same paper, as a title near its first one would be.
  const NEAR = 'When Massive Activations Emerge: Training-Time Study of Transformer';
  const person = 'https://dblp.org/pid/000/0001.html';
  pages.set(person, { body: fixtureHtml('dblp/person-000-0001.html').replace(OLD, NEAR) });
  // The venue's four sightings recorded (its new papers with them) before counting papers.
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(37);
  const papers = (await stats(ext)).papers;
  await page.goto(person);
  const onDblp = await badges(dom, 5);
  expect(onDblp[0]).toMatch(/^Seen 3× · first Nov 18/);
  // Its sighting joins that paper: the page's two new papers are all the library gains.
  const sitesOf = async () => (await sendFromExtension<{ paper: { sites: string[] } }>(ext, { type: 'paper.get', key: 'arxiv:2508.27978' })).paper.sites;
  await expect.poll(sitesOf, { timeout: 20_000 }).toContain('dblp');
  await expect.poll(async () => (await stats(ext)).papers).toBe(papers + 2);
});

test("a listing's Journal-ref, or Comments saying where a paper was accepted, teach its venue: the library's rows and its Published filter, the popup, the badge's panel", async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  // The listing as arxiv-browse prints a Journal-ref and Comments (list_macros.html): Journal-refs
  // on the first two entries, acceptance at a conference in the third's Comments, at a workshop in
  // the fourth's.
  const field = (kind: 'list-journal-ref' | 'list-comments mathjax', label: string, text: string) =>
    `<div class='${kind}'><span class='descriptor'>${label}:</span>\n          ${text}\n        </div>\n        `;
  const extra = [
    field('list-journal-ref', 'Journal-ref', 'Transactions on Machine Learning Research (11/2025)'),
    field('list-journal-ref', 'Journal-ref', 'NeurIPS 2023'),
    field('list-comments mathjax', 'Comments', 'Accepted at ICLR 2025. 9 pages, 4 figures'),
    field('list-comments mathjax', 'Comments', 'Accepted at the ICLR 2025 Workshop on Reasoning'),
  ];
  const parts = fixtureHtml('arxiv/list-cs.LG-new.html').split("<div class='list-subjects'>");
  const body = parts.map((part, i) => (i > 0 ? (extra[i - 1] ?? '') : '') + part).join("<div class='list-subjects'>");
  pages.set('https://arxiv.org/list/cs.LG/new', { body });
  const ext = await helper(context, extensionId);
  await page.bringToFront();
  await page.goto('https://arxiv.org/list/cs.LG/new');
  const dom = await ShadowDom.open(page);
  await badges(dom, 22);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(22);

  // The popup names the venue beside each of the three.
  const popup = await popupFor(context, extensionId, await tabIdOf(ext, page));
  const row = (title: string) => popup.getByTestId('paper-row').filter({ hasText: title });
  await expect(row('VMoBA').getByTestId('row-venue')).toHaveText('Transactions on Machine Learning Research');
  await expect(row('Data Selection for Language Models').getByTestId('row-venue')).toHaveText('NeurIPS 2023');
  await expect(row('Scalable Graph Attention-based Instance Selection').getByTestId('row-venue')).toHaveText('ICLR 2025');
  await expect(popup.getByTestId('row-venue')).toHaveCount(3);
  await popup.close();

  // So does the badge's panel.
  await page.bringToFront();
  const [open] = (await dom.hostAt(`document.querySelector('dd').querySelector('dejalu-badge')`)).find('[data-action=open]');
  await dom.click(open!);
  const panel = await panelFrame(page);
  await expect(panel.locator('[data-field=title]')).toContainText('VMoBA');
  await expect(panel.locator('[data-field=venue]')).toHaveText('Transactions on Machine Learning Research');

  // The library keeps them: "Published" shows those three, each with its venue and year.
  await ext.bringToFront();
  await ext.reload();
  await ext.getByTestId('filter-status').selectOption('published');
  await expect(ext.getByTestId('result-count')).toHaveText('3 papers');
  const venues = await ext.getByTestId('row-venue').allTextContents();
  expect(venues.sort()).toEqual(['ICLR 2025', 'NeurIPS 2023', 'Transactions on Machine Learning Research']);
  type Got = { paper: { proceedings?: string; year?: number } };
  const got = await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2302.38691' });
  expect(got.paper).toMatchObject({ proceedings: 'NeurIPS 2023', year: 2023 });
});

test("an arXiv search result naming its published version's DOI is that article, imported under another title", async ({ page, pages, context, extensionId }) => {
  const SEARCH = 'https://arxiv.org/search/?query=endometriosis&searchtype=all';
  const DOI = '10.1234/nof1.2024';
  // The results as arxiv-search prints a DOI the authors gave: a "doi" tag and its link, beside the classes.
  const tag = `<div class="is-inline-block" style="margin-left: 0.5rem"><div class="tags has-addons">
    <span class="tag is-dark is-size-7">doi</span>
    <span class="tag is-light is-size-7"><a class="" href="https://doi.org/${DOI}">${DOI} <i class="fa fa-external-link" aria-hidden="true"></i></a></span>
  </div></div>`;
  const html = fixtureHtml('real/arxiv-search-results-2023-fragment.html');
  const at = html.indexOf('<p class="title is-5 mathjax">');
  pages.set(SEARCH, { body: html.slice(0, at) + tag + html.slice(at) });
  const ext = await helper(context, extensionId);
  // The journal's version, from a reference manager: its own title, no arXiv id.
  const bib = `@article{meier2024,\n  title = {Online Reinforcement Learning for Exercise Recommendations in N-of-1 Trials},\n  author = {Meier, Dominik and Ensari, Ipek},\n  journal = {Journal of Tests},\n  year = {2024},\n  doi = {${DOI}},\n  keywords = {nof1}\n}\n`;
  await sendFromExtension(ext, { type: 'library.import', text: bib, filename: 'published.bib' });

  await page.bringToFront();
  await page.goto(SEARCH);
  const dom = await ShadowDom.open(page);
  const [first, second] = await badges(dom, 2);
  expect(first).toBe('Saved · #nof1');
  expect(second).toMatch(/^New/);
  // Its sighting moves the article to the preprint's arXiv id: one paper, with both.
  type Got = { paper: { key: string; doi?: string; journal?: string; arxivId?: string } | null };
  await expect.poll(async () => (await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2309.14156' })).paper?.key, { timeout: 20_000 }).toBe('arxiv:2309.14156');
  const { paper } = await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2309.14156' });
  expect(paper).toMatchObject({ doi: DOI, journal: 'Journal of Tests', arxivId: '2309.14156' });
  expect((await stats(ext)).papers).toBe(2);
});
