/**
 * The bounds of a card as the content script tells it to the background: CardInputSchema
 * (lib/messages.ts) checks them, and the content script keeps its cards within them
 * (lib/page/card-input.ts) without importing zod, so they live apart from the schema.
 */
export const CARD_LIMITS = {
  title: 2_000,
  arxivId: 64,
  version: 1_000,
  doi: 300,
  url: 2_048,
  author: 300,
  authors: 2_000,
  abstract: 20_000,
  publishedAt: 40,
  primaryClass: 40,
  venue: 300,
  yearMin: 1_000,
  yearMax: 3_000,
} as const;
