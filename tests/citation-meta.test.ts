// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageMetaOf, paperFromMeta, readPageMeta, type PageMeta } from '../lib/citation-meta';
import { parsePage } from './sites/helpers';

const meta = (url: string, tags: [string, string][], pdf = false): PageMeta => ({ url, pdf, tags });

describe('readPageMeta: what the popup reads from the tab it was opened on', () => {
  it('keeps the scholarly tags by lowercased name, in page order, and leaves references and everything else', () => {
    document.head.innerHTML = [
      '<meta name="citation_title" content="Attention Is All You Need">',
      '<meta name="citation_author" content="Vaswani, Ashish">',
      '<meta name="citation_author" content="Shazeer, Noam">',
      '<meta name="citation_reference" content="citation_title=Long short-term memory">',
      '<meta name="DC.Identifier" content="10.5555/3295222.3295349">',
      '<meta property="og:title" content="Attention Is All You Need | Proceedings">',
      '<meta name="description" content="A paper">',
      '<meta name="citation_doi" content="">',
      '<meta name="prism.publicationName" content="Advances in Neural Information Processing Systems">',
    ].join('');
    const read = readPageMeta();
    expect(read.pdf).toBe(false);
    expect(read.url).toBe(location.href);
    expect(read.tags).toEqual([
      ['citation_title', 'Attention Is All You Need'],
      ['citation_author', 'Vaswani, Ashish'],
      ['citation_author', 'Shazeer, Noam'],
      ['dc.identifier', '10.5555/3295222.3295349'],
      ['prism.publicationname', 'Advances in Neural Information Processing Systems'],
    ]);
  });

  it("cuts long contents and keeps a name 500 times at most: a collaboration's DOI after its 3,000 authors", () => {
    document.head.innerHTML =
      `<meta name="citation_abstract" content="${'a'.repeat(30_000)}">` +
      '<meta name="citation_author" content="Aad, G.">'.repeat(3_000) +
      '<meta name="citation_doi" content="10.1016/j.physletb.2012.08.020">';
    const read = readPageMeta();
    expect(read.tags[0]?.[1]).toHaveLength(20_000);
    expect(read.tags.filter(([n]) => n === 'citation_author')).toHaveLength(500);
    expect(read.tags.at(-1)).toEqual(['citation_doi', '10.1016/j.physletb.2012.08.020']);
  });

  it('reads a real page: arXiv\'s abstract page of a paper with 171 authors', () => {
    const doc = parsePage(readFileSync(join(process.cwd(), 'tests/fixtures/real/arxiv-abs-2604.14148-2026-04.html'), 'utf8'), 'https://arxiv.org/abs/2604.14148');
    // Its meta tags only: the page's stylesheets and scripts are no part of what is read.
    document.head.replaceChildren(...[...doc.querySelectorAll('meta')].map((m) => document.importNode(m, true)));
    const paper = paperFromMeta({ ...readPageMeta(), url: 'https://arxiv.org/abs/2604.14148' });
    expect(paper).toMatchObject({
      title: 'Seedance 2.0: Advancing Video Generation for World Complexity',
      arxivId: '2604.14148',
      url: 'https://arxiv.org/abs/2604.14148',
      fullTextUrl: 'https://arxiv.org/pdf/2604.14148',
      year: 2026,
      publishedAt: '2026-04-15',
    });
    expect(paper?.authors?.slice(0, 3)).toEqual(['Team Seedance', 'De Chen', 'Liyang Chen']);
    expect(paper?.authors).toHaveLength(171);
    expect(paper?.abstract).toMatch(/^Seedance 2\.0 is a new native multi-modal audio-video generation model/);
    expect(paper).not.toHaveProperty('journal');
  });

  it('is self-contained, since the browser runs its source in the tab', () => {
    // What chrome.scripting does with `func`: its text, evaluated where none of this module is.
    const source = readPageMeta.toString();
    document.head.innerHTML = '<meta name="citation_title" content="Alone">';
    const rebuilt = new Function(`return (${source})`)() as typeof readPageMeta;
    expect(rebuilt().tags).toEqual([['citation_title', 'Alone']]);
  });
});

describe('pageMetaOf: the tab\'s answer, checked', () => {
  it('keeps well-formed pairs only and refuses what is not an answer', () => {
    expect(pageMetaOf({ url: 'https://x.org/', pdf: true, tags: [['citation_title', 'T'], ['x', 3], 'no', null] })).toEqual({
      url: 'https://x.org/',
      pdf: true,
      tags: [['citation_title', 'T']],
    });
    expect(pageMetaOf({ url: 'https://x.org/', pdf: 'yes', tags: [] })).toEqual({ url: 'https://x.org/', pdf: false, tags: [] });
    for (const bad of [undefined, null, 'x', { url: 1, tags: [] }, { url: 'https://x.org/', tags: 'no' }]) expect(pageMetaOf(bad)).toBeNull();
  });
});

describe('paperFromMeta: the paper a page of another site describes', () => {
  it("reads a journal article's Highwire tags (Springer): title, authors turned round, DOI, day, journal, abstract", () => {
    const paper = paperFromMeta(
      meta('https://link.springer.com/article/10.1007/s10994-023-06303-2#Sec1', [
        ['citation_title', 'Learning from  noisy labels\nwith deep neural networks'],
        ['citation_author', 'Song, Hwanjun'],
        ['citation_author', 'Kim, Minseok'],
        ['citation_author', 'Lee, Jae-Gil'],
        ['citation_doi', '10.1007/s10994-023-06303-2'],
        ['citation_publication_date', '2023/03/15'],
        ['citation_journal_title', 'Machine Learning'],
        ['citation_abstract', '<p>Deep learning has achieved <i>remarkable</i> success.</p>'],
        ['citation_pdf_url', 'https://link.springer.com/content/pdf/10.1007/s10994-023-06303-2.pdf'],
      ]),
    );
    expect(paper).toEqual({
      title: 'Learning from noisy labels with deep neural networks',
      doi: '10.1007/s10994-023-06303-2',
      url: 'https://link.springer.com/article/10.1007/s10994-023-06303-2',
      authors: ['Hwanjun Song', 'Minseok Kim', 'Jae-Gil Lee'],
      year: 2023,
      publishedAt: '2023-03-15',
      journal: 'Machine Learning',
      abstract: 'Deep learning has achieved remarkable success.',
      fullTextUrl: 'https://link.springer.com/content/pdf/10.1007/s10994-023-06303-2.pdf',
    });
  });

  it('reads conference proceedings (PMLR) as proceedings, and a page without a DOI by its title', () => {
    const paper = paperFromMeta(
      meta('https://proceedings.mlr.press/v202/kirchenbauer23a.html', [
        ['citation_title', 'A Watermark for Large Language Models'],
        ['citation_author', 'Kirchenbauer, John'],
        ['citation_author', 'Geiping, Jonas'],
        ['citation_publication_date', '2023/07/03'],
        ['citation_conference_title', 'Proceedings of the 40th International Conference on Machine Learning'],
        ['citation_firstpage', '17061'],
      ]),
    );
    expect(paper).toMatchObject({
      title: 'A Watermark for Large Language Models',
      authors: ['John Kirchenbauer', 'Jonas Geiping'],
      proceedings: 'Proceedings of the 40th International Conference on Machine Learning',
      year: 2023,
    });
    expect(paper).not.toHaveProperty('doi');
    expect(paper).not.toHaveProperty('journal');
  });

  it("gives a preprint server no venue (bioRxiv names itself the journal)", () => {
    const paper = paperFromMeta(
      meta('https://www.biorxiv.org/content/10.1101/2023.01.03.522633v2', [
        ['citation_title', 'Single-cell atlas of the aging mouse brain'],
        ['citation_author', 'Doe, Jane'],
        ['citation_journal_title', 'bioRxiv'],
        ['citation_doi', '10.1101/2023.01.03.522633'],
        ['citation_publication_date', '2023/01/05'],
      ]),
    );
    expect(paper).toMatchObject({ doi: '10.1101/2023.01.03.522633', year: 2023 });
    expect(paper).not.toHaveProperty('journal');
    expect(paper).not.toHaveProperty('proceedings');
  });

  it("reads Dublin Core (ACM's pages) when a DOI says the page is a paper's, from the tags or the address", () => {
    const acm = [
      ['dc.title', 'Scaling Laws for Recommendation Models'],
      ['dc.creator', 'Ardalani, Newsha'],
      ['dc.creator', 'Wu, Carole-Jean'],
      ['dc.date', 'August 6, 2023'],
    ] as [string, string][];
    expect(paperFromMeta(meta('https://dl.acm.org/doi/10.1145/3580305.3599256', [...acm, ['dc.identifier', 'doi:10.1145/3580305.3599256']]))).toMatchObject({
      title: 'Scaling Laws for Recommendation Models',
      doi: '10.1145/3580305.3599256',
      authors: ['Newsha Ardalani', 'Carole-Jean Wu'],
      year: 2023,
    });
    expect(paperFromMeta(meta('https://dl.acm.org/doi/10.1145/3580305.3599256', acm), '10.1145/3580305.3599256')).toMatchObject({ doi: '10.1145/3580305.3599256' });
    // A blog post's Dublin Core is not a paper.
    expect(paperFromMeta(meta('https://blog.example.org/post', acm))).toBeNull();
  });

  it('takes an arXiv DOI or citation_arxiv_id as the arXiv id, and the first DOI of several identifiers', () => {
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', 'T'], ['citation_doi', 'https://doi.org/10.48550/arXiv.2401.01234']]))).toEqual({
      title: 'T',
      arxivId: '2401.01234',
      url: 'https://example.org/p',
    });
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', 'T'], ['citation_arxiv_id', '2401.01234v3'], ['citation_doi', '10.1000/xyz']]))).toMatchObject({
      arxivId: '2401.01234',
      version: 3,
      doi: '10.1000/xyz',
    });
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', 'T'], ['dc.identifier', 'urn:isbn:123'], ['dc.identifier', 'doi:10.1000/ABC']]))).toMatchObject({ doi: '10.1000/abc' });
  });

  it('reads authors given in one tag, days in other forms, and no address but https', () => {
    const paper = paperFromMeta(
      meta('http://example.org/p', [
        ['citation_title', 'T'],
        ['citation_authors', 'Smith, Ann; Jones, Bob;'],
        ['citation_date', '2021-7-9'],
      ]),
    );
    expect(paper).toEqual({ title: 'T', authors: ['Ann Smith', 'Bob Jones'], year: 2021, publishedAt: '2021-07-09' });
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', 'T'], ['citation_publication_date', '2019']]))).toMatchObject({ year: 2019 });
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', 'T'], ['citation_publication_date', '2019/13/40']]))).not.toHaveProperty('publishedAt');
  });

  it('names no paper without a title', () => {
    expect(paperFromMeta(meta('https://example.org/p', []))).toBeNull();
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', '  '], ['citation_doi', '10.1000/x']]))).toBeNull();
    expect(paperFromMeta(meta('https://example.org/p', [['citation_title', '<b></b>']]))).toBeNull();
  });
});
