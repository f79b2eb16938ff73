import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, effectiveSort, filtersFromHash, filtersToHash, isFiltered, paperFromHash, paperHash, toSearchQuery } from '../../components/library/query';

describe('library filters', () => {
  it('become a library.search query, leaving out what is unset', () => {
    expect(toSearchQuery(DEFAULT_FILTERS, 0)).toEqual({ text: '', status: 'all', sort: 'lastSeen', offset: 0, limit: 50 });
    expect(
      toSearchQuery({ text: '  diffusion  ', status: 'saved', tag: 'nlp', site: 'arxiv', from: '2025-01-01', to: '2025-02-01', sort: 'relevance' }, 100, 50),
    ).toEqual({ text: 'diffusion', status: 'saved', tag: 'nlp', site: 'arxiv', from: '2025-01-01', to: '2025-02-01', sort: 'relevance', offset: 100, limit: 50 });
  });

  it('never asks for more than the protocol allows, nor a half-typed date', () => {
    expect(toSearchQuery(DEFAULT_FILTERS, 0, 5_000).limit).toBe(500);
    expect(toSearchQuery(DEFAULT_FILTERS, 0, 0).limit).toBe(1);
    expect(toSearchQuery({ ...DEFAULT_FILTERS, from: '2025-1' }, 0).from).toBeUndefined();
  });

  it('sorts by best match only while searching', () => {
    expect(effectiveSort({ ...DEFAULT_FILTERS, sort: 'relevance' })).toBe('lastSeen');
    expect(effectiveSort({ ...DEFAULT_FILTERS, sort: 'relevance', text: 'x' })).toBe('relevance');
    expect(effectiveSort({ ...DEFAULT_FILTERS, sort: 'title' })).toBe('title');
  });

  it('round-trip through the URL hash, which holds only non-defaults', () => {
    expect(filtersToHash(DEFAULT_FILTERS)).toBe('');
    const f = { ...DEFAULT_FILTERS, text: 'a&b #c', status: 'seen' as const, tag: 'nlp', from: '2025-11-01' };
    const hash = filtersToHash(f);
    expect(hash).toBe('#q=a%26b+%23c&status=seen&tag=nlp&from=2025-11-01');
    expect(filtersFromHash(hash)).toEqual(f);
    const mostSeen = { ...DEFAULT_FILTERS, status: 'seen' as const, sort: 'seenCount' as const };
    expect(filtersFromHash(filtersToHash(mostSeen))).toEqual(mostSeen);
  });

  it('name one paper to open, whatever its key holds', () => {
    for (const key of ['arxiv:2401.01234', 'title:attention is all you need', 'doi:10.1000/a&b#c=d'])
      expect(paperFromHash(paperHash(key))).toBe(key);
    expect(paperFromHash('#q=diffusion')).toBeNull();
    expect(paperFromHash(`#paper=${'x'.repeat(2_201)}`)).toBeNull();
    // Not a filter: the list opens unfiltered beside the paper.
    expect(filtersFromHash(paperHash('arxiv:2401.01234'))).toEqual(DEFAULT_FILTERS);
  });

  it('ignore nonsense in a hand-edited hash', () => {
    expect(filtersFromHash('#status=deleted&site=myspace&sort=random&from=yesterday&to=2025-13')).toEqual(DEFAULT_FILTERS);
    expect(filtersFromHash('')).toEqual(DEFAULT_FILTERS);
  });

  it('read a hand-edited tag by the one tag rule', () => {
    expect(filtersFromHash('#tag=LLM').tag).toBe('llm');
    expect(filtersFromHash('#tag=%23Deep%20Learning').tag).toBe('deep-learning');
  });

  it('know when the view is filtered', () => {
    expect(isFiltered(DEFAULT_FILTERS)).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, sort: 'title' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, text: ' ' })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, tag: 'x' })).toBe(true);
  });
});
