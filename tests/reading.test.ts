import { describe, expect, it } from 'vitest';
import { readingBadge, readingConcerned, readingOf } from '../lib/reading';

describe('readingOf: the paper a full-text tab shows', () => {
  it("reads arXiv's PDF and HTML addresses, with or without a version, a .pdf or a section; OpenReview's PDFs by their forum", () => {
    expect(readingOf('https://arxiv.org/pdf/2508.27978')).toEqual({ arxivId: '2508.27978', format: 'pdf' });
    expect(readingOf('https://openreview.net/pdf?id=hdMAtt5sXk')).toEqual({ format: 'pdf', forum: 'https://openreview.net/forum?id=hdMAtt5sXk' });
    expect(readingOf('https://arxiv.org/pdf/2508.27978v2')).toEqual({ arxivId: '2508.27978', version: 2, format: 'pdf' });
    expect(readingOf('https://arxiv.org/pdf/2401.01234v1.pdf')).toEqual({ arxivId: '2401.01234', version: 1, format: 'pdf' });
    expect(readingOf('https://arxiv.org/pdf/hep-th/9901001v3')).toEqual({ arxivId: 'hep-th/9901001', version: 3, format: 'pdf' });
    expect(readingOf('https://arxiv.org/html/2508.27978v1/#S3')).toEqual({ arxivId: '2508.27978', version: 1, format: 'html' });
    expect(readingOf('https://arxiv.org/html/2508.27978v1/x1.png')).toEqual({ arxivId: '2508.27978', version: 1, format: 'html' });
  });

  it('reads nothing else: other arXiv pages, other hosts, addresses that are not', () => {
    for (const url of [
      'https://arxiv.org/abs/2508.27978',
      'https://arxiv.org/list/cs.LG/new',
      'https://arxiv.org/pdf/',
      'https://arxiv.org/pdf/not-an-id',
      'http://arxiv.org/pdf/2508.27978',
      'https://export.arxiv.org/pdf/2508.27978',
      'https://example.org/pdf/2508.27978',
      'https://huggingface.co/papers/2508.27978',
      'https://openreview.net/forum?id=hdMAtt5sXk',
      'https://openreview.net/pdf',
      'https://openreview.net/pdf?id=a%22b',
      'https://openreview.net/attachment?id=hdMAtt5sXk&name=supplementary_material',
      'chrome://newtab/',
      'not a url',
      undefined,
    ]) {
      expect(readingOf(url), String(url)).toBeNull();
    }
  });

  it("says on the toolbar icon whether the paper was saved, or how often it was met", () => {
    expect(readingBadge({ savedAt: 5, seenCount: 0 })).toMatchObject({ text: '★' });
    expect(readingBadge({ seenCount: 3 })).toMatchObject({ text: '3×' });
    expect(readingBadge({ seenCount: 12_345 })).toMatchObject({ text: '999×' });
    expect(readingBadge({ seenCount: 0 })).toMatchObject({ text: '' });
    expect(readingBadge(null)).toMatchObject({ text: '' });
  });

  it("refreshes a tab's icon only for a change that may concern its paper", () => {
    const key = 'arxiv:2508.27978';
    expect(readingConcerned(key, { keys: [key] })).toBe(true);
    expect(readingConcerned(key, { keys: ['arxiv:2401.00001'] })).toBe(false);
    expect(readingConcerned(key, { keys: [], all: true })).toBe(true);
    expect(readingConcerned(key, { keys: ['doi:10.1/x'], moved: { [key]: 'doi:10.1/x' } })).toBe(true);
    expect(readingConcerned(key, { keys: [], rematch: [key] })).toBe(true);
    // Not in the library: any paper stored may be it; an event naming none is not.
    expect(readingConcerned(null, { keys: ['arxiv:2401.00001'] })).toBe(true);
    expect(readingConcerned(null, { keys: [] })).toBe(false);
  });
});
