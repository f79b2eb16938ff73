import { describe, expect, it } from 'vitest';
import { CardInputSchema } from '../../lib/messages';
import { cardInput, slimInput } from '../../lib/page/card-input';
import type { Card, CardPaper } from '../../lib/types';

const card = (paper: CardPaper) => ({ element: {} as Element, anchors: [], paper }) as Card;

const ORDINARY: CardPaper = {
  title: 'Sparse Mixture of Experts',
  arxivId: '2401.01234',
  version: 2,
  doi: '10.1/abc',
  url: 'https://huggingface.co/papers/2401.01234',
  authors: ['A. Author', 'B. Author'],
  abstract: 'A long abstract. '.repeat(100),
  publishedAt: '2024-01-02',
  primaryClass: 'cs.LG',
  proceedings: 'ICLR 2026',
  year: 2024,
  upvotes: 7,
};

// The background refuses a lookup with one field out of the schema's bounds, which left a whole
// page without badges; cardInput keeps every card within them.
describe('cardInput', () => {
  it('keeps an ordinary card as it is', () => {
    expect(cardInput(card(ORDINARY))).toEqual(ORDINARY);
  });

  it('brings every field of an odd card within the schema', () => {
    const odd = cardInput(
      card({
        title: 'T'.repeat(5_000),
        arxivId: '2401.'.repeat(20),
        version: 1.5,
        doi: `10.1/${'x'.repeat(400)}`,
        url: `https://huggingface.co/papers/${'y'.repeat(3_000)}`,
        authors: ['The Collaboration: '.repeat(40), ...Array.from({ length: 500 }, (_, i) => `Author ${i}`)],
        abstract: 'a'.repeat(30_000),
        publishedAt: 'x'.repeat(100),
        primaryClass: 'y'.repeat(100),
        journal: 'z'.repeat(400),
        proceedings: 'Proceedings of a venue whose name is a stray paste',
        year: 20_240,
        upvotes: 1.5,
      }),
    );
    expect(CardInputSchema.safeParse(odd).success).toBe(true);
    expect(odd.title).toHaveLength(2_000);
    expect(odd.authors).toHaveLength(200);
    expect(odd.authors![0]).toHaveLength(300);
    expect(odd).not.toHaveProperty('doi');
    expect(odd).not.toHaveProperty('url');
    expect(odd).not.toHaveProperty('arxivId');
    expect(odd).not.toHaveProperty('version');
    expect(odd).not.toHaveProperty('year');
    expect(odd).not.toHaveProperty('upvotes');
    // A journal's name too long to be one is dropped; the proceedings the card also names stay.
    expect(odd).not.toHaveProperty('journal');
    expect(odd.proceedings).toBe('Proceedings of a venue whose name is a stray paste');
  });

  it('keeps the schema on numbers a page makes up', () => {
    for (const n of [NaN, Infinity, -1, 0, 1e300, 2 ** 60]) {
      const input = cardInput(card({ title: 'A title', version: n, year: n, upvotes: n }));
      expect(CardInputSchema.safeParse(input).success).toBe(true);
    }
  });
});

// Lookups and the tab's report leave abstracts out (they were most of each message's size); the
// sightings, which store the paper, keep them (they send the card itself).
describe('slimInput', () => {
  it('drops the abstract and keeps everything matching reads', () => {
    const input = cardInput(card(ORDINARY));
    const slim = slimInput(input);
    expect(slim).not.toHaveProperty('abstract');
    const { abstract: _a, ...rest } = ORDINARY;
    expect(slim).toEqual(rest);
    expect(input.abstract).toBeDefined(); // the card itself is left as it was
  });

  it('hands back a card without an abstract as it is', () => {
    const input = { title: 'No abstract here' };
    expect(slimInput(input)).toBe(input);
  });
});
