/**
 * A paper's own page (arXiv's abstract page, Hugging Face's paper page): the paper gets its badge on
 * its title, saves with one click, counts as seen, and is never dimmed or hidden as seen; the page
 * has no summary strip, since its one badge says everything the counts would.
 */
import type { Page } from '@playwright/test';
import { expect, sendFromExtension, test } from './fixtures';
import { ShadowDom, badgeTexts } from './shadow';
import { fixtureHtml } from '../fixtures/pages/variants';

const ABS = 'https://arxiv.org/abs/2604.14148';
const HF_PAPER = 'https://huggingface.co/papers/2606.03748';

type Stats = { papers: number; sightings: number; saved: number };

async function badge(dom: ShadowDom): Promise<string> {
  await expect.poll(async () => (await badgeTexts(dom)).length, { timeout: 15_000 }).toBe(1);
  return (await badgeTexts(dom))[0]!;
}

const displayed = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const el = document.querySelector<HTMLElement>(s)!;
    return el.style.display !== 'none' && el.style.opacity === '';
  }, selector);

test("a paper's own page: its badge on the title, one-click save, never hidden, no summary", async ({ page, pages, context, extensionId }) => {
  pages.set(ABS, { body: fixtureHtml('real/arxiv-abs-2604.14148-2026-04.html') });
  pages.set(HF_PAPER, { body: fixtureHtml('sites/hf-paper-2606.03748-handmade.html') });
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/library.html`);
  // Seen on load, and seen cards hidden: a paper's own page must stay whole all the same.
  await sendFromExtension(ext, { type: 'settings.set', settings: { seenMode: 'load', fadeSeen: true, seenStyle: 'hide' } });
  const stats = () => sendFromExtension<Stats>(ext, { type: 'library.stats' });

  await page.goto(ABS);
  const dom = await ShadowDom.open(page);
  expect(await badge(dom)).toBe('New');
  const inTitle = await page.evaluate(() => !!document.querySelector('#abs h1.title dejalu-badge'));
  expect(inTitle).toBe(true);
  expect(await dom.hosts('dejalu-summary')).toHaveLength(0);
  await expect.poll(async () => (await stats()).sightings, { timeout: 20_000 }).toBe(1);

  // Come back to it: seen, still shown whole, and saved from its star.
  await page.reload();
  expect(await badge(dom)).toMatch(/^Seen 1× · first /);
  expect(await displayed(page, '#abs')).toBe(true);
  const [star] = (await dom.hostAt('document.querySelector("#abs dejalu-badge")')).find('[data-action=save]');
  await dom.click(star!);
  await expect.poll(async () => badgeTexts(dom)).toEqual(['Saved']);
  await expect.poll(async () => (await stats()).saved).toBe(1);
  expect(await dom.hosts('dejalu-summary')).toHaveLength(0);

  // Hugging Face's paper page likewise.
  await page.goto(HF_PAPER);
  expect(await badge(dom)).toBe('New');
  await page.reload();
  expect(await badge(dom)).toMatch(/^Seen 1× · first /);
  expect(await displayed(page, 'main h1')).toBe(true);
  expect(await page.evaluate(() => document.querySelector<HTMLElement>('main h1')!.parentElement!.style.display)).not.toBe('none');
  expect(await dom.hosts('dejalu-summary')).toHaveLength(0);
  expect((await stats()).papers).toBe(2);
});

test("an arXiv abstract page naming its published version's DOI is that article, imported under another title", async ({ page, pages, context, extensionId }) => {
  const DOI = '10.1234/seedance.2026';
  // The page as arXiv serves it when the authors gave a Related DOI (arxiv-browse's citation_doi).
  const withDoi = fixtureHtml('real/arxiv-abs-2604.14148-2026-04.html').replace('<meta name="citation_date"', `<meta name="citation_doi" content="${DOI}" /><meta name="citation_date"`);
  pages.set(ABS, { body: withDoi });
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/library.html`);
  await sendFromExtension(ext, { type: 'settings.set', settings: { seenMode: 'load' } });
  // The journal's version, from a reference manager: its own title, no arXiv id.
  const bib = `@article{seedance2026,\n  title = {Seedance 2.0: Unified Audio-Video Generation at Scale},\n  author = {Chen, De and Chen, Liyang},\n  journal = {Journal of Tests},\n  year = {2026},\n  doi = {${DOI}},\n  keywords = {video}\n}\n`;
  await sendFromExtension(ext, { type: 'library.import', text: bib, filename: 'published.bib' });
  expect((await sendFromExtension<Stats>(ext, { type: 'library.stats' })).papers).toBe(1);

  await page.bringToFront();
  await page.goto(ABS);
  const dom = await ShadowDom.open(page);
  expect(await badge(dom)).toBe('Saved · #video');
  // Its sighting moves the article to the preprint's arXiv id: one paper, with both.
  type Got = { paper: { key: string; doi?: string; journal?: string; tags: string[]; arxivId?: string } | null };
  await expect.poll(async () => (await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2604.14148' })).paper?.key, { timeout: 20_000 }).toBe('arxiv:2604.14148');
  const { paper } = await sendFromExtension<Got>(ext, { type: 'paper.get', key: 'arxiv:2604.14148' });
  expect(paper).toMatchObject({ doi: DOI, journal: 'Journal of Tests', tags: ['video'], arxivId: '2604.14148' });
  expect(await sendFromExtension<Stats>(ext, { type: 'library.stats' })).toMatchObject({ papers: 1, saved: 1, sightings: 1 });
});
