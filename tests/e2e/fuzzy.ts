/**
 * A fuzzy match to split: a saved paper known by its title alone, and a Hugging Face day page whose
 * card shows a near title (one word differs). Used by the popup's and the badge panel's tests.
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
// @ts-expect-error plain JS module shared with the demo
import { sendFrom } from '../../scripts/walk.mjs';

/** A tiny Hugging Face day page in the site's markup (see tests/fixtures/hf). */
function hfDay(cards: { id: string; title: string }[]): string {
  const articles = cards
    .map(
      (c) =>
        `<article class="relative flex flex-col overflow-hidden rounded-xl border"><div class="p-4"><h3 class="mb-1 text-lg font-semibold"><a href="/papers/${c.id}" class="line-clamp-3">${c.title}</a></h3></div></article>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Daily Papers - Hugging Face</title></head>
<body><main><section class="grid">${articles}</section></main></body></html>`;
}

export const STORED_TITLE = 'Sparse Mixture of Experts Scale Better with Fewer Tokens';
export const CARD_TITLE = 'Sparse Mixtures of Experts Scale Better with Fewer Tokens';
export const FUZZY_DAY = 'https://huggingface.co/papers/date/2025-11-24';

/** A saved paper known by title only (as an import or a hand-made entry is), and a day page whose card is a near title. */
export async function fuzzySetUp(ext: Page, pages: Map<string, string | { body: string }>) {
  const stored = await sendFrom(ext, { type: 'paper.save', target: { card: { title: STORED_TITLE } }, saved: true });
  expect(stored.ok).toBe(true);
  pages.set(FUZZY_DAY, {
    body: hfDay([
      { id: '2511.04242', title: CARD_TITLE },
      { id: '2511.04243', title: 'A Completely Unrelated Paper on Protein Folding' },
    ]),
  });
  return stored.paper.key as string;
}
