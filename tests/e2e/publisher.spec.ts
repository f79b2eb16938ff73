/**
 * A paper's own page on a site the extension has no content script for (a publisher's, a
 * proceedings'): the toolbar icon's click lets the popup read the page's citation meta tags, and
 * the popup shows the paper, known or new, to save, tag and annotate. A tab the reader did not click
 * on is never read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { clickToolbarIcon, expect, popupFor, sendFromExtension, test } from './fixtures';
import { afterNov18, stats } from './elsewhere';
// @ts-expect-error plain JS module shared with the demo
import { tabIdOf } from '../../scripts/walk.mjs';
// @ts-expect-error plain JS module shared with the demo
import { onePagePdf } from '../../scripts/pdf.mjs';

const CVF = 'https://openaccess.thecvf.com/content/CVPR2023/html/Huang_Vision_Transformer_With_Super_Token_Sampling_CVPR_2023_paper.html';
const ACM = 'https://dl.acm.org/doi/10.1145/3580305.3599256';
const ACM_PDF = 'https://dl.acm.org/doi/pdf/10.1145/3580305.3599256';
const SPRINGER = 'https://link.springer.com/article/10.1007/s10994-023-06303-2';
const AR5IV = 'https://ar5iv.labs.arxiv.org/html/2508.27978';
const PMLR = 'https://proceedings.mlr.press/v202/kirchenbauer23a.html';
const PMLR_PDF = 'https://proceedings.mlr.press/v202/kirchenbauer23a/kirchenbauer23a.pdf';

/** The reader goes to `url` in `page`'s tab and opens the popup there, from the toolbar. */
async function popupAt(page: Page, context: BrowserContext, extensionId: string, tabId: number, url: string): Promise<{ popup: Page; row: Locator }> {
  await page.goto(url);
  await clickToolbarIcon(context, extensionId, page);
  const popup = await popupFor(context, extensionId, tabId);
  return { popup, row: popup.getByTestId('reading').getByTestId('paper-row') };
}

const html = (head: string) => `<!doctype html><html><head><meta charset="utf-8">${head}<title>Paper</title></head><body><h1>Paper</h1></body></html>`;
const metaTags = (tags: [string, string][]) => tags.map(([n, c]) => `<meta name="${n}" content="${c}">`).join('\n');

test("popup on a paper's page elsewhere: a digest's paper known by its title, a new one saved as its tags describe it, a tab not clicked never read", async ({
  page,
  pages,
  context,
  extensionId,
}) => {
  pages.set(CVF, {
    body: html(
      metaTags([
        // CVF capitalises its titles its own way: the same paper as the digest's.
        ['citation_title', 'Vision Transformer With Super Token Sampling'],
        ['citation_author', 'Huang, Huaibo'],
        ['citation_author', 'Zhou, Xiaoqiang'],
        ['citation_publication_date', '2023'],
        ['citation_conference_title', 'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)'],
        ['citation_firstpage', '22690'],
      ]),
    ),
  });
  pages.set(ACM, {
    body: html(
      `${metaTags([
        ['dc.Title', 'Scaling Laws for Recommendation Models: Towards General-Purpose User Representations'],
        ['dc.Creator', 'Ardalani, Newsha'],
        ['dc.Creator', 'Wu, Carole-Jean'],
        ['dc.Date', '2023-08-06'],
        ['citation_reference', 'citation_title=Attention is all you need'],
      ])}<meta name="dc.Identifier" scheme="doi" content="10.1145/3580305.3599256">`,
    ),
  });
  pages.set(ACM_PDF, { body: onePagePdf('Scaling Laws for Recommendation Models'), contentType: 'application/pdf' });
  pages.set(AR5IV, { body: html('') });
  pages.set(PMLR, {
    body: html(
      metaTags([
        ['citation_title', 'A Watermark for Large Language Models'],
        ['citation_author', 'Kirchenbauer, John'],
        ['citation_publication_date', '2023/07/03'],
        ['citation_conference_title', 'Proceedings of the 40th International Conference on Machine Learning'],
        ['citation_pdf_url', PMLR_PDF],
      ]),
    ),
  });
  pages.set(PMLR_PDF, { body: onePagePdf('A Watermark for Large Language Models'), contentType: 'application/pdf' });
  pages.set(SPRINGER, { body: html(metaTags([['citation_title', 'Learning from Noisy Labels'], ['citation_doi', '10.1007/s10994-023-06303-2']])) });
  const { ext } = await afterNov18(page, context, extensionId);
  const before = await stats(ext);
  const tabId: number = await tabIdOf(ext, page);

  // The CVPR version of a paper from the Nov 18 digest: the popup knows it as the digest's paper.
  let { popup, row } = await popupAt(page, context, extensionId, tabId, CVF);
  await expect(popup.getByTestId('site-name')).toHaveText('openaccess.thecvf.com');
  await expect(row).toHaveCount(1);
  // As this page titles it, as a digest's row shows its card's title.
  await expect(row.getByTestId('row-title')).toHaveText('Vision Transformer With Super Token Sampling');
  await expect(row.getByTestId('dedup-status')).toHaveText(/^Seen 1×: Hugging Face Nov 18/);
  await expect(row.getByTestId('dedup-status')).toContainText('matched by');
  // Saved here: the library learns where it was published, as this page says, and the page's address.
  await row.getByTestId('save-toggle').click();
  type Venue = { paper: { proceedings?: string; year?: number; urls: string[]; savedAt?: number } | null };
  const cvf = async () => (await sendFromExtension<Venue>(ext, { type: 'paper.get', key: 'arxiv:2211.83983' })).paper;
  await expect.poll(async () => (await cvf())?.savedAt, { timeout: 10_000 }).toEqual(expect.any(Number));
  expect(await cvf()).toMatchObject({ proceedings: 'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)', year: 2023 });
  expect((await cvf())?.urls).toContain(CVF);
  await popup.close();

  // Another paper of that digest, read as ar5iv's HTML: by the arXiv id in the address.
  ({ popup, row } = await popupAt(page, context, extensionId, tabId, AR5IV));
  await expect(popup.getByTestId('site-name')).toHaveText('arXiv:2508.27978 · HTML');
  await expect(row.getByTestId('row-title')).toHaveText('Hidden Dynamics of Massive Activations in Transformer Training');
  await expect(row.getByTestId('dedup-status')).toHaveText(/^Seen 1×: Hugging Face Nov 18/);
  await popup.close();

  // A paper the library does not hold, on ACM's page (Dublin Core): saved, tagged and noted here.
  ({ popup, row } = await popupAt(page, context, extensionId, tabId, ACM));
  await expect(popup.getByTestId('site-name')).toHaveText('dl.acm.org');
  await expect(row.getByTestId('row-title')).toHaveText('Scaling Laws for Recommendation Models: Towards General-Purpose User Representations');
  await expect(row.getByTestId('dedup-status')).toHaveText('New · not in your library');
  await row.getByTestId('save-toggle').click();
  await expect(row.getByTestId('save-toggle')).toHaveAttribute('aria-pressed', 'true');
  await row.getByTestId('row-title').click();
  await row.getByTestId('tag-input').fill('recsys');
  await row.getByTestId('tag-input').press('Enter');
  await row.getByTestId('note-input').click();
  await row.getByTestId('note-input').pressSequentially('Compare with the HSTU scaling curves.', { delay: 5 });
  const key = 'doi:10.1145/3580305.3599256';
  type Got = { paper: { title: string; doi?: string; authors: string[]; year?: number; savedAt?: number; tags: string[]; note?: string; seenCount: number } | null };
  const stored = async () => (await sendFromExtension<Got>(ext, { type: 'paper.get', key })).paper;
  await expect.poll(async () => (await stored())?.note, { timeout: 10_000 }).toBe('Compare with the HSTU scaling curves.');
  expect(await stored()).toMatchObject({
    doi: '10.1145/3580305.3599256',
    authors: ['Newsha Ardalani', 'Carole-Jean Wu'],
    year: 2023,
    savedAt: expect.any(Number),
    tags: ['recsys'],
    // Reading a paper's page is not meeting it in a digest.
    seenCount: 0,
  });
  await popup.screenshot({ path: test.info().outputPath('popup-publisher.png') });
  await popup.close();

  // Its PDF on the same site: the tab shows no tags, its address names the DOI.
  ({ popup, row } = await popupAt(page, context, extensionId, tabId, ACM_PDF));
  await expect(popup.getByTestId('site-name')).toHaveText('dl.acm.org · PDF');
  await expect(row.getByTestId('row-title')).toHaveText('Scaling Laws for Recommendation Models: Towards General-Purpose User Representations');
  await expect(row.getByTestId('row-title')).toHaveAttribute('aria-expanded', 'true');
  await expect(row.getByTestId('note-input')).toHaveValue('Compare with the HSTU scaling curves.');
  await popup.close();

  // Saved from a proceedings' page (no DOI), the paper keeps the PDF its tags name: its PDF's popup knows it.
  ({ popup, row } = await popupAt(page, context, extensionId, tabId, PMLR));
  await expect(row.getByTestId('row-title')).toHaveText('A Watermark for Large Language Models');
  await row.getByTestId('save-toggle').click();
  await expect(row.getByTestId('save-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await stats(ext)).saved).toBe(3);
  await popup.close();
  ({ popup, row } = await popupAt(page, context, extensionId, tabId, PMLR_PDF));
  await expect(popup.getByTestId('site-name')).toHaveText('proceedings.mlr.press · PDF');
  await expect(row.getByTestId('row-title')).toHaveText('A Watermark for Large Language Models');
  await expect(row.getByTestId('save-toggle')).toHaveAttribute('aria-pressed', 'true');
  await popup.close();

  // A paper's page the reader did not click the icon on: the popup may not read it, and says nothing of it.
  const other = await context.newPage();
  await other.goto('https://huggingface.co/');
  const otherId: number = await tabIdOf(ext, other);
  await other.goto(SPRINGER);
  popup = await popupFor(context, extensionId, otherId);
  await expect(popup.getByTestId('no-cards')).toBeVisible();
  await expect(popup.getByTestId('reading')).toHaveCount(0);
  expect(await stats(ext)).toMatchObject({ papers: before.papers + 2, sightings: before.sightings, saved: 3 });
});

test("popup on the PDF beside a Google Scholar result: the paper by that link, though the PDF says nothing of it", async ({ page, pages, context, extensionId }) => {
  const scholar = 'https://scholar.google.com/scholar?hl=en&q=expert+routing';
  const landing = 'https://dl.acm.org/doi/10.1145/3637528.3671234';
  const pdf = 'https://people.example.edu/~kim/papers/expert-routing.pdf';
  const title = 'Routing Experts by Their Own Confidence';
  // One result as Scholar prints it: the publisher's page as its title link, "[PDF] example.edu" beside it.
  pages.set(scholar, {
    body: `<!doctype html><html><body><div id="gs_res_ccl_mid"><div class="gs_r gs_or gs_scl" data-cid="rOuTiNgExPeR"><div class="gs_ggs gs_fl"><div class="gs_ggsd"><div class="gs_or_ggsm"><a href="${pdf}"><span class="gs_ctg2">[PDF]</span> example.edu</a></div></div></div><div class="gs_ri"><h3 class="gs_rt"><a id="rOuTiNgExPeR" href="${landing}">${title}</a></h3><div class="gs_a">J Kim, A Lee - Proceedings of the 30th ACM SIGKDD, 2024 - dl.acm.org</div></div></div></div></body></html>`,
  });
  pages.set(pdf, { body: onePagePdf(title), contentType: 'application/pdf' });
  const { ext } = await afterNov18(page, context, extensionId);
  await page.goto(scholar);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(12);
  const tabId: number = await tabIdOf(ext, page);

  // The [PDF] clicked: no tags, no DOI in its address; the address is one of the paper's links.
  const { popup, row } = await popupAt(page, context, extensionId, tabId, pdf);
  await expect(popup.getByTestId('site-name')).toHaveText('people.example.edu · PDF');
  await expect(row.getByTestId('row-title')).toHaveText(title);
  await expect(row.getByTestId('dedup-status')).toHaveText(/^Seen 1×: Google Scholar “expert routing”/);
  await row.getByTestId('save-toggle').click();
  await expect(row.getByTestId('save-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await stats(ext)).saved).toBe(1);
  // Its DOI came from the title link, its links are both.
  const key = 'doi:10.1145/3637528.3671234';
  const got = await sendFromExtension<{ paper: { urls: string[] } | null }>(ext, { type: 'paper.get', key });
  expect(got.paper?.urls).toEqual([landing, pdf]);

  // The library's details link both, the publisher's page and the PDF.
  await ext.bringToFront();
  await ext.reload();
  await ext.locator('[data-testid="paper-row"]', { has: ext.locator('.row-title', { hasText: title }) }).getByTestId('row-open').click();
  const detail = ext.getByTestId('detail-panel');
  await expect(detail.getByTestId('link-web')).toHaveAttribute('href', landing);
  await expect(detail.getByTestId('link-pdf')).toHaveAttribute('href', pdf);
});

test('popup on a PDF saved from arXiv and opened from the disk: the paper by the file name arXiv gave it', async ({ page, context, extensionId }) => {
  const dir = mkdtempSync(join(tmpdir(), 'dejalu-downloads-'));
  const file = join(dir, '2508.27978v2.pdf');
  writeFileSync(file, onePagePdf('Hidden Dynamics of Massive Activations'));
  try {
    const { ext } = await afterNov18(page, context, extensionId);
    const tabId: number = await tabIdOf(ext, page);
    const { popup, row } = await popupAt(page, context, extensionId, tabId, pathToFileURL(file).href);
    await expect(popup.getByTestId('site-name')).toHaveText('arXiv:2508.27978v2 · PDF');
    await expect(row.getByTestId('row-title')).toHaveText('Hidden Dynamics of Massive Activations in Transformer Training');
    await expect(row.getByTestId('dedup-status')).toHaveText(/^Seen 1×: Hugging Face Nov 18/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
