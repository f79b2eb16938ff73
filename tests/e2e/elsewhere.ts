/**
 * For the tests of the pages a reader meets digest papers on again (Google Scholar, OpenReview,
 * arXiv's catchup and author pages): a library page to ask the background from, the Nov 18 digest
 * read first, and badges counted.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, sendFromExtension } from './fixtures';
import { ShadowDom, badgeTexts } from './shadow';

export const NOV18 = 'https://huggingface.co/papers/date/2025-11-18';

export type Stats = { papers: number; sightings: number; saved: number };

export const stats = (ext: Page) => sendFromExtension<Stats>(ext, { type: 'library.stats' });

/** The library page, its settings counting cards as seen on load: no scrolling needed. */
export async function helper(context: BrowserContext, extensionId: string): Promise<Page> {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/library.html`);
  await sendFromExtension(ext, { type: 'settings.set', settings: { seenMode: 'load' } });
  return ext;
}

/** The page's badges' texts, once there are `count` of them. */
export async function badges(dom: ShadowDom, count: number): Promise<string[]> {
  await expect.poll(async () => (await badgeTexts(dom)).length, { timeout: 15_000 }).toBe(count);
  return badgeTexts(dom);
}

/** The Nov 18 digest read (its 11 papers seen), before the page a test is about. */
export async function afterNov18(page: Page, context: BrowserContext, extensionId: string): Promise<{ ext: Page; dom: ShadowDom }> {
  const ext = await helper(context, extensionId);
  await page.bringToFront();
  await page.goto(NOV18);
  const dom = await ShadowDom.open(page);
  await badges(dom, 11);
  await expect.poll(async () => (await stats(ext)).sightings, { timeout: 20_000 }).toBe(11);
  return { ext, dom };
}
