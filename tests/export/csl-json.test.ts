import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../lib/export/bibtex';
import { parseCslJson, toCslItems, toCslJson } from '../../lib/export/csl-json';
import { SAMPLE, row } from './papers';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'import', name), 'utf8');

describe('toCslJson', () => {
  it('writes arXiv preprints the way Zotero does', () => {
    const [item] = toCslItems([SAMPLE[0]!]);
    expect(item).toEqual({
      id: 'vaswani2017attention',
      'citation-key': 'vaswani2017attention',
      type: 'article',
      title: 'Attention Is All You Need',
      author: [
        { family: 'Vaswani', given: 'Ashish' },
        { family: 'Shazeer', given: 'Noam' },
        { family: 'Parmar', given: 'Niki' },
      ],
      issued: { 'date-parts': [[2017]] },
      URL: 'https://arxiv.org/abs/1706.03762',
      DOI: '10.48550/arXiv.1706.03762',
      publisher: 'arXiv',
      number: 'arXiv:1706.03762',
      keyword: 'transformers, nlp',
      annote: 'Read twice.\n\nSection 3.2 matters.',
    });
  });

  it('writes journal articles as article-journal, single names as literals, dates from publishedAt', () => {
    const items = toCslItems([
      SAMPLE[2]!,
      { ...SAMPLE[3]!, authors: ['Plato'], publishedAt: '2024-03-05' },
    ]);
    expect(items[0]).toMatchObject({ type: 'article-journal', DOI: '10.1038/s41586-021-03819-2', issued: { 'date-parts': [[2021]] } });
    expect(items[0]?.publisher).toBeUndefined();
    expect(items[1]).toMatchObject({ author: [{ literal: 'Plato' }], issued: { 'date-parts': [[2024, 3, 5]] } });
  });

  it("writes a conference paper as paper-conference; a venue's volume, issue and pages; reads them back", () => {
    const [conf, article] = toCslItems([
      { ...SAMPLE[0]!, proceedings: 'Advances in Neural Information Processing Systems 30', pages: '5998–6008' },
      { ...SAMPLE[2]!, journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' },
    ]);
    expect(conf).toMatchObject({ type: 'paper-conference', 'container-title': 'Advances in Neural Information Processing Systems 30', page: '5998-6008' });
    // Cited as the conference paper it is, not as an arXiv preprint.
    expect(conf?.publisher).toBeUndefined();
    expect(article).toMatchObject({ type: 'article-journal', 'container-title': 'Nature', volume: '596', issue: '7873', page: '583-589' });
    const [c, a] = parseCslJson(JSON.stringify([conf, article]));
    expect(c).toMatchObject({ proceedings: 'Advances in Neural Information Processing Systems 30', pages: '5998–6008' });
    expect(c).not.toHaveProperty('journal');
    expect(a).toMatchObject({ journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' });
    // Numbers as numbers (some tools write them so), and a report's series is no venue.
    expect(parseCslJson('[{"type":"article-journal","title":"T","container-title":"J","volume":12,"page":"1-2"}]')[0]).toMatchObject({ volume: '12', pages: '1–2' });
    expect(parseCslJson('[{"type":"report","title":"T","container-title":"Tech series","volume":"3"}]')[0]).not.toHaveProperty('volume');
  });

  it('writes organisations as literal names, people called Ai as people', () => {
    const [item] = toCslItems([{ ...SAMPLE[3]!, authors: ['Qwen Team', 'Meta AI', 'Qing Ai'] }]);
    expect(item?.author).toEqual([{ literal: 'Qwen Team' }, { literal: 'Meta AI' }, { family: 'Ai', given: 'Qing' }]);
  });

  it('agrees with BibTeX on the year: a stored year wins over a publication date of another year', () => {
    // A journal paper imported with its year, later seen on a digest with its arXiv date.
    const p = row({ key: 'arxiv:2010.11929', arxivId: '2010.11929', doi: '10.1000/iclr.2021', title: 'An Image is Worth 16x16 Words', authors: ['Alexey Dosovitskiy'], year: 2021, publishedAt: '2020-10-22' });
    expect(toBibtex([p])).toContain('year = {2021}');
    expect(toCslItems([p])[0]?.issued).toEqual({ 'date-parts': [[2021]] });
    // The same year: the date's month and day are kept.
    expect(toCslItems([{ ...p, publishedAt: '2021-05-04' }])[0]?.issued).toEqual({ 'date-parts': [[2021, 5, 4]] });
    // No stored year: the date gives it, whole.
    const { year: _year, ...undated } = p;
    expect(toCslItems([{ ...undated, publishedAt: '2020-10' }])[0]?.issued).toEqual({ 'date-parts': [[2020, 10]] });
  });

  it('round-trips through its own parser and is JSON text', () => {
    const text = toCslJson(SAMPLE);
    expect(JSON.parse(text)).toHaveLength(SAMPLE.length);
    const back = parseCslJson(text);
    expect(back.map((p) => p.title)).toEqual(SAMPLE.map((p) => p.title));
    expect(back.map((p) => p.authors)).toEqual(SAMPLE.map((p) => p.authors));
    expect(back.map((p) => p.arxivId)).toEqual(SAMPLE.map((p) => p.arxivId));
    expect(back.map((p) => p.tags)).toEqual(SAMPLE.map((p) => p.tags));
    expect(back[0]?.note).toBe(SAMPLE[0]?.note);
  });
});

describe('parseCslJson on a Zotero export', () => {
  const papers = parseCslJson(fixture('zotero-library.json'));

  it('skips items without a title and keeps the rest in order', () => {
    expect(papers.map((p) => p.title)).toEqual([
      'Attention Is All You Need',
      'Highly accurate protein structure prediction with AlphaFold',
      'Über die Stabilität von Diffusionsmodellen',
      'Sparse Mixture-of-Experts Routing',
    ]);
  });

  it('reads arXiv preprints: id (arXiv’s DOI is not kept as the paper’s), year, keywords; the "arXiv:… [cs]" note is not a note', () => {
    expect(papers[0]).toEqual({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      arxivId: '1706.03762',
      // arXiv's own DOI gave the id; it is not the paper's DOI (that is a journal's).
      year: 2017,
      url: 'http://arxiv.org/abs/1706.03762',
      abstract: 'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks.',
      tags: ['computer-science---computation-and-language', 'computer-science---machine-learning'],
    });
  });

  it('reads a journal article with particles in names', () => {
    expect(papers[1]).toMatchObject({
      journal: 'Nature',
      volume: '596',
      issue: '7873',
      pages: '583–589',
      doi: '10.1038/s41586-021-03819-2',
      year: 2021,
      authors: ['John Jumper', 'Augustin Žídek', 'Ludwig van Beethoven'],
      tags: ['structural-biology', 'computational-biophysics'],
    });
    expect(papers[1]?.arxivId).toBeUndefined();
  });

  it('reads literal names, versions in URLs, notes, archive_location and raw dates', () => {
    expect(papers[2]).toMatchObject({
      authors: ['Jörg Müller', 'Google DeepMind'],
      arxivId: '2401.01234',
      version: 2,
      year: 2024,
      note: 'Very relevant to chapter 2.\nCheck the appendix.',
      tags: ['diffusion', 'my-reading-list'],
    });
    expect(papers[3]).toMatchObject({ arxivId: '2203.04567', year: 2022, authors: [] });
  });

  it('accepts a lone item', () => {
    expect(parseCslJson('{"type": "article", "title": "Alone"}')).toEqual([{ title: 'Alone', authors: [], tags: [] }]);
  });
});

describe('parseCslJson on broken input', () => {
  const error = (text: string) => {
    try {
      parseCslJson(text);
    } catch (err) {
      return (err as Error).message;
    }
    return 'no error';
  };
  it('explains each failure', () => {
    expect(error('')).toBe('The file is empty.');
    expect(error('[{"type": "article", "title": "Cut')).toMatch(/incomplete.*cut off/);
    expect(error('[{"type": "article"},')).toMatch(/incomplete/);
    expect(error('not json at all')).toMatch(/not valid JSON/);
    expect(error('{"name": "some-package", "version": "1.0.0"}')).toMatch(/not CSL-JSON/);
    expect(error('[]')).toMatch(/no items/);
    expect(error('[1, 2]')).toMatch(/item 1 is not an object/);
    expect(error('[{"type": "webpage"}]')).toMatch(/None of the 1 CSL-JSON items has a title/);
  });
});
