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
