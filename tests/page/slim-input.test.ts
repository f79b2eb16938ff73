import { describe, expect, it } from 'vitest';
import { slimInput } from '../../lib/page/card-input';

// Lookups and the tab's report leave abstracts out (they were most of each message's size); the
// sightings, which store the paper, keep them (they send the card itself).
describe('slimInput', () => {
  it('drops the abstract and keeps everything matching reads', () => {
    const card = {
      title: 'Sparse Mixture of Experts',
      arxivId: '2401.01234',
      version: 2,
      doi: '10.1/abc',
      url: 'https://huggingface.co/papers/2401.01234',
      authors: ['A. Author', 'B. Author'],
      abstract: 'A long abstract. '.repeat(100),
      publishedAt: '2024-01-02',
      year: 2024,
      upvotes: 7,
    };
    const slim = slimInput(card);
    expect(slim).not.toHaveProperty('abstract');
    const { abstract: _a, ...rest } = card;
    expect(slim).toEqual(rest);
    expect(card.abstract).toBeDefined(); // the card itself is left as it was
  });

  it('hands back a card without an abstract as it is', () => {
    const card = { title: 'No abstract here' };
    expect(slimInput(card)).toBe(card);
  });
});
