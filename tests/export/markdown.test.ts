import { afterEach, describe, expect, it } from 'vitest';
import { escapeMarkdown, toMarkdown } from '../../lib/export/markdown';
import { SAMPLE, row } from './papers';
import { localDay } from '../../lib/dates';

const tz0 = process.env['TZ'];
afterEach(() => {
  if (tz0 === undefined) delete process.env['TZ'];
  else process.env['TZ'] = tz0;
});

describe('toMarkdown', () => {
  it('lists papers with linked titles, authors, ids, tags and quoted notes', () => {
    const md = toMarkdown([SAMPLE[0]!, SAMPLE[2]!]);
    expect(md).toContain('# Déjà Lu — papers\n\n2 papers.\n');
    expect(md).toContain('- **[Attention Is All You Need](https://arxiv.org/abs/1706.03762)**\n');
    expect(md).toContain(`  - Ashish Vaswani, Noam Shazeer, Niki Parmar · 2017 · arXiv:1706.03762 [cs.CL] · saved ${localDay(1_731_000_000_000)}\n`);
    expect(md).toContain('  - Tags: `transformers`, `nlp`\n');
    expect(md).toContain('  - Note:\n    > Read twice.\n    >\n    > Section 3.2 matters.\n');
    expect(md).toContain('doi:10.1038/s41586-021-03819-2');
  });

  it("names an article's journal in italics, escaped", () => {
    const md = toMarkdown([{ ...SAMPLE[2]!, journal: 'Nature *Methods*' }]);
    expect(md).toMatch(/ · 2021 · \*Nature \\\*Methods\\\*\* · doi:10\.1038/);
  });

  it("cites a venue's volume, issue and pages after its name; proceedings too", () => {
    expect(toMarkdown([{ ...SAMPLE[2]!, journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' }])).toContain(
      ' · 2021 · *Nature* 596\\(7873\\), 583–589 · doi:',
    );
    expect(toMarkdown([{ ...SAMPLE[1]!, proceedings: 'Proceedings of CVPR', pages: '770–778' }])).toContain('*Proceedings of CVPR*, pp. 770–778');
  });

  it('keeps page text as text', () => {
    const md = toMarkdown([row({ key: 'k', title: 'A [link](javascript:alert(1)) <img src=x> *bold*' })]);
    expect(md).toContain('- **A \\[link\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*bold\\***');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });

  it('keeps TeX math in a title as math, unless it would make a link, HTML or code', () => {
    const md = toMarkdown([
      row({ key: 'a', title: '$\\alpha$-Divergence for $O(n \\log n)$ *fast* Sorting, from $5 to $10' }),
      row({ key: 'b', title: 'Bad $[x](javascript:alert(1))$ and $<img src=x>$ and $`c`$ math' }),
    ]);
    expect(md).toContain('- **$\\alpha$-Divergence for $O(n \\log n)$ \\*fast\\* Sorting, from $5 to $10**');
    expect(md).toContain('- **Bad $\\[x\\]\\(javascript:alert\\(1\\)\\)$ and $\\<img src=x\\>$ and $\\`c\\`$ math**');
  });

  it("dates a save by the reader's day, not UTC's", () => {
    process.env['TZ'] = 'America/Los_Angeles';
    // 8 pm on Nov 3 in California is already Nov 4 in UTC.
    const md = toMarkdown([row({ key: 'k', title: 'Evening', savedAt: Date.parse('2025-11-04T04:00:00Z') })]);
    expect(md).toContain('saved 2025-11-03');
  });

  it('shortens very long author lists', () => {
    const authors = Array.from({ length: 12 }, (_, i) => `Author ${i}`);
    expect(toMarkdown([row({ key: 'k', title: 'Big', authors })])).toContain('Author 7, … (12 authors)');
  });
});
