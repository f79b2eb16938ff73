import { describe, expect, it } from 'vitest';
import { cardFromFields } from '../../components/library/add-paper';

const f = (over: Partial<Record<'title' | 'authors' | 'id' | 'year', string>>) => cardFromFields({ title: 'A Paper', authors: '', id: '', year: '', ...over });

describe('adding a paper by hand: the fields as a card', () => {
  it('needs a title, one line', () => {
    expect(f({ title: '  ' })).toEqual({ error: 'A paper needs its title.' });
    expect(f({ title: ' Scaling  Laws\nfor Neural LMs ' })).toEqual({ card: { title: 'Scaling Laws for Neural LMs' } });
  });

  it('reads authors as "First Last, First Last" or "Last, First; Last, First"', () => {
    expect(f({ authors: 'Ada Lovelace, Alan Turing and Grace Hopper' })).toEqual({ card: { title: 'A Paper', authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'] } });
    expect(f({ authors: 'Lovelace, Ada; Turing, Alan;' })).toEqual({ card: { title: 'A Paper', authors: ['Lovelace, Ada', 'Turing, Alan'] } });
    expect(f({ authors: 'Ross Anderson' })).toEqual({ card: { title: 'A Paper', authors: ['Ross Anderson'] } });
  });

  it('takes an arXiv id or link, a DOI or a web page; anything else is refused with a hint', () => {
    expect(f({ id: '2401.01234v2' })).toEqual({ card: { title: 'A Paper', arxivId: '2401.01234', version: 2 } });
    expect(f({ id: 'https://arxiv.org/abs/2401.01234' })).toEqual({ card: { title: 'A Paper', arxivId: '2401.01234' } });
    expect(f({ id: 'https://huggingface.co/papers/2508.27978' })).toEqual({ card: { title: 'A Paper', arxivId: '2508.27978' } });
    expect(f({ id: 'https://doi.org/10.1038/S41586-021-03819-2' })).toEqual({ card: { title: 'A Paper', doi: '10.1038/s41586-021-03819-2' } });
    expect(f({ id: 'https://openreview.net/forum?id=abc' })).toEqual({ card: { title: 'A Paper', url: 'https://openreview.net/forum?id=abc' } });
    expect(f({ id: 'javascript:alert(1)' })).toMatchObject({ error: expect.stringContaining('arXiv id') });
    expect(f({ id: 'see the talk' })).toMatchObject({ error: expect.stringContaining('arXiv id') });
  });

  it('takes a four-digit year', () => {
    expect(f({ year: '2025' })).toEqual({ card: { title: 'A Paper', year: 2025 } });
    for (const year of ['25', '20255', 'MMXXV', '0999']) expect(f({ year })).toEqual({ error: 'A year is four digits, as 2026.' });
  });
});
